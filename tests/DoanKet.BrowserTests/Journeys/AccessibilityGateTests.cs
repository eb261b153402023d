using DoanKet.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace DoanKet.BrowserTests.Journeys;

/// <summary>The axe-core gate every journey step goes through really fails on a bad page.</summary>
[Collection(AppCollection.Name)]
public sealed class AccessibilityGateTests(AppFixture app, ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Axe_gate_fails_on_an_image_without_alt_and_a_nameless_button()
    {
        await using var s = await BrowserSession.OpenAsync(app, output);
        await s.Page.SetContentAsync("""
            <!doctype html><html lang="vi"><head><title>Kiểm tra</title></head>
            <body><main><h1>Kiểm tra</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button></main></body></html>
            """);
        var failure = await Assert.ThrowsAsync<FailException>(() => s.AssertAccessibleAsync("bad page"));
        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("button-name", failure.Message, StringComparison.Ordinal);
    }
}
