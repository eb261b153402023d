using DoanKet.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace DoanKet.BrowserTests.Journeys;

/// <summary>A 360-px phone: pages fit the width, nothing scrolls sideways.</summary>
[Collection(AppCollection.Name)]
public sealed class NarrowLayoutTests(AppFixture app, ITestOutputHelper output)
{
    private const int Width = 360;

    [BrowserFact]
    public async Task Home_sign_in_tree_and_unit_pages_fit_a_360_px_screen()
    {
        await using var s = await BrowserSession.OpenAsync(app, output, width: Width, height: 740);

        await AssertFitsAsync(s, "/", "home (anonymous)");
        await AssertFitsAsync(s, "/dang-nhap", "sign-in");

        await s.FillSignInAsync(Accounts.BoDeOfficer, AppFixture.Password);
        await AssertFitsAsync(s, "/", "home (signed in)");
        await AssertFitsAsync(s, "/don-vi", "tree today");
        await AssertFitsAsync(s, "/don-vi?at=2024-06-30", "tree 30/6/2024");
        await AssertFitsAsync(s, "/don-vi?q=ngoc+lam&at=2024-06-30", "search results");

        // A unit page (history and audit tables) and, for an admin, the change form.
        var wardPage = await s.Page.Locator("main table a").First.GetAttributeAsync("href") ?? "/don-vi";
        await AssertFitsAsync(s, wardPage, "ward page");
        await s.SignInAsync(Accounts.HanoiAdmin);
        await AssertFitsAsync(s, "/don-vi/thay-doi?q=ngoc", "change search");
    }

    private static async Task AssertFitsAsync(BrowserSession s, string path, string step)
    {
        var response = await s.GotoAsync(path);
        Assert.True(response!.Ok, $"{path} answered {response.Status}");
        await s.StepAsync(step + " 360px");
        var scrollWidth = await s.ScrollWidthAsync();
        Assert.True(scrollWidth <= Width, $"{path}: document.documentElement.scrollWidth = {scrollWidth} > {Width} (horizontal scroll)");
    }
}
