using System.Net;
using System.Text.Json;
using DoanKet.Domain.Organisations;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Organisations;

/// <summary>Congress waves (progress computed from congress records) and carrying a committee through a merger.</summary>
public sealed class WavesAndCarryOverTests
{
    [DatabaseTheory]
    public async Task Province_reviewer_sees_x_of_y_communes_held_and_a_new_congress_moves_the_figure(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var reviewer = await app.ClientForAsync(Demo.HanoiReviewer);
        var waves = await reviewer.GetJsonAsync<JsonElement>("/api/v1/congress-waves");
        var wave = waves.EnumerateArray().Single();
        var id = wave.GetProperty("id").GetInt32();
        var communes = await app.DbAsync(async db => await db.Units.CountAsync(u => u.ParentId == (db.Units.First(h => h.Code == "01").Id) && u.Level == Domain.Units.UnitLevel.Commune && u.ValidTo == null));
        Assert.Equal((communes, 2), (wave.GetProperty("units").GetInt32(), wave.GetProperty("held").GetInt32()));
        Assert.Equal(communes - 2, wave.GetProperty("late").GetInt32());

        // The Kiến Tường officer's unit is not in the wave: the wave is not visible at all.
        var other = await app.ClientForAsync(Demo.KienTuongOfficer);
        Assert.Empty((await other.GetJsonAsync<JsonElement>("/api/v1/congress-waves")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/congress-waves/{id}")).StatusCode);

        // The Bồ Đề officer sees only its own row, cannot plan another commune, and a congress recorded
        // for a late commune counts at once (the figure is computed, not typed).
        var officer = await app.ClientForAsync(Demo.BoDeOfficer);
        var own = await officer.GetJsonAsync<JsonElement>($"/api/v1/congress-waves/{id}");
        Assert.Single(own.GetProperty("rows").EnumerateArray());
        var phucLoi = await app.DbAsync(db => Demo.CurrentAsync(db, "DEMO-PHUCLOI"));
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PutAsync($"/api/v1/congress-waves/{id}/plans/{phucLoi.Id}", JsonContent(new { PlannedDate = "2025-09-01" }))).StatusCode);

        var admin = await app.ClientForAsync(Demo.HanoiAdmin);
        var org = await admin.PostJsonAsync("/api/v1/organisations", new { UnitId = phucLoi.Id, Kind = "FrontCommittee" });
        var orgId = (await org.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        var term = await (await admin.PostJsonAsync($"/api/v1/organisations/{orgId}/terms", new { Number = 1, StartDate = "2025-10-05", PlannedEnd = "2030-10-05" })).ReadAsync<JsonElement>();
        var congress = await admin.PostJsonAsync($"/api/v1/terms/{term.GetProperty("id").GetInt32()}/congresses", new { Date = "2025-10-05", DelegatesPresent = 110 });
        Assert.Equal(HttpStatusCode.OK, congress.StatusCode);
        var after = await reviewer.GetJsonAsync<JsonElement>($"/api/v1/congress-waves/{id}");
        Assert.Equal((3, communes - 3), (after.GetProperty("held").GetInt32(), after.GetProperty("late").GetInt32()));
        var row = after.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("unitId").GetInt32() == phucLoi.Id);
        Assert.Equal(("2025-10-05", 110), (row.GetProperty("heldOn").GetString(), row.GetProperty("delegatesPresent").GetInt32()));
    }

