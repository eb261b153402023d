using System.Text.RegularExpressions;
using DoanKet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DoanKet.BrowserTests.Journeys;

/// <summary>
/// On a phone, Kiến Tường's officer pastes the article of Phường 2's 2024 half-year conference (seed 004), confirms the
/// ward and the period DoanKet read from it, maps the figures and finds them on the ward's dashboard marked as imported.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class HistoryImportJourneyTests(AppFixture app, ITestOutputHelper output)
{
    private const int Phone = 360;

    [BrowserFact]
    public async Task Paste_seed_004_confirm_Phuong_2_and_the_half_year_map_the_figures_and_see_them_imported()
    {
        var seed = Directory.GetFiles(Path.Combine(AppFixture.RepoRoot(), "tests", "DoanKet.Tests", "Seeds"), "004_*.txt").Single();
        await using var s = await BrowserSession.OpenAsync(app, output, who: "kientuong-history", width: Phone, height: 740);
        var p = s.Page;
        await s.SignInAsync(Accounts.KienTuongOfficer);
        await s.GotoAsync("/lich-su");
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Link, new() { Name = "Nhập văn bản cũ" }));
        await p.GetByLabel("Nội dung văn bản").FillAsync(await File.ReadAllTextAsync(seed));
        await s.StepAsync("history paste 360px");
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Đọc số liệu" }));

        // DoanKet read the ward (ended in 2025) and the half-year from the text; the officer confirms them.
        await Assertions.Expect(p.GetByLabel("Đơn vị mà văn bản báo cáo")).ToHaveValueAsync(new Regex("^[0-9]+$"));
        Assert.Equal("Phường 2 (đến 30/06/2025)", (await p.GetByLabel("Đơn vị mà văn bản báo cáo").Locator("option:checked").TextContentAsync())?.Trim());
        await Assertions.Expect(p.GetByLabel("Kỳ báo cáo")).ToHaveValueAsync("2024S1");
        await Assertions.Expect(p.Locator("main")).ToContainTextAsync("6 tháng đầu năm 2024 (đọc từ văn bản)");
        await Assertions.Expect(p.Locator("main")).ToContainTextAsync("Kỳ này đơn vị đã có 77 cuộc từ các bản ghi");

        // The figures the demo records already hold are offered unticked; the officer keeps three of them anyway, with their indicators.
        foreach (var (figure, indicator) in new[] { ("77 cuộc", "Tuyên truyền, vận động: số cuộc"), ("607 phần quà", "Tặng quà: số phần quà"), ("trên 214 triệu đồng", "Tặng quà: trị giá") })
        {
            var item = p.Locator("ol.figures-found > li").Filter(new() { Has = p.Locator("a.what", new() { HasTextString = figure }) }).First;
            await item.GetByRole(AriaRole.Combobox).SelectOptionAsync(new SelectOptionValue { Label = indicator });
            await item.GetByRole(AriaRole.Checkbox).CheckAsync();
        }
        await s.StepAsync("history figures 360px");
        Assert.True(await s.ScrollWidthAsync() <= Phone, "the import page scrolls sideways at 360 px");
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Lưu các số liệu đã chọn" }));
        await Assertions.Expect(p.GetByRole(AriaRole.Status)).ToContainTextAsync(new Regex(@"Đã nhập \d+ số liệu vào lịch sử\."));
        await Assertions.Expect(p.Locator("main")).ToContainTextAsync("trên 214.000.000 đồng");
        await s.StepAsync("history saved 360px");

        // The ward's dashboard for the half-year counts them and says they were imported.
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Link, new() { Name = "Xem trang số liệu Phường 2, 6 tháng đầu năm 2024" }));
        var row = p.Locator("tr").Filter(new() { Has = p.GetByRole(AriaRole.Rowheader, new() { Name = "Tuyên truyền, vận động: số cuộc", Exact = true }) });
        await Assertions.Expect(row).ToContainTextAsync("nhập từ văn bản");
        await Assertions.Expect(p.Locator("main")).ToContainTextAsync("“Nhập từ văn bản”: số liệu có phần đọc từ báo cáo");
        await s.StepAsync("history on the dashboard 360px");
        Assert.True(await s.ScrollWidthAsync() <= Phone, "the dashboard scrolls sideways at 360 px");

        // Taken back, so the other journeys see the demo figures as they were.
        await s.GotoAsync("/lich-su");
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Link, new() { Name = "HỘI NGHỊ ỦY BAN MTTQ PHƯỜNG 2 LẦN THỨ II NHIỆM KỲ 2024 - 2029" }));
        await s.ClickAndWaitAsync(p.GetByRole(AriaRole.Button, new() { Name = "Xóa văn bản và các số liệu đã nhập" }));
        await Assertions.Expect(p.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã xóa văn bản");
    }
}
