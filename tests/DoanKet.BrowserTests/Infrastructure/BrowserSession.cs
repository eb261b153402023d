using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DoanKet.BrowserTests.Infrastructure;

/// <summary>
/// One user's browser (own context, own cookies) in one journey. <see cref="StepAsync"/> takes a
/// full-page screenshot and runs axe-core on the page: serious or critical violations fail the test.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    private readonly AppFixture _app;
    private readonly ITestOutputHelper _output;
    private readonly string _folder;
    private readonly string _who;
    // Steps are numbered per test folder, across the users (sessions) of one journey.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Steps = new();

    private BrowserSession(AppFixture app, ITestOutputHelper output, IBrowserContext context, IPage page, string folder, string who)
    {
        _app = app;
        _output = output;
        Context = context;
        Page = page;
        _folder = folder;
        _who = who;
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    public static async Task<BrowserSession> OpenAsync(AppFixture app, ITestOutputHelper output, string who = "",
        int width = 1280, int height = 800, [CallerMemberName] string test = "", [CallerFilePath] string file = "")
    {
        var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new() { Width = width, Height = height },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            BypassCSP = true, // axe is injected as a script tag
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var folder = Path.Combine(app.ScreenshotRoot, Path.GetFileNameWithoutExtension(file) + "." + test);
        Directory.CreateDirectory(folder);
        output.WriteLine($"Screenshots: {folder}");
        return new BrowserSession(app, output, context, page, folder, who);
    }

    public async Task<IResponse?> GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        _output.WriteLine($"{_who} GET {path} -> {response?.Status}");
        return response;
    }

    public async Task SignInAsync(string email, string password = AppFixture.Password)
    {
        await GotoAsync("/dang-nhap");
        await FillSignInAsync(email, password);
        await Page.WaitForURLAsync(url => !url.Contains("/dang-nhap", StringComparison.Ordinal));
    }

    public async Task FillSignInAsync(string email, string password)
    {
        await Page.GetByLabel("Thư điện tử", new() { Exact = true }).FillAsync(email);   // input name Input.Email
        await Page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync(password);   // input name Input.Password
        await ClickAndWaitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }));
    }

    /// <summary>Clicks a link or submit button and waits for the page it leads to (never the old one).</summary>
    public async Task ClickAndWaitAsync(ILocator target)
    {
        // The marker lives only in the old document: once it is gone and the new one has loaded, we are there.
        await Page.EvaluateAsync("() => { window.__doanketOldPage = true; }");
        await target.ClickAsync();
        await Page.WaitForFunctionAsync("() => window.__doanketOldPage === undefined && document.readyState === 'complete'");
        _output.WriteLine($"{_who} -> {Page.Url}");
    }

    /// <summary>Screenshot + accessibility check of the page as it is now.</summary>
    public async Task StepAsync(string name, bool checkAccessibility = true)
    {
        var step = Steps.AddOrUpdate(_folder, 1, (_, n) => n + 1);
        var path = Path.Combine(_folder, $"{step:00}-{_who}{(_who.Length > 0 ? "-" : "")}{Slug(name)}.png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        _output.WriteLine($"[{step:00}] {name}: {Page.Url} -> {path}");
        if (checkAccessibility) await AssertAccessibleAsync(name);
    }

    public async Task AssertAccessibleAsync(string step)
    {
        if (!await Page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            await Page.AddScriptTagAsync(new() { Path = _app.AxeScriptPath });
        var violations = await Page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return r.violations
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                             nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' ')) }));
            }
            """);
        // Minor and moderate findings are printed, serious and critical ones fail the step.
        foreach (var v in violations.EnumerateArray().Where(v => !Blocking(v)))
            _output.WriteLine($"axe-core ({v.GetProperty("impact").GetString()}, not blocking): {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} x{v.GetProperty("nodes").GetArrayLength()}");
        var blocking = violations.EnumerateArray().Where(Blocking).ToList();
        if (blocking.Count == 0) return;
        var report = new StringBuilder($"axe-core: {blocking.Count} serious/critical violation(s) on {Page.Url} ({step}):\n");
        foreach (var v in blocking)
        {
            report.Append(CultureInfo.InvariantCulture, $"- [{v.GetProperty("impact").GetString()}] {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} ({v.GetProperty("helpUrl").GetString()})\n");
            foreach (var n in v.GetProperty("nodes").EnumerateArray().Take(8)) report.Append("    ").Append(n.GetString()).Append('\n');
        }
        _output.WriteLine(report.ToString());
        Assert.Fail(report.ToString());
    }

    private static bool Blocking(JsonElement violation) => violation.GetProperty("impact").GetString() is "serious" or "critical";

    /// <summary>The page's layout width: more than the viewport means the user scrolls sideways.</summary>
    public Task<int> ScrollWidthAsync() => Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    public void Log(string message) => _output.WriteLine(message);

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    private static string Slug(string s) => SlugPattern().Replace(s.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugPattern();
}
