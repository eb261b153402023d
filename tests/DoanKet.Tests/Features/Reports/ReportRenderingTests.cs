using System.Diagnostics;
using DoanKet.Features.Reports;
using DoanKet.Tests.Infrastructure;

namespace DoanKet.Tests.Features.Reports;

/// <summary>Runs only where LibreOffice and poppler are installed (test.sh installs them); under CI=true their absence fails.</summary>
public sealed class LibreOfficeFactAttribute : FactAttribute
{
    public LibreOfficeFactAttribute()
    {
        if (!Engines.IsCi && (!File.Exists("/usr/bin/soffice") || !File.Exists("/usr/bin/pdftoppm")))
            Skip = "LibreOffice (libreoffice-writer-nogui) or poppler-utils is not installed.";
    }
}

/// <summary>
/// The Word report opened by another word processor: LibreOffice turns it into a PDF whose first page is kept as a PNG
/// (bin/…/TestResults/documents/) to look at, and whose text and page size are checked here.
/// </summary>
public sealed class ReportRenderingTests
{
    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try { await p.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw;
        }
        Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)} exited with {p.ExitCode}: {await error}");
        return await output;
    }

    [LibreOfficeFact]
    public async Task The_Word_report_renders_in_LibreOffice_on_A4_with_its_header_diacritics_and_page_numbers()
    {
        await using var app = await TestApp.StartAsync(Engines.Sqlite);
        var report = await app.DbAsync(async db =>
        {
            var unit = db.Units.Single(u => u.Code == "DEMO-KT-P2");
            return await new ReportBuilder(db, new DoanKet.Features.Indicators.Figures(db)).BuildAsync(unit, DoanKet.Domain.Periods.Period.Parse("2024S1"));
        });
        var dir = Path.Combine(AppContext.BaseDirectory, "TestResults", "documents");
        Directory.CreateDirectory(dir);
        var docx = Path.Combine(dir, "bao-cao-phuong-2-2024S1.docx");
        await File.WriteAllBytesAsync(docx, ReportOutput.Word(report with { Number = 12 }, new DateOnly(2024, 7, 5)));
        var profile = Directory.CreateTempSubdirectory("doanket-lo-");
        try
        {
            await RunAsync("/usr/bin/soffice", $"-env:UserInstallation=file://{profile.FullName}", "--headless", "--norestore",
                "--convert-to", "pdf", "--outdir", dir, docx);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
        var pdf = Path.ChangeExtension(docx, "pdf");
        Assert.True(File.Exists(pdf), "LibreOffice wrote no PDF");
        await RunAsync("/usr/bin/pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, Path.ChangeExtension(docx, null));
        var png = Path.ChangeExtension(docx, "png");
        Assert.True(new FileInfo(png).Length > 10_000, "page 1 did not render to a PNG");

        var info = await RunAsync("/usr/bin/pdfinfo", pdf);
        Assert.Contains("(A4)", info);
        var page1 = await RunAsync("/usr/bin/pdftotext", "-layout", "-f", "1", "-l", "1", pdf, "-");
        foreach (var line in new[] { "ỦY BAN MTTQ VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 12/BC-MTTQ",
                     "ngày 05 tháng 07 năm 2024", "BÁO CÁO", "Sơ kết công tác Mặt trận 6 tháng đầu năm 2024", "77 cuộc/2.288 lượt người" })
            Assert.True(page1.Contains(line, StringComparison.Ordinal), $"page 1 lacks “{line}”:\n{page1}");
        // The committee's header sits left of the state's on the same lines.
        var header = page1.Split('\n').First(l => l.Contains("CỘNG HÒA", StringComparison.Ordinal));
        Assert.True(header.IndexOf("ỦY BAN MTTQ", StringComparison.Ordinal) is >= 0 and var left && left < header.IndexOf("CỘNG HÒA", StringComparison.Ordinal), header);
        // No number on page 1; "2" alone at the foot of page 2.
        var pages = int.Parse(info.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pages >= 2, $"expected at least 2 pages, got {pages}");
        var page2 = await RunAsync("/usr/bin/pdftotext", "-layout", "-f", "2", "-l", "2", pdf, "-");
        Assert.Equal("2", page2.Split('\n').Select(l => l.Trim()).Last(l => l.Length > 0));
        Assert.NotEqual("1", page1.Split('\n').Select(l => l.Trim()).Last(l => l.Length > 0));
    }
}
