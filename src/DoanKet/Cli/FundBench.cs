using System.Diagnostics;
using System.Globalization;
using System.Text;
using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Units;
using DoanKet.Features.Funds;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Npgsql;
using NpgsqlTypes;

namespace DoanKet.Cli;

/// <summary>
/// Verb <c>bench funds</c>: (1) imports an Excel list of contributions through the application's checked,
/// chunked import and, on PostgreSQL, COPYs the same rows into the ledger table (rolled back), in rows per second;
/// (2) loads a fund with many contributions (25 million by default) by COPY with a real hash chain and
/// times the public search (folded name, exact amount, date, reference) through the page's own query.
/// <c>--quick</c> runs both on a small scale (the test suite uses it to prove the benchmark works).
/// </summary>
public sealed class FundBench(AppDb db, FundImport import)
{
    public const double SearchTargetMs = 50, ImportRatioTarget = 0.5;

    private static readonly string[] Family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Lương", "Mai"];
    private static readonly string[] Middle = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Hữu", "Công", "Xuân", "Hồng", "Kim", "Bảo", "Gia", "Phương", "Mạnh", "Thế", "Tuấn", "Hoài"];
    private static readonly string[] Given = ["An", "Anh", "Bình", "Châu", "Chi", "Cường", "Dũng", "Dung", "Duy", "Giang", "Hà", "Hải", "Hạnh", "Hiền", "Hiếu", "Hòa", "Hoa", "Huệ", "Hùng", "Hương",
        "Khánh", "Khoa", "Lan", "Linh", "Loan", "Long", "Mai", "Minh", "Nam", "Nga", "Ngân", "Nhung", "Oanh", "Phong", "Phúc", "Phương", "Quân", "Quý", "Sơn", "Tâm",
        "Thảo", "Thắng", "Thủy", "Tiến", "Trang", "Trung", "Tú", "Tuấn", "Vân", "Vinh", "Yến", "Hậu", "Lộc", "Nhàn", "Sang", "Toàn", "Uyên", "Vy", "Xuân", "Đạt"];

    public static async Task<int> RunVerbAsync(IServiceProvider sp, string[] args)
    {
        var quick = args.Contains("--quick");
        long Number(string name, long fallback) => Generate.Option(args, name) is { } v && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
        var bench = ActivatorUtilities.CreateInstance<FundBench>(sp);
        return await bench.RunAsync(Number("--rows", quick ? 20_000 : 25_000_000), (int)Number("--import", quick ? 3_000 : 100_000), quick ? 20 : 200, Console.Out,
            (int)Number("--fund", 0) is > 0 and var fund ? fund : null) ? 0 : 1;
    }

    /// <param name="searchFund">A fund already loaded by an earlier run: only its search is timed (no import, no load).</param>
    public async Task<bool> RunAsync(long rows, int importRows, int searches, TextWriter output, int? searchFund = null)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
        var postgres = db.Database.IsNpgsql();
        var unit = await db.Units.AsNoTracking().Where(u => u.ValidTo == null && u.Level == UnitLevel.Commune).OrderBy(u => u.Id).FirstOrDefaultAsync();
        if (unit is null) { output.WriteLine("Cơ sở dữ liệu chưa có đơn vị cấp xã: chạy demo hoặc generate trước."); return false; }
        output.WriteLine($"DoanKet bench funds — {(postgres ? "PostgreSQL" : "SQLite")}, {Environment.ProcessorCount} nhân, {db.Clock.UtcNow:yyyy-MM-dd HH:mm} UTC, đơn vị {unit.FullName}");

        if (searchFund is int reused) return await SearchAsync(reused, await SamplesAsync(reused), searches, postgres, output);

