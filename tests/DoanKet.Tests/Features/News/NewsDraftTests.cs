using System.Globalization;
using System.Net;
using DoanKet.Domain.Records;
using DoanKet.Features.Records;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Features.News;

/// <summary>A news draft starts from a conference or a report with the record's figures, is edited, checked and deleted softly.</summary>
public sealed class NewsDraftTests
{
    private static string I(long i) => i.ToString(CultureInfo.InvariantCulture);

    [DatabaseTheory]
    public async Task A_draft_from_a_conference_carries_its_figures_and_is_edited_before_publishing(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (client, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var token = await Browser.FormTokenAsync(client);
        var conference = await app.DbAsync(async db =>
        {
            var boDe = await db.Units.SingleAsync(u => u.Code == "DEMO-BODE" && u.ValidTo == null);
            var c = new Conference
            {
                UnitId = boDe.Id, Date = TestClock.Today.AddDays(-2), Type = ConferenceType.Review, Title = "Hội nghị sơ kết công tác Mặt trận năm thử nghiệm",
                Invited = 120, Present = 113, Opinions = 14,
                Decisions = [new ConferenceDecision { Subject = "Thông qua chương trình phối hợp thống nhất hành động", Present = 113, For = 110, Against = 1 }],
            };
            db.Conferences.Add(c);
            await new RecordWriter(db).SaveAsync(c);
            return c.Id;
        });

        var made = await Browser.PostFormAsync(client, $"/cong-viec/hoi-nghi/{conference}?handler=News", token, []);
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var id = int.Parse(made.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        var draft = await app.DbAsync(db => db.NewsDrafts.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal(("conference", conference), (draft.SourceType, draft.SourceId));
        Assert.Equal("Hội nghị sơ kết công tác Mặt trận năm thử nghiệm", draft.Title);
        Assert.StartsWith($"Ngày {TestClock.Today.AddDays(-2).Day}/", draft.Lead, StringComparison.Ordinal);
        Assert.Contains("Ủy ban MTTQ Việt Nam phường Bồ Đề tổ chức hội nghị sơ kết", draft.Lead);
        Assert.Contains("Tham dự hội nghị có 113/120 đại biểu được triệu tập, đạt 94,2%.", draft.Body);
        Assert.Contains("14 ý kiến", draft.Body);
        Assert.Contains("thông qua chương trình phối hợp thống nhất hành động với 110/113 đại biểu tán thành, đạt 97,3%.", draft.Body);

        // Checked on the server: nothing saved while the title is empty.
        var bad = await Browser.PostFormAsync(client, $"/tin-bai/{id}", token, new Dictionary<string, string>
        {
            ["Input.Title"] = " ", ["Input.Lead"] = draft.Lead, ["Input.Body"] = draft.Body, ["Input.Version"] = I(draft.Version),
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Nhập tiêu đề.", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        Assert.Equal(draft.Title, (await app.DbAsync(db => db.NewsDrafts.AsNoTracking().SingleAsync(d => d.Id == id))).Title);

        var saved = await Browser.PostFormAsync(client, $"/tin-bai/{id}", token, new Dictionary<string, string>
        {
            ["Input.Title"] = "Phường Bồ Đề sơ kết công tác Mặt trận", ["Input.Lead"] = draft.Lead, ["Input.Body"] = draft.Body + "\r\nĐoạn thêm.", ["Input.Version"] = I(draft.Version),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var edited = await app.DbAsync(db => db.NewsDrafts.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal("Phường Bồ Đề sơ kết công tác Mặt trận", edited.Title);
        Assert.EndsWith("\nĐoạn thêm.", edited.Body, StringComparison.Ordinal);
        Assert.Contains("Phường Bồ Đề sơ kết công tác Mặt trận", WebUtility.HtmlDecode(await client.GetStringAsync("/tin-bai")));

        // A stale version is refused; deleting keeps the row (soft delete) and hides the draft.
        var stale = await Browser.PostFormAsync(client, $"/tin-bai/{id}?handler=Delete", token, new Dictionary<string, string> { ["Input.Version"] = I(draft.Version) });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var deleted = await Browser.PostFormAsync(client, $"/tin-bai/{id}?handler=Delete", token, new Dictionary<string, string> { ["Input.Version"] = I(edited.Version) });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.NotNull((await app.DbAsync(db => db.NewsDrafts.IgnoreQueryFilters().AsNoTracking().SingleAsync(d => d.Id == id))).DeletedAt);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/tin-bai/{id}")).StatusCode);
    }
}
