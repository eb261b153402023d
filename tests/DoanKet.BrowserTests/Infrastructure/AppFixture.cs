using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace DoanKet.BrowserTests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "DoanKet app";
}

/// <summary>
/// Runs the real app as its own process (<c>dotnet DoanKet.dll</c>) on a free loopback port with a
/// fresh data folder, so it migrates a new SQLite database and loads the demo data; then launches
/// Debian's chromium through Playwright. One app and one browser for all journeys; each test gets
/// its own browser context (cookies).
/// </summary>
public sealed class AppFixture(IMessageSink messages) : IAsyncLifetime
{
    public const string Password = "DoanKet@2026";

    /// <summary>The app's clock starts here (Clock:Start), whatever the machine's date: 1/12/2026, 10:00 in Vietnam.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(7));

    /// <summary>The app's "today", as a date input's value.</summary>
    public static string Day(int offset = 0) => DateOnly.FromDateTime(Start.DateTime).AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private readonly StringBuilder _log = new();
    private Process? _app;
    private string? _dataDir;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public string ScreenshotRoot { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
    public string AxeScriptPath { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!Chromium.IsAvailable)
        {
            // BrowserFact has already skipped every test (or, with CI=true, lets them fail on this).
            if (Chromium.Required)
                throw new InvalidOperationException($"CI=true but {Chromium.Path} is missing: run `apt-get install -y chromium`.");
            return;
        }

        AxeScriptPath = FindAxe();
        // One fresh set per run (the previous run's files would mislead); nothing is deleted afterwards.
        if (Directory.Exists(ScreenshotRoot)) Directory.Delete(ScreenshotRoot, recursive: true);
        Directory.CreateDirectory(ScreenshotRoot);
        Say($"Screenshots: {ScreenshotRoot}");

        await StartAppAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            await _app.WaitForExitAsync();
        }
        _app?.Dispose();
        if (_dataDir is not null)
        {
            try { Directory.Delete(_dataDir, recursive: true); }
            catch (IOException e) { Say($"Could not delete {_dataDir}: {e.Message}"); }
        }
        await File.WriteAllTextAsync(Path.Combine(ScreenshotRoot, "..", "app.log"), AppLog);
    }

    public string AppLog { get { lock (_log) return _log.ToString(); } }

    public void Say(string message) => messages.OnMessage(new DiagnosticMessage(message));

    private async Task StartAppAsync()
    {
        var dll = FindAppDll();
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _dataDir = Directory.CreateTempSubdirectory("doanket-browser-").FullName;

        // Content root = the project folder when it is there (wwwroot, appsettings.json), like `dotnet run`.
        var projectDir = Path.Combine(RepoRoot(), "src", "DoanKet");
        var contentRoot = File.Exists(Path.Combine(projectDir, "appsettings.json")) ? projectDir : Path.GetDirectoryName(dll)!;

        // As a training server would: Production, the demo loaded on purpose by its verb, its published
        // passwords allowed explicitly.
        ProcessStartInfo Info(params string[] args)
        {
            var info = new ProcessStartInfo("dotnet") { WorkingDirectory = contentRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) info.ArgumentList.Add(a);
            info.Environment["DOANKET_DATA"] = _dataDir;
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            info.Environment["DOTNET_ENVIRONMENT"] = "Production";
            info.Environment["Clock__Start"] = Start.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            info.Environment["Demo__AllowDemoPasswords"] = "true";
            return info;
        }
        using (var demo = Process.Start(Info(dll, "--contentRoot", contentRoot, "demo"))!)
        {
            var output = demo.StandardOutput.ReadToEndAsync();
            var error = demo.StandardError.ReadToEndAsync();
            await demo.WaitForExitAsync();
            if (demo.ExitCode != 0) throw new InvalidOperationException($"`demo` exited with {demo.ExitCode}:\n{await output}\n{await error}");
        }
        var start = Info(dll, "--urls", BaseUrl, "--contentRoot", contentRoot);
        start.Environment["ASPNETCORE_URLS"] = BaseUrl;

        _app = new Process { StartInfo = start, EnableRaisingEvents = true };
        _app.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        _app.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine("ERR " + e.Data); };
        _app.Start();
        // Should the test host end without disposing the fixture (aborted run), the app goes with it.
        var app = _app;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { if (!app.HasExited) app.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { }
        };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_app.HasExited)
                throw new InvalidOperationException($"The app exited with code {_app.ExitCode} before /health answered.\n{AppLog}");
            try
            {
                using var r = await http.GetAsync(BaseUrl + "/health");
                if (r.StatusCode == HttpStatusCode.OK)
                {
                    Say($"App {dll} is up at {BaseUrl} (data {_dataDir})");
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"GET {BaseUrl}/health did not answer 200 within 90 s.\n{AppLog}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>The build writes the path of the app's DoanKet.dll (same configuration) next to the tests.</summary>
    private static string FindAppDll()
    {
        var fromEnv = Environment.GetEnvironmentVariable("DOANKET_APP_DLL");
        if (!string.IsNullOrWhiteSpace(fromEnv) && File.Exists(fromEnv)) return Path.GetFullPath(fromEnv);
        var marker = Path.Combine(AppContext.BaseDirectory, "doanket-app.txt");
        if (File.Exists(marker))
        {
            var dll = File.ReadAllText(marker).Trim();
            if (File.Exists(dll)) return dll;
        }
        foreach (var configuration in new[] { "Debug", "Release" })
        {
            var dll = Path.Combine(RepoRoot(), "src", "DoanKet", "bin", configuration, "net10.0", "DoanKet.dll");
            if (File.Exists(dll)) return dll;
        }
        throw new FileNotFoundException("DoanKet.dll not found: build the solution (dotnet build DoanKet.slnx) or set DOANKET_APP_DLL.");
    }

    private static string FindAxe()
    {
        foreach (var candidate in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "axe.min.js"),
                     Path.Combine(RepoRoot(), "tests", "DoanKet.BrowserTests", "node_modules", "axe-core", "axe.min.js"),
                 })
            if (File.Exists(candidate)) return candidate;
        throw new FileNotFoundException("axe.min.js not found: run `npm ci` in tests/DoanKet.BrowserTests, then build.");
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DoanKet.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("DoanKet.slnx not found above " + AppContext.BaseDirectory);
    }
}

public static class Chromium
{
    /// <summary>Debian's chromium (`apt-get install -y chromium`); DOANKET_CHROMIUM points elsewhere.</summary>
    public static readonly string Path = Environment.GetEnvironmentVariable("DOANKET_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";
    public static bool IsAvailable => File.Exists(Path);
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A browser journey: skipped with a clear message when chromium is missing, unless CI=true (then it fails).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsAvailable && !Chromium.Required)
            Skip = $"{Chromium.Path} is missing: `apt-get install -y chromium` to run the browser journeys (with CI=true they fail instead).";
    }
}
