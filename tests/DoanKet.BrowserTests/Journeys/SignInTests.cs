using System.Text.RegularExpressions;
using DoanKet.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DoanKet.BrowserTests.Journeys;

[Collection(AppCollection.Name)]
public sealed class SignInTests(AppFixture app, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Officer_signs_in_and_the_header_shows_their_unit()
    {
        await using var s = await BrowserSession.OpenAsync(app, output);
        var response = await s.GotoAsync("/dang-nhap");
        Assert.Equal(200, response!.Status);
        await s.StepAsync("sign-in form");

        await s.FillSignInAsync(Accounts.BoDeOfficer, AppFixture.Password);
        Assert.DoesNotContain("/dang-nhap", s.Page.Url, StringComparison.Ordinal);
        await s.StepAsync("signed in");

        var header = s.Page.GetByRole(AriaRole.Banner);
        await Assertions.Expect(header).ToContainTextAsync("Phạm vi: Phường Bồ Đề");
        await Assertions.Expect(header).ToContainTextAsync(Accounts.BoDeOfficer);

        // Signing out from the header: the unit pages ask for the form again.
        await s.ClickAndWaitAsync(header.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất", Exact = true }));
        await s.StepAsync("signed out");
        await Assertions.Expect(header).Not.ToContainTextAsync(Accounts.BoDeOfficer);
        await s.GotoAsync("/don-vi");
        Assert.Contains("/dang-nhap", s.Page.Url, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Wrong_password_keeps_the_user_on_the_form_with_a_Vietnamese_error()
    {
        await using var s = await BrowserSession.OpenAsync(app, output);
        await s.GotoAsync("/dang-nhap");
        await s.FillSignInAsync(Accounts.HanoiReviewer, "SaiMatKhau2026");
        await s.StepAsync("wrong password");

        Assert.Contains("/dang-nhap", s.Page.Url, StringComparison.Ordinal);
        var error = s.Page.Locator("[role=alert], .validation-summary-errors, .field-validation-error").First;
        await Assertions.Expect(error).ToBeVisibleAsync();
        var text = await error.InnerTextAsync();
        s.Log("Error shown: " + text);
        // Vietnamese, not the framework's English text.
        Assert.Matches(new Regex("[ăâđêôơưàáạảãèéẹẻẽìíịỉĩòóọỏõùúụủũỳýỵỷỹ]", RegexOptions.IgnoreCase), text);
        Assert.DoesNotMatch(new Regex(@"\b(invalid|attempt|password)\b", RegexOptions.IgnoreCase), text);
        // Not signed in: the protected tree still sends the user to the form.
        await s.GotoAsync("/don-vi");
        Assert.Contains("/dang-nhap", s.Page.Url, StringComparison.Ordinal);
    }
}
