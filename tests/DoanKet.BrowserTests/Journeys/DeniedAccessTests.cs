using System.Text.RegularExpressions;
using DoanKet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DoanKet.BrowserTests.Journeys;

/// <summary>An officer of one ward cannot open another ward's page, even with its address.</summary>
[Collection(AppCollection.Name)]
public sealed partial class DeniedAccessTests(AppFixture app, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Kien_Tuong_officer_opening_a_Bo_De_unit_page_sees_not_found()
    {
        // The Bồ Đề officer finds their own ward's page (its address is what leaks in practice).
        string boDeUrl;
        await using (var bode = await BrowserSession.OpenAsync(app, output, who: "bode"))
        {
            await bode.SignInAsync(Accounts.BoDeOfficer);
            boDeUrl = await UnitPageUrlAsync(bode, "bo de", "Bồ Đề");
            var own = await bode.GotoAsync(boDeUrl);
            Assert.Equal(200, own!.Status);
            await Assertions.Expect(bode.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bồ Đề");
            await bode.StepAsync("own ward page");
        }

        await using var kt = await BrowserSession.OpenAsync(app, output, who: "kientuong");
        await kt.SignInAsync(Accounts.KienTuongOfficer);
        var response = await kt.GotoAsync(boDeUrl);
        await kt.StepAsync("Bo De page from Kien Tuong");

        Assert.True(response!.Status is 404 or 403, $"{boDeUrl} answered {response.Status} to the Kiến Tường officer");
        var body = await kt.Page.Locator("body").InnerTextAsync();
        Assert.Matches(new Regex("Không tìm thấy|không có quyền", RegexOptions.IgnoreCase), body);
        // Nothing of the other ward leaks onto the page.
        Assert.DoesNotContain("Bồ Đề", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Ngọc Lâm", body, StringComparison.Ordinal);

        // And the tree search does not offer it either.
        await kt.GotoAsync("/don-vi?q=bo+de");
        await kt.StepAsync("search bo de from Kien Tuong");
        Assert.DoesNotContain("Bồ Đề", await kt.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Reviewer_opening_the_change_form_sees_the_access_denied_page()
    {
        await using var s = await BrowserSession.OpenAsync(app, output);
        await s.SignInAsync(Accounts.HanoiReviewer);
        var menu = s.Page.GetByRole(AriaRole.Navigation, new() { Name = "Chức năng" });
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Đơn vị", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Thay đổi đơn vị", Exact = true })).ToHaveCountAsync(0);
        await s.StepAsync("reviewer home");

        // Typing the address anyway: the browser lands on the access-denied page, answered with 403.
        var response = await s.GotoAsync("/don-vi/thay-doi");
        await s.StepAsync("change form as reviewer");
        Assert.Contains("/khong-co-quyen", s.Page.Url, StringComparison.Ordinal);
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(s.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Không có quyền");
    }

    /// <summary>Searches the tree and returns the address of the first unit page whose link names <paramref name="name"/>.</summary>
    internal static async Task<string> UnitPageUrlAsync(BrowserSession s, string query, string name, string? at = null)
    {
        await s.GotoAsync("/don-vi?q=" + Uri.EscapeDataString(query) + (at is null ? "" : "&at=" + at));
        var hrefs = await s.Page.Locator("main a").Filter(new() { HasText = name })
            .EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var href = hrefs.FirstOrDefault(h => h is not null && UnitPage().IsMatch(h));
        Assert.True(href is not null, $"No link to a unit page named '{name}' in the tree searched for '{query}'; links: {string.Join(", ", hrefs)}");
        return UnitPage().Match(href!).Value;
    }

    [GeneratedRegex(@"^/don-vi/\d+")]
    private static partial Regex UnitPage();
}
