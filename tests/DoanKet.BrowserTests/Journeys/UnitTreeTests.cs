using DoanKet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DoanKet.BrowserTests.Journeys;

/// <summary>The unit tree as it stood on a date: districts before 1/7/2025, none after.</summary>
[Collection(AppCollection.Name)]
public sealed class UnitTreeTests(AppFixture app, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Tree_on_30_June_2024_shows_the_districts_and_today_it_does_not()
    {
        await using var s = await BrowserSession.OpenAsync(app, output);
        await s.SignInAsync(Accounts.Admin);

        // The whole country at 30/6/2024, then down into Hà Nội by its link.
        var response = await s.GotoAsync("/don-vi?at=2024-06-30");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(s.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("30/06/2024");
        await s.StepAsync("country on 30-06-2024");
        await s.ClickAndWaitAsync(s.Page.Locator("main ul.tree").GetByRole(AriaRole.Link, new() { Name = "Thành phố Hà Nội", Exact = true }));
        await s.StepAsync("Ha Noi on 30-06-2024");

        var tree = s.Page.Locator("main ul.tree");
        await Assertions.Expect(tree.GetByRole(AriaRole.Link, new() { Name = "Quận Long Biên", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(tree.GetByRole(AriaRole.Link, new() { Name = "Huyện Gia Lâm", Exact = true })).ToBeVisibleAsync();
        Assert.Contains("at=2024-06-30", s.Page.Url, StringComparison.Ordinal);

        // Today the districts have ended; the merged ward hangs directly under Hà Nội.
        await s.SignInAsync(Accounts.HanoiAdmin);
        await s.GotoAsync("/don-vi");
        await s.StepAsync("Ha Noi today");
        tree = s.Page.Locator("main ul.tree");
        await Assertions.Expect(tree.GetByRole(AriaRole.Link, new() { Name = "Phường Bồ Đề", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(tree.GetByRole(AriaRole.Link, new() { Name = "Quận Long Biên", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(tree.GetByRole(AriaRole.Link, new() { Name = "Huyện Gia Lâm", Exact = true })).ToHaveCountAsync(0);

        // The same account on the past date sees the districts (the date field drives the tree).
        await s.Page.GetByLabel("Xem tại ngày").FillAsync("2024-06-30");
        await s.ClickAndWaitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Xem", Exact = true }));
        await s.StepAsync("Ha Noi admin on 30-06-2024");
        await Assertions.Expect(s.Page.Locator("main ul.tree").GetByRole(AriaRole.Link, new() { Name = "Quận Long Biên", Exact = true })).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task Search_without_diacritics_finds_Phuong_Ngoc_Lam()
    {
        await using var s = await BrowserSession.OpenAsync(app, output);
        await s.SignInAsync(Accounts.HanoiAdmin);
        await s.GotoAsync("/don-vi?at=2024-06-30");

        await s.Page.GetByLabel("Tìm đơn vị (gõ không dấu được)").FillAsync("ngoc lam");
        await s.ClickAndWaitAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = "Xem", Exact = true }));
        await s.StepAsync("search ngoc lam");

        var hit = s.Page.Locator("main table").GetByRole(AriaRole.Link, new() { Name = "Phường Ngọc Lâm", Exact = true });
        await Assertions.Expect(hit).ToBeVisibleAsync();
        await s.ClickAndWaitAsync(hit);
        await s.StepAsync("Ngoc Lam page");
        await Assertions.Expect(s.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Phường Ngọc Lâm");
        // Ngọc Lâm ended on 1/7/2025 and now belongs to the new phường Bồ Đề.
        await Assertions.Expect(s.Page.Locator("main")).ToContainTextAsync("đã kết thúc");
        await Assertions.Expect(s.Page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Phường Bồ Đề", Exact = true }).First).ToBeVisibleAsync();
    }
}
