using DoanKet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DoanKet.BrowserTests.Journeys;

/// <summary>
/// The head of tổ dân phố 11 enters the week on a 360-px phone (propaganda: 2 sessions, 60 attendances);
/// then the ward's officer opens phường Bồ Đề's dashboard for that week, sees the figure, clicks it and
/// finds the tổ's record among its sources.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class WeeklyToDashboardTests(AppFixture app, ITestOutputHelper output)
{
    private const int Phone = 360;

    [BrowserFact]
    public async Task Board_head_enters_the_week_on_a_phone_and_the_ward_officer_traces_the_figure_to_the_record()
    {
        string weekId;
        string recordTitle;
        await using (var phone = await BrowserSession.OpenAsync(app, output, who: "to11", width: Phone, height: 740))
        {
            var page = phone.Page;
            await phone.SignInAsync(Accounts.Group11Head);
            await phone.GotoAsync("/nhap-tuan");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nhập số liệu tuần");
            await Assertions.Expect(page.Locator("main .lead")).ToContainTextAsync("Tổ dân phố 11 · Tuần ");
            var weekPicker = page.GetByLabel("Tuần", new() { Exact = true });
            await Assertions.Expect(weekPicker.Locator("option:checked")).ToContainTextAsync("Tuần này");
            weekId = await weekPicker.InputValueAsync(); // "2026W49"
            Assert.Equal(0, await page.Locator("script").CountAsync()); // no script on the weekly screen (before axe is injected)
            await phone.StepAsync("weekly form 360px");
            Assert.True(await phone.ScrollWidthAsync() <= Phone, "the weekly form scrolls sideways at 360 px");

            var propaganda = page.GetByRole(AriaRole.Group, new() { Name = "Tuyên truyền, vận động", Exact = true });
            var sessions = propaganda.GetByLabel("Số cuộc, buổi", new() { Exact = true });
            Assert.Equal("numeric", await sessions.GetAttributeAsync("inputmode"));
            var box = await sessions.BoundingBoxAsync();
            Assert.True(box is { Height: >= 44 }, $"touch target too small: {box?.Height}");

            // A negative count is refused in Vietnamese next to its field, and what was typed stays.
            await sessions.FillAsync("2");
            await propaganda.GetByLabel("Lượt người tham dự", new() { Exact = true }).FillAsync("-60");
            await phone.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu tuần", Exact = true }));
            await phone.StepAsync("negative count refused");
            propaganda = page.GetByRole(AriaRole.Group, new() { Name = "Tuyên truyền, vận động", Exact = true });
            await Assertions.Expect(propaganda.Locator(".field-error")).ToHaveTextAsync("Không nhập số âm.");
            await Assertions.Expect(propaganda.GetByLabel("Số cuộc, buổi", new() { Exact = true })).ToHaveValueAsync("2");

            await propaganda.GetByLabel("Lượt người tham dự", new() { Exact = true }).FillAsync("60");
            await page.GetByLabel("Ghi chú (nếu có)", new() { Exact = true }).FillAsync("Tuyên truyền phòng cháy chữa cháy tại nhà văn hóa tổ");
            await phone.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Lưu số liệu tuần", Exact = true }));
            await phone.StepAsync("week saved 360px");
            var status = page.GetByRole(AriaRole.Status);
            await Assertions.Expect(status).ToContainTextAsync("Đã lưu số liệu");
            await Assertions.Expect(status).ToContainTextAsync("Tuyên truyền, vận động: 2 cuộc, 60 lượt người");
            await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Tuyên truyền, vận động", Exact = true })
                .GetByLabel("Lượt người tham dự", new() { Exact = true })).ToHaveValueAsync("60");
            Assert.True(await phone.ScrollWidthAsync() <= Phone, "the confirmation scrolls sideways at 360 px");
            // The tổ's own dashboard for the week fits the phone too (tables scroll inside their box).
            await phone.ClickAndWaitAsync(status.GetByRole(AriaRole.Link, new() { Name = "Xem số liệu Tổ dân phố 11 trong tuần", Exact = true }));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Số liệu Tổ dân phố 11");
            await phone.StepAsync("group dashboard 360px");
            Assert.True(await phone.ScrollWidthAsync() <= Phone, "the dashboard scrolls sideways at 360 px");

            // "… tuần 49/2026 (30/11–06/12/2026)": the record's title carries the week.
            recordTitle = $"Tuyên truyền, vận động tuần {weekId[5..]}/{weekId[..4]}";
        }

        await using var desk = await BrowserSession.OpenAsync(app, output, who: "bode");
        var p = desk.Page;
        await desk.SignInAsync(Accounts.BoDeOfficer);
        await desk.GotoAsync("/so-lieu");
        await Assertions.Expect(p.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Phường Bồ Đề");
        await p.GetByLabel("Kỳ báo cáo", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = weekId });
        await desk.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Xem số liệu", Exact = true }));
        await Assertions.Expect(p.Locator("main .lead")).ToContainTextAsync($"Tuần {weekId[5..]} năm {weekId[..4]}");
        await Assertions.Expect(p.Locator("figure.chart").First).ToBeVisibleAsync(); // chart.js loaded and drew
        await desk.StepAsync("ward dashboard for the week");

        var row = p.Locator("table.figures tr").Filter(new() { Has = p.GetByRole(AriaRole.Rowheader, new() { Name = "Tuyên truyền, vận động: lượt người dự", Exact = true }) });
        var figure = row.Locator("td").First.GetByRole(AriaRole.Link);
        var text = (await figure.TextContentAsync())!;
        Assert.EndsWith("lượt người", text, StringComparison.Ordinal);
        Assert.True(int.Parse(text.Split(' ')[0].Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 60, text);
        await desk.ClickAndWaitAsync(figure);
        await Assertions.Expect(p.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tuyên truyền, vận động: lượt người dự");
        var record = p.Locator("table.sources tr").Filter(new() { HasText = recordTitle });
        await Assertions.Expect(record).ToHaveCountAsync(1);
        await Assertions.Expect(record).ToContainTextAsync("Tổ dân phố 11");
        await Assertions.Expect(record.Locator("td.num").First).ToContainTextAsync("60");
        Assert.StartsWith("/cong-viec/hoat-dong/", await record.GetByRole(AriaRole.Link).GetAttributeAsync("href"), StringComparison.Ordinal);
        await desk.StepAsync("sources of the figure");

        // The ward's targets, as an upper level reads them in a working session.
        await desk.ClickAndWaitAsync(p.GetByRole(AriaRole.Link, new() { Name = "← Số liệu Phường Bồ Đề", Exact = true }));
        await desk.ClickAndWaitAsync(p.GetByRole(AriaRole.Link, new() { Name = "Chỉ tiêu và tiến độ", Exact = true }));
        await Assertions.Expect(p.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Chỉ tiêu của Phường Bồ Đề");
        await desk.StepAsync("ward targets");
    }
}