        // (1) Import through the application against a raw COPY of the same rows.
        var importFund = await FundRules.CreateFundAsync(db, unit, new FundInput(unit.Id, FundKind.Disaster, $"Quỹ thử tải nhập {db.Clock.UtcNow:yyyyMMddHHmmss}", null, false, null, null, null));
        var rng = new Random(7);
        var day = DateOnly.FromDateTime(db.Clock.UtcNow).AddDays(-1);
        var people = Enumerable.Range(0, importRows).Select(_ => Person(rng)).ToList();
        using var xlsx = new MemoryStream();
        await xlsx.SaveAsAsync(Enumerable.Range(0, importRows).Select(i => new Dictionary<string, object?>
        {
            ["Ngày"] = day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), ["Tên người ủng hộ"] = people[i], ["Loại"] = "Cá nhân", ["Hình thức"] = "Chuyển khoản",
            ["Số tiền"] = (1 + i % 50) * 100_000, ["Mã giao dịch"] = $"FT{i:D9}",
        }));
        var clock = Stopwatch.StartNew();
        var check = await import.StartAsync(importFund, unit, ImportKind.Contributions, null, "bench.xlsx", xlsx.ToArray(), "bench");
        if (check.Batch is null) { output.WriteLine("Nhập lỗi: " + string.Join("; ", check.Errors)); return false; }
        var checkedIn = clock.Elapsed.TotalSeconds;
        await import.RunAsync(check.Batch.Id, checkedEntries: check.Entries);
        var importRate = importRows / clock.Elapsed.TotalSeconds;
        output.WriteLine($"Nhập {importRows:N0} dòng Excel (kiểm tra {checkedIn:N1} s, rồi ghi sổ có chuỗi băm và sự kiện số liệu): {clock.Elapsed.TotalSeconds:N1} s — {importRate:N0} dòng/s");
        var ok = true;
        if (postgres)
        {
            // The same rows COPYed into the ledger table itself (its indexes, foreign keys, log) after the fund's head, then rolled back.
            var entries = await db.MoneyEntries.AsNoTracking().Where(e => e.ImportBatchId == check.Batch.Id).ToListAsync();
            foreach (var e in entries) (e.Seq, e.ImportBatchId, e.ImportRow) = (e.Seq + importRows, null, null);
            await using var conn = await OpenAsync();
            await using (var tx = await conn.BeginTransactionAsync())
            {
                clock.Restart();
                await CopyAsync(conn, "MoneyEntries", entries);
                clock.Stop();
                await tx.RollbackAsync();
            }
            var copyRate = importRows / clock.Elapsed.TotalSeconds;
            var ratio = importRate / copyRate;
            output.WriteLine($"COPY thô cùng {importRows:N0} dòng: {clock.Elapsed.TotalSeconds:N2} s — {copyRate:N0} dòng/s; tỷ lệ nhập/COPY {ratio:N2} (mục tiêu ≥ {ImportRatioTarget:N1})");
            ok &= ratio >= ImportRatioTarget;
        }

        // (2) The public search over a large fund.
        var fund = await FundRules.CreateFundAsync(db, unit, new FundInput(unit.Id, FundKind.Disaster, $"Quỹ thử tải tra cứu {db.Clock.UtcNow:yyyyMMddHHmmss}", null, true, null, null, null));
        clock.Restart();
        var samples = await LoadAsync(fund, unit, rows, postgres, output);
        output.WriteLine($"Đã nạp {rows:N0} khoản đóng góp (chuỗi băm thật) và dựng chỉ mục — {clock.Elapsed.TotalSeconds:N0} s");
        return await SearchAsync(fund.Id, samples, searches, postgres, output) && ok;
    }

    /// <summary>Times each kind of public search through the page's own queries; the p95 over all of them against the goal.</summary>
    private async Task<bool> SearchAsync(int fundId, List<Sample> samples, int searches, bool postgres, TextWriter output)
    {
        var kinds = new (string Label, Func<int, PublicSearch> Search)[]
        {
            ("tên không dấu", i => new PublicSearch(Text.Fold(samples[i % samples.Count].Name), null, null, null, null)),
            ("một phần tên", i => new PublicSearch(string.Join(' ', Text.Fold(samples[i % samples.Count].Name).Split(' ')[1..]), null, null, null, null)),
            ("số tiền chính xác", i => new PublicSearch(null, samples[i % samples.Count].Amount, null, null, null)),
            ("ngày", i => new PublicSearch(null, null, samples[i % samples.Count].Date, null, null)),
            ("mã giao dịch", i => new PublicSearch(null, null, null, samples[i % samples.Count].Reference, null)),
        };
        var ok = true;
        var all = new List<double>();
        foreach (var (label, search) in kinds)
        {
            var times = new List<double>();
            for (var i = 0; i < searches / kinds.Length + 1; i++)
            {
                var s = Stopwatch.StartNew();
                var page = await FundQueries.PageAsync(db, await FundQueries.PublicContributionsAsync(db, fundId, search(i * 7 + 3)), 0, 51);
                times.Add(s.Elapsed.TotalMilliseconds);
                if (page.Count == 0) { output.WriteLine($"  tìm theo {label} không thấy gì: dữ liệu mẫu sai"); ok = false; }
            }
            all.AddRange(times);
            output.WriteLine($"  Tìm theo {label}: p50 {Pct(times, 50):N1} ms, p95 {Pct(times, 95):N1} ms ({times.Count} lần)");
        }
        var size = await db.Funds.Where(f => f.Id == fundId).Select(f => f.HeadSeq).FirstAsync();
        var p95 = Pct(all, 95);
        output.WriteLine($"Tra cứu công khai trên {size:N0} khoản: p95 {p95:N1} ms (mục tiêu ≤ {SearchTargetMs:N0} ms trên PostgreSQL)");
        if (postgres) ok &= p95 <= SearchTargetMs;
        return ok;
    }

    /// <summary>97 entries spread evenly over an already loaded fund, to search for.</summary>
    private async Task<List<Sample>> SamplesAsync(int fundId)
    {
        var head = await db.Funds.Where(f => f.Id == fundId).Select(f => f.HeadSeq).FirstAsync();
        var seqs = Enumerable.Range(1, 97).Select(k => Math.Max(1, k * head / 97)).Distinct().ToList();
        return await db.MoneyEntries.Where(e => e.FundId == fundId && e.Kind == EntryKind.Contribution && seqs.Contains(e.Seq) && e.Reference != null)
            .Select(e => new Sample(e.DonorName!, e.Amount, e.Date, e.Reference!)).ToListAsync();
    }

    private static double Pct(List<double> xs, int p)
    {
        var sorted = xs.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Person(Random rng) =>
        $"{Family[rng.Next(Family.Length)]} {Middle[rng.Next(Middle.Length)]} {(rng.Next(3) == 0 ? Middle[rng.Next(Middle.Length)] + " " : "")}{Given[rng.Next(Given.Length)]}";

    private sealed record Sample(string Name, long Amount, DateOnly Date, string Reference);

    /// <summary>Writes the contributions straight into the ledger table with a real chain, then moves the fund's head; returns a few rows to search for.</summary>
    private async Task<List<Sample>> LoadAsync(Fund fund, Unit unit, long rows, bool postgres, TextWriter output)
    {
        var rng = new Random(2024);
        var samples = new List<Sample>();
        var start = new DateOnly(2024, 9, 8);
        var created = db.Clock.UtcNow;
        created = new DateTime(created.Ticks - created.Ticks % 10, DateTimeKind.Utc);
        var hash = Ledger.Genesis;
        var names = new Dictionary<string, long>();
        IEnumerable<MoneyEntry> Entries()
        {
            for (long i = 1; i <= rows; i++)
            {
                var name = Person(rng);
                var e = new MoneyEntry
                {
                    FundId = fund.Id, Seq = i, Kind = EntryKind.Contribution, UnitId = unit.Id, Date = start.AddDays((int)(i * 365 / rows)),
                    Amount = rng.Next(10) < 7 ? (1 + rng.Next(50)) * 100_000L : 10_000L + rng.Next(5_000_000), Channel = Channel.Transfer,
                    DonorType = DonorType.Individual, DonorName = name, DonorFolded = Text.Fold(name), Reference = $"FT{i:D10}",
                    DonorAccount = $"{rng.NextInt64(1_000_000_000L, 9_999_999_999L)}", CreatedAt = created, CreatedBy = "bench",
                };
                e.Hash = hash = Ledger.HashOf(hash, e);
                names[e.DonorFolded!] = names.GetValueOrDefault(e.DonorFolded!) + 1;
                if (i % Math.Max(1, rows / 97) == 0) samples.Add(new Sample(name, e.Amount, e.Date, e.Reference!));
                if (i % 5_000_000 == 0) output.WriteLine($"  … {i:N0} dòng");
                yield return e;
            }
        }
        if (postgres)
        {
            await using var conn = await OpenAsync();
            await Generate.ExecAsync(conn, "SET maintenance_work_mem = '1GB'; SET synchronous_commit = off");
            var restore = await Generate.DropIndexesAsync(conn, "MoneyEntries", primaryKeyToo: false);
            await CopyAsync(conn, "MoneyEntries", Entries());
            foreach (var sql in Generate.Ordered(restore)) await Generate.ExecAsync(conn, sql);
            await Generate.ExecAsync(conn, """SELECT setval(pg_get_serial_sequence('"MoneyEntries"', 'Id'), (SELECT MAX("Id") FROM "MoneyEntries") + 1, false)""");
            // What autovacuum does soon after a load of this size: the visibility map lets a search read the index alone.
            await Generate.ExecAsync(conn, """VACUUM ANALYZE "MoneyEntries" """);
        }
        else
        {
            var conn = (SqliteConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync();
            await using var cmd = conn.CreateCommand();
            string[] columns = [.. FundLedger.Columns.Skip(1)];
            cmd.CommandText = $"""INSERT INTO "MoneyEntries" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})""";
            var ps = columns.Select((_, i) => cmd.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
            foreach (var e in Entries())
            {
                var values = FundLedger.Values(e)[1..];
                for (var i = 0; i < values.Length; i++) ps[i].Value = values[i] ?? DBNull.Value;
                await cmd.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        await db.Funds.Where(f => f.Id == fund.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.HeadSeq, rows).SetProperty(f => f.HeadHash, hash));
        await FundLedger.CountNamesAsync(db, fund.Id, names);
        if (postgres) await db.Database.ExecuteSqlRawAsync("""ANALYZE "FundDonorNames" """);
        else await Features.Indicators.Catalogue.OptimizeAsync(db);
        return samples;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { CommandTimeout = 0, Pooling = false }.ToString());
        await conn.OpenAsync();
        return conn;
    }

    private static Task CopyAsync(NpgsqlConnection conn, string table, IEnumerable<MoneyEntry> entries) =>
        Copy.IntoAsync(conn, table, [.. FundLedger.Columns.Skip(1)], entries.Select(e => FundLedger.Values(e)[1..]));
}
