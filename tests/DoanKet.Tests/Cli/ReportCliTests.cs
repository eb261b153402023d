using DoanKet.Tests.Infrastructure;

namespace DoanKet.Tests.Cli;

public sealed partial class CliTests
{
    [DatabaseTheory]
    public async Task Report_writes_the_review_report_of_a_unit_found_by_name_in_each_format(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var dir = Directory.CreateTempSubdirectory("doanket-report-");
        try
        {
            var md = Path.Combine(dir.FullName, "p2.md");
            var run = await RunAsync(app.Database, null, "report", "--unit", "Phường 2", "--period", "2024S1", "--out", md);
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Output} {run.Error}");
            Assert.Contains("77 cuộc/2.288 lượt người", await File.ReadAllTextAsync(md));

            var json = Path.Combine(dir.FullName, "sc.json");
            Assert.Equal(0, (await RunAsync(app.Database, null, "report", "--unit", "song cau", "--period", "2019-2024", "--format", "json", "--out", json)).ExitCode);
            Assert.Contains("\"indicator\": \"giam_sat.cuoc\"", await File.ReadAllTextAsync(json));

            var docx = Path.Combine(dir.FullName, "p2.docx");
            Assert.Equal(0, (await RunAsync(app.Database, null, "report", "--unit", "DEMO-KT-P2", "--period", "2024S1", "--out", docx)).ExitCode);
            Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(docx))[..2]);

            var xlsx = Path.Combine(dir.FullName, "p2.xlsx");
            Assert.Equal(0, (await RunAsync(app.Database, null, "report", "--unit", "DEMO-KT-P2", "--period", "2024S1", "--out", xlsx)).ExitCode);
            var rows = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true, sheetName: "Số liệu").Cast<IDictionary<string, object>>().ToList();
            Assert.Contains(rows, r => (string)r["Mã chỉ tiêu"] == "tuyen_truyen.luot_nguoi" && Convert.ToDouble(r["Giá trị"], System.Globalization.CultureInfo.InvariantCulture) == 2288);

            var none = await RunAsync(app.Database, null, "report", "--unit", "khong co", "--period", "2024S1", "--out", md);
            Assert.Equal(2, none.ExitCode);
            Assert.Contains("Không có đơn vị “khong co”", none.Error);
            var badPeriod = await RunAsync(app.Database, null, "report", "--unit", "Phường 2", "--period", "2024X9", "--out", md);
            Assert.Equal(2, badPeriod.ExitCode);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