    [DatabaseTheory]
    public async Task Creating_a_wave_lists_the_units_of_the_level_and_validates_in_vietnamese(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var admin = await app.ClientForAsync(Demo.HanoiAdmin);
        var boDe = await app.DbAsync(db => Demo.CurrentAsync(db, "DEMO-BODE"));
        var bad = await admin.PostJsonAsync("/api/v1/congress-waves", new { UnitId = boDe.Id, Name = "", Level = "Commune", StartDate = "2026-01-10", DueDate = "2026-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Nhập tên đợt", body);
        Assert.Contains("Hạn hoàn thành", body);
        Assert.Contains("cấp thấp hơn", body);

        var ok = await admin.PostJsonAsync("/api/v1/congress-waves", new { UnitId = boDe.Id, Name = "Hội nghị Ban CTMT nhiệm kỳ 2026–2028", Level = "ResidentialGroup", StartDate = "2026-01-10", DueDate = "2026-03-31" });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var groups = await app.DbAsync(db => db.Units.CountAsync(u => u.ParentId == boDe.Id && u.ValidTo == null));
        Assert.Equal(groups, (await ok.ReadAsync<JsonElement>()).GetProperty("units").GetInt32());

        var officer = await app.ClientForAsync(Demo.BoDeOfficer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostJsonAsync("/api/v1/congress-waves", new { UnitId = boDe.Id, Name = "x", Level = "ResidentialGroup", StartDate = "2026-01-10", DueDate = "2026-03-31" })).StatusCode);
    }

    [DatabaseTheory]
    public async Task Carrying_the_committee_into_the_merged_ward_keeps_the_old_history(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var officer = await app.ClientForAsync(Demo.BoDeOfficer);
        var boDe = await app.DbAsync(db => Demo.CurrentAsync(db, "DEMO-BODE"));
        var leaver = await app.DbAsync(db => db.Posts.Where(p => p.Person!.FullName == "Mai Thị Quỳnh").Select(p => p.Id).SingleAsync());
        var committee = await app.DbAsync(db => db.Organisations.Where(o => o.UnitId == boDe.Id && o.Kind == OrganisationKind.FrontCommittee).Select(o => o.Id).SingleAsync());
        var oldCommittee = await app.DbAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.FrontCommittee && o.Name.Contains("Ngọc Lâm")).Select(o => o.Id).SingleAsync());
        var before = await app.DbAsync(db => db.Posts.CountAsync(p => p.OrganisationId == committee && p.EndDate == null));

        var preview = await officer.PostJsonAsync($"/api/v1/units/{boDe.Id}/carry-over", new { Kind = "FrontCommittee", LeaverPostIds = new[] { leaver }, Apply = false });
        var plan = await preview.ReadAsync<JsonElement>();
        Assert.Equal((15, 14), (plan.GetProperty("members").GetArrayLength(), plan.GetProperty("carried").GetInt32()));
        Assert.Equal(before, await app.DbAsync(db => db.Posts.CountAsync(p => p.OrganisationId == committee && p.EndDate == null)));

        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/v1/units/{boDe.Id}/carry-over", new { Kind = "FrontCommittee", LeaverPostIds = new[] { leaver }, Apply = true })).StatusCode);
        // The chair already holds a post in Bồ Đề: 14 carried, 13 new posts, the leaver not among them.
        Assert.Equal(before + 13, await app.DbAsync(db => db.Posts.CountAsync(p => p.OrganisationId == committee && p.EndDate == null)));
        Assert.False(await app.DbAsync(db => db.Posts.AnyAsync(p => p.OrganisationId == committee && p.Person!.FullName == "Mai Thị Quỳnh")));
        // Ngọc Lâm's committee as it was on 30/6/2025 is unchanged: 15 members.
        var old = await officer.GetJsonAsync<JsonElement>($"/api/v1/organisations/{oldCommittee}?at=2025-06-30");
        Assert.Equal(15, old.GetProperty("composition").GetProperty("members").GetInt32());

        // Kiến Tường's officer cannot carry anything into Bồ Đề.
        var other = await app.ClientForAsync(Demo.KienTuongOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostJsonAsync($"/api/v1/units/{boDe.Id}/carry-over", new { Kind = "FrontCommittee", Apply = true })).StatusCode);
    }

    private static StringContent JsonContent(object value) =>
        new(JsonSerializer.Serialize(value, TestApp.Json), System.Text.Encoding.UTF8, "application/json");
}
