using System.Diagnostics;
using DoanKet.Domain.Funds;
using DoanKet.Features.Funds;
using DoanKet.Features.Records;
using DoanKet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace DoanKet.Tests.Cli;

public sealed partial class CliTests
{
    /// <summary>Its own class, so that xunit runs these beside the other command-line cases (the cases of one class run one after another).</summary>
    public sealed class Funds
    {
        [DatabaseTheory]
        public async Task Ledger_verify_passes_on_the_demo_and_names_a_row_changed_in_SQL(string engine)
        {
            await using var app = await TestApp.StartAsync(engine);
            var ok = await RunAsync(app.Database, null, "ledger", "verify");
            Assert.True(ok.ExitCode == 0, ok.Output + ok.Error);
            Assert.Contains("toàn vẹn", ok.Output);
            var (fund, seq, id) = await app.DbAsync(async db =>
            {
                var e = await db.MoneyEntries.OrderBy(e => e.Id).Skip(10).FirstAsync();
                await db.Database.ExecuteSqlRawAsync("""UPDATE "MoneyEntries" SET "DonorName" = 'Người khác' WHERE "Id" = {0}""", e.Id);
                return (e.FundId, e.Seq, e.Id);
            });
            var bad = await RunAsync(app.Database, null, "ledger", "verify");
            Assert.Equal(3, bad.ExitCode);
            Assert.Contains($"Quỹ {fund}", bad.Output);
            Assert.Contains($"bút toán số {seq} (mã {id})", bad.Output);
        }

        /// <summary>The funds benchmark still works: a quick run imports, loads and searches, and finds what it searches for.</summary>
        [DatabaseTheory]
        public async Task Bench_funds_quick_imports_loads_and_finds_its_rows(string engine)
        {
            await using var app = await TestApp.StartAsync(engine);
            var run = await RunAsync(app.Database, null, "bench", "funds", "--quick");
            Assert.Contains("dòng/s", run.Output);
            Assert.Contains("Tra cứu công khai trên 20.000 khoản: p95", run.Output);
            Assert.DoesNotContain("không thấy gì", run.Output);
            if (engine == Engines.Postgres) Assert.Contains("COPY thô", run.Output);
            Assert.Empty(await app.DbAsync(db => new FundLedger(db, new RecordWriter(db)).VerifyAsync()));
        }

        /// <summary>The portal benchmark still works: a quick run fills the portal, serves every scenario without an error.</summary>
        [DatabaseTheory]
        public async Task Bench_portal_quick_serves_every_scenario_without_errors(string engine)
        {
            await using var app = await TestApp.StartAsync(engine);
            var run = await RunAsync(app.Database, null, "bench", "portal", "--quick");
            Assert.True(run.ExitCode == 0, run.Output + run.Error);
            foreach (var scenario in new[] { "trivial endpoint", "article page, from the output cache", "article page, rendered", "search, from the output cache", "search, computed" })
                Assert.Contains(scenario, run.Output);
            Assert.Equal(300, await app.DbAsync(db => db.Articles.CountAsync(a => a.CreatedBy == DoanKet.Cli.PortalBench.By)));
            Assert.Equal(300, await app.DbAsync(db => db.SearchEntries.CountAsync(e => db.Articles.Any(a => a.Id == e.RefId && e.Kind == "article" && a.CreatedBy == DoanKet.Cli.PortalBench.By))));
        }

        /// <summary>
        /// The import verb is killed after its first chunks: the database holds whole chunks and the batch's
        /// progress agrees with them; running the same file again finishes it with every row exactly once.
        /// </summary>
        [DatabaseTheory]
        public async Task Import_killed_midway_keeps_whole_chunks_and_a_rerun_finishes_without_duplicates(string engine)
        {
            const int rows = 6 * FundImport.Chunk;
            await using var app = await TestApp.StartAsync(engine);
            var fundId = await app.DbAsync(async db => (await db.Funds.FirstAsync(f => f.Name == "Quỹ “Vì người nghèo” phường Bồ Đề")).Id);
            var file = Path.Combine(Path.GetTempPath(), $"doanket-import-{Guid.NewGuid():N}.xlsx");
            var day = TestClock.Today.AddDays(-1);
            await using (var fs = File.Create(file))
                await fs.SaveAsAsync(Enumerable.Range(1, rows).Select(i => new Dictionary<string, object?>
                {
                    ["Ngày"] = day.ToString("dd/MM/yyyy"), ["Tên người ủng hộ"] = $"Người ủng hộ số {i}", ["Loại"] = "Cá nhân", ["Hình thức"] = "Tiền mặt",
                    ["Số tiền"] = 10_000 + i, ["Số biên nhận"] = $"PT-{i}",
                }));
            try
            {
                string[] args = ["import", "--fund", fundId.ToString(), "--unit", "DEMO-BODE", "--kind", "contributions", file];
                using (var p = Start(app.Database, args))
                {
                    // Kill as soon as two chunks are in (a hard kill: no chance to finish the chunk being written).
                    string? line;
                    while ((line = await p.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith($"Đã nhập {2 * FundImport.Chunk}/", StringComparison.Ordinal)) { }
                    Assert.NotNull(line);
                    p.Kill(entireProcessTree: true);
                    await p.WaitForExitAsync();
                }
                var (done, stored, distinct) = await app.DbAsync(async db =>
                {
                    var batch = await db.ImportBatches.AsNoTracking().SingleAsync();
                    var rowsIn = db.MoneyEntries.Where(e => e.ImportBatchId == batch.Id);
                    return (batch.Done, await rowsIn.CountAsync(), await rowsIn.Select(e => e.ImportRow).Distinct().CountAsync());
                });
                Assert.True(done >= 2 * FundImport.Chunk && done < rows, $"killed after {done} rows");
                Assert.Equal(0, done % FundImport.Chunk);
                Assert.Equal((done, done), (stored, distinct));

                var rerun = await RunAsync(app.Database, null, args);
                Assert.True(rerun.ExitCode == 0, rerun.Output + rerun.Error);
                Assert.Contains($"tiếp tục từ dòng {done + 1:N0}", rerun.Output);
                await app.DbAsync(async db =>
                {
                    var batch = await db.ImportBatches.AsNoTracking().SingleAsync();
                    Assert.Equal((ImportStatus.Done, rows), (batch.Status, batch.Done));
                    var rowsIn = db.MoneyEntries.Where(e => e.ImportBatchId == batch.Id);
                    Assert.Equal(rows, await rowsIn.CountAsync());
                    Assert.Equal(rows, await rowsIn.Select(e => e.ImportRow).Distinct().CountAsync());
                    Assert.Equal(Enumerable.Range(1, rows).Sum(i => 10_000L + i), await rowsIn.SumAsync(e => e.Amount));
                    Assert.Empty(await new FundLedger(db, new RecordWriter(db)).VerifyAsync(fundId));
                    return 0;
                });
                // A third run of the same file adds nothing.
                var third = await RunAsync(app.Database, null, args);
                Assert.Contains("không thêm gì", third.Output);
                Assert.Equal(rows, await app.DbAsync(db => db.MoneyEntries.CountAsync(e => e.ImportBatchId != null)));
            }
            finally
            {
                File.Delete(file);
            }
        }
    }
}
