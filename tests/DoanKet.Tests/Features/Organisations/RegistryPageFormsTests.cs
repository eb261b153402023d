using System.Net;
using DoanKet.Domain.Organisations;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Organisations;

/// <summary>The organisation page's congress, membership and term forms, through the real sign-in and antiforgery.</summary>
public sealed class RegistryPageFormsTests
{
    [DatabaseTheory]
    public async Task Officer_records_a_congress_with_targets_a_membership_count_and_ends_a_term_on_the_page(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (browser, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var token = await Browser.FormTokenAsync(browser);
        var (committee, women, term) = await app.DbAsync(async db =>
        {
            var boDe = await db.Units.SingleAsync(u => u.Code == "DEMO-BODE");
            var c = await db.Organisations.SingleAsync(o => o.UnitId == boDe.Id && o.Kind == OrganisationKind.FrontCommittee);
            var w = await db.Organisations.SingleAsync(o => o.UnitId == boDe.Id && o.Kind == OrganisationKind.WomenUnion);
            return (c.Id, w.Id, (await db.Terms.SingleAsync(t => t.OrganisationId == c.Id)).Id);
        });

        // A target row with a label but no unit of measure is refused next to its field; nothing is saved.
        var bad = await Browser.PostFormAsync(browser, $"/to-chuc/{committee}?handler=Congress", token, new Dictionary<string, string>
        {
            ["Input.Congress.TermId"] = $"{term}", ["Input.Congress.Date"] = "2025-10-01", ["Input.Congress.DelegatesPresent"] = "90",
            ["Input.Congress.Targets[0].Label"] = "", ["Input.Congress.Targets[0].TargetValue"] = "", ["Input.Congress.Targets[0].UnitOfMeasure"] = "",
            ["Input.Congress.Targets[1].Label"] = "Hộ gia đình văn hóa", ["Input.Congress.Targets[1].TargetValue"] = "95", ["Input.Congress.Targets[1].UnitOfMeasure"] = "",
        });
        Assert.True(bad.StatusCode == HttpStatusCode.OK, $"{bad.StatusCode} {bad.Headers.Location}");
        Assert.Contains("Nhập đơn vị tính", await bad.Content.ReadAsStringAsync());
        var congresses = await app.DbAsync(db => db.Congresses.CountAsync(c => c.TermId == term));

        var ok = await Browser.PostFormAsync(browser, $"/to-chuc/{committee}?handler=Congress", token, new Dictionary<string, string>
        {
            ["Input.Congress.TermId"] = $"{term}", ["Input.Congress.Date"] = "2025-10-01", ["Input.Congress.DelegatesInvited"] = "100", ["Input.Congress.DelegatesPresent"] = "90",
            ["Input.Congress.ResolutionNumber"] = "02/NQ-ĐH",
            ["Input.Congress.Targets[0].Label"] = "", ["Input.Congress.Targets[0].TargetValue"] = "", ["Input.Congress.Targets[0].UnitOfMeasure"] = "",
            ["Input.Congress.Targets[1].Label"] = "Hộ gia đình văn hóa", ["Input.Congress.Targets[1].TargetValue"] = "95", ["Input.Congress.Targets[1].UnitOfMeasure"] = "%",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var saved = await app.DbAsync(db => db.Congresses.Include(c => c.Targets).SingleAsync(c => c.TermId == term && c.ResolutionNumber == "02/NQ-ĐH"));
        Assert.Equal(congresses + 1, await app.DbAsync(db => db.Congresses.CountAsync(c => c.TermId == term)));
        Assert.Equal((90, 100), (saved.DelegatesPresent, saved.DelegatesInvited));
        var target = Assert.Single(saved.Targets);
        Assert.Equal((1, "Hộ gia đình văn hóa", 95.0, "%"), (target.Number, target.Label, target.TargetValue, target.UnitOfMeasure));

        // Membership: a second count on the same date replaces the first.
        foreach (var members in new[] { "1300", "1310" })
            Assert.Equal(HttpStatusCode.Redirect, (await Browser.PostFormAsync(browser, $"/to-chuc/{women}?handler=Membership", token,
                new Dictionary<string, string> { ["Input.Membership.Date"] = "2026-06-30", ["Input.Membership.Members"] = members })).StatusCode);
        Assert.Equal([1310], await app.DbAsync(db => db.MembershipCounts.Where(c => c.OrganisationId == women && c.Date == new DateOnly(2026, 6, 30)).Select(c => c.Members).ToListAsync()));
        var letters = await Browser.PostFormAsync(browser, $"/to-chuc/{women}?handler=Membership", token,
            new Dictionary<string, string> { ["Input.Membership.Date"] = "2026-06-30", ["Input.Membership.Members"] = "nhiều" });
        Assert.Contains("không hợp lệ", await letters.Content.ReadAsStringAsync());

        // The term is cut short and renumbered; the page shows the new label.
        Assert.Equal(HttpStatusCode.Redirect, (await Browser.PostFormAsync(browser, $"/to-chuc/{committee}?handler=EndTerm", token,
            new Dictionary<string, string> { ["Input.EndTerm.TermId"] = $"{term}", ["Input.EndTerm.EndedOn"] = "2026-07-01", ["Input.EndTerm.Renumber"] = "2" })).StatusCode);
        var ended = await app.DbAsync(db => db.Terms.SingleAsync(t => t.Id == term));
        Assert.Equal((2, new DateOnly(2026, 7, 1)), (ended.Number, ended.EndedOn));
        Assert.Contains("khóa II", await (await browser.GetAsync($"/to-chuc/{committee}")).Content.ReadAsStringAsync());
    }
}
