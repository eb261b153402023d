using System.Diagnostics;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DoanKet.Domain.Extraction;
using DoanKet.Tests.Extraction;

namespace DoanKet.Tests.Cli;

/// <summary>The <c>extract</c> verb reads a text, Word or legacy-encoded file and prints the JSON contract; <c>bench extract</c> prints recall and precision.</summary>
public sealed class ExtractCliTests
{
    private sealed record Outcome(int ExitCode, string Output, string Error);

    private static async Task<Outcome> RunAsync(params string[] args)
    {
        var dll = typeof(Program).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(timeout.Token);
        return new Outcome(p.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Extract_prints_the_figures_of_a_seed_as_json()
    {
        var file = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Seeds"), "004_*.txt").Single();
        var run = await RunAsync("extract", file);
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var figures = json.RootElement.GetProperty("figures").EnumerateArray().ToList();
        Assert.Equal(Extractor.Extract(ExtractorTests.Seed("004")).Count, figures.Count);
        var fraction = figures.Single(f => f.GetProperty("text").GetString() == "8.000.000/21.000.000 đồng");
        Assert.Equal(8000000, fraction.GetProperty("quantity").GetDecimal());
        Assert.Equal(21000000, fraction.GetProperty("of").GetDecimal());
        Assert.Equal("fraction", fraction.GetProperty("qualifier").GetString());
        Assert.Equal("fund", fraction.GetProperty("category").GetString());
        Assert.False(fraction.GetProperty("target").GetBoolean());
        var text = ExtractorTests.Seed("004");
        Assert.All(figures, f => Assert.Equal(f.GetProperty("text").GetString(), text[f.GetProperty("start").GetInt32()..f.GetProperty("end").GetInt32()]));
    }

    [Fact]
    public async Task Extract_reads_word_files_and_legacy_encoded_text_and_says_what_is_wrong_with_a_bad_file()
    {
        var dir = Directory.CreateTempSubdirectory("doanket-extract-");
        try
        {
            var docx = Path.Combine(dir.FullName, "bao-cao.docx");
            using (var doc = WordprocessingDocument.Create(docx, WordprocessingDocumentType.Document))
            {
                doc.AddMainDocumentPart().Document = new Document(new Body(
                    new Paragraph(new Run(new Text("Báo cáo sơ kết 6 tháng đầu năm 2022"))),
                    new Paragraph(new Run(new Text("Tổ chức 12 cuộc giám sát, trao 150 phần quà trị giá 45.000.000 đồng.")))));
            }
            var word = await RunAsync("extract", docx);
            Assert.True(word.ExitCode == 0, word.Error);
            Assert.Contains("\"text\":\"12 cuộc\"", word.Output);
            Assert.Contains("\"quantity\":45000000", word.Output);

            // Typed with a TCVN3 font and saved as an ANSI text file: "Trao 150 phần quà cho hộ nghèo." → repaired before reading.
            var legacy = Path.Combine(dir.FullName, "cu.txt");
            await File.WriteAllBytesAsync(legacy, LegacyVietnameseTests.EncodeTcvn3("Trao 150 phần quà cho hộ nghèo."));
            var old = await RunAsync("extract", legacy);
            Assert.True(old.ExitCode == 0, old.Error);
            Assert.Contains("\"text\":\"150 phần quà\"", old.Output);

            var broken = Path.Combine(dir.FullName, "hong.docx");
            await File.WriteAllBytesAsync(broken, [.. "PK"u8, 1, 2, 3, 4]);
            var bad = await RunAsync("extract", broken);
            Assert.Equal(1, bad.ExitCode);
            Assert.Contains("Không đọc được tệp", bad.Error);

            var missing = await RunAsync("extract", Path.Combine(dir.FullName, "khong-co.txt"));
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("Không tìm thấy tệp", missing.Error);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Bench_extract_prints_recall_and_precision_on_both_corpora()
    {
        var run = await RunAsync("bench", "extract");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("corpus.txt", run.Output);
        Assert.Contains("corpus-heldout.txt", run.Output);
        Assert.Contains("Độ phủ (recall)", run.Output);
        Assert.Contains("văn bản báo cáo 1 MB", run.Output);
    }
}
