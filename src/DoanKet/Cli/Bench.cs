using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using DoanKet.Data;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Units;
using DoanKet.Features.Indicators;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Cli;

public sealed record BenchOptions(bool Quick = false, string? Province = null, string Period = "2025S2", int Runs = 5, double Scale = 0.01, int Seed = 2025);

/// <summary>One measured case: the figures from the totals tables against the same figures summed from the raw facts.</summary>
public sealed record BenchRow(string Label, string Scope, FigureMode Mode, string Period, double AggregatedMs, double RawMs, bool Identical, string? Difference)
{
    public double Ratio => RawMs > 0 ? AggregatedMs / RawMs : 0;
}

/// <summary>
/// Verb <c>bench</c>: on the generated set, times every indicator of a province and of the whole country
/// for a six-month period as <see cref="Figures"/> computes them (from the totals tables) and as a direct
/// GROUP BY over the raw facts computes them, and checks that the numbers are identical.
/// <c>bench --quick</c> first generates a tiny set into the (empty) database: the test suite runs it to
/// prove the benchmark still works.
/// </summary>
public sealed class Bench(AppDb db, Figures figures, RecordWriter writer)
{
    public const double ProvinceTargetMs = 100, NationalTargetMs = 1000, RatioTarget = 0.05;
    /// <summary>Extra periods checked for identical numbers (not timed): one before the reorganisation, one across it off month edges.</summary>
    public static readonly string[] CheckPeriods = ["2025S1", "2025-06-10..2025-08-20"];

    public static async Task<int> RunVerbAsync(IServiceProvider sp, string[] args)
    {
        if (!TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine(error);
            return 2;
        }
        var bench = ActivatorUtilities.CreateInstance<Bench>(sp);
        var rows = await bench.RunAsync(options, Console.Out);
        return rows is not null && rows.All(r => r.Identical) ? 0 : 1;
    }

    public static bool TryParse(string[] args, out BenchOptions options, out string? error)
    {
        error = null;
        var quick = args.Contains("--quick");
        options = new BenchOptions(Quick: quick, Runs: quick ? 3 : 5);
        if (!Generate.TryParse(args, out var generate, out error)) return false;
        options = options with { Seed = generate.Seed, Scale = Generate.Option(args, "--scale") is null ? options.Scale : generate.Scale };
        if (Generate.Option(args, "--runs") is { } runs)
        {
            if (!int.TryParse(runs, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 100)
            {
                error = "--runs phải là số lần đo từ 1 đến 100.";
                return false;
            }
            options = options with { Runs = n };
        }
        if (Generate.Option(args, "--period") is { } period)
        {
            if (!Domain.Periods.Period.TryParse(period, out _))
            {
                error = $"--period không hợp lệ: {period} (ví dụ 2025S2, 2026S1, 2025Q3).";
                return false;
            }
            options = options with { Period = period };
        }
        options = options with { Province = Generate.Option(args, "--province") };
        return true;
    }

    /// <summary>Runs the benchmark; null (with a message) when there is nothing to measure.</summary>
    public async Task<List<BenchRow>?> RunAsync(BenchOptions o, TextWriter output)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        if (o.Quick)
        {
            var generated = await new Generate(db, writer).RunAsync(new GenerateOptions(o.Scale, o.Seed), output);
            if (generated is null) return null;
            output.WriteLine();
        }
        var root = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == "VN" && u.ParentId == null && u.ValidTo == null);
        if (root is null || !await db.Facts.AnyAsync())
        {
            output.WriteLine("Chưa có dữ liệu để đo: hãy chạy lệnh generate trên một cơ sở dữ liệu trống trước (hoặc dùng bench --quick).");
            return null;
        }
        var province = o.Province is { } code
            ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == code && u.Level == UnitLevel.Province && u.ValidTo == null)
            : await LargestProvinceAsync();
        if (province is null)
        {
            output.WriteLine($"Không tìm thấy tỉnh, thành phố đang hiệu lực có mã {o.Province}.");
            return null;
        }

        await PrintDatasetAsync(output);
        var period = Period.Parse(o.Period);
        output.WriteLine($"Kỳ: {period.Label} ({period.Id}); {o.Runs} lần đo sau một lần khởi động, lấy trung vị; máy {Environment.ProcessorCount} lõi, .NET {Environment.Version}.");
        output.WriteLine();

        var catalogue = await figures.CatalogueAsync();
        var rows = new List<BenchRow>();
        foreach (var mode in new[] { FigureMode.Then, FigureMode.Now })
            foreach (var (unit, scope) in new[] { (province, province.FullName), (root, "Toàn quốc") })
                rows.Add(await MeasureAsync(unit, scope, period, mode, o.Runs, catalogue));
        PrintTable(rows, output);

        // The same comparison on other shapes of period, once each: identical numbers matter there too.
        var checks = new List<BenchRow>();
        foreach (var id in CheckPeriods)
            foreach (var mode in new[] { FigureMode.Then, FigureMode.Now })
                foreach (var (unit, scope) in new[] { (province, province.FullName), (root, "Toàn quốc") })
                    checks.Add(await MeasureAsync(unit, scope, Period.Parse(id), mode, 1, catalogue));
        output.WriteLine();
        output.WriteLine("Kiểm tra thêm (một lần đo, chỉ để đối chiếu số liệu):");
        PrintTable(checks, output);

        var then = rows.Where(r => r.Mode == FigureMode.Then).ToList();
        var (p, n) = (then[0], then[1]);
        output.WriteLine();
        output.WriteLine($"Mục tiêu: tỉnh ≤ {ProvinceTargetMs} ms: {Met(p.AggregatedMs <= ProvinceTargetMs)} ({Ms(p.AggregatedMs)}); "
            + $"toàn quốc ≤ 1 s: {Met(n.AggregatedMs <= NationalTargetMs)} ({Ms(n.AggregatedMs)}); "
            + $"tỷ lệ ≤ {Fmt.Number(RatioTarget, 2)}: {Met(p.Ratio <= RatioTarget && n.Ratio <= RatioTarget)} (tỉnh {Fmt.Number(p.Ratio, 4)}, toàn quốc {Fmt.Number(n.Ratio, 4)}).");
        var all = rows.Concat(checks).ToList();
        output.WriteLine(all.All(r => r.Identical)
            ? "Số liệu từ bảng tổng hợp và từ số liệu gốc trùng khớp ở mọi trường hợp."
            : "SỐ LIỆU KHÔNG KHỚP: " + string.Join("; ", all.Where(r => !r.Identical).Select(r => $"{r.Label}: {r.Difference}")));
        return all;
    }

    private static string Met(bool ok) => ok ? "đạt" : "CHƯA ĐẠT";

    private static string Ms(double ms) => Fmt.Number(ms, 1) + " ms";

    private async Task<Unit?> LargestProvinceAsync()
    {
        var parentId = await db.Units.Where(u => u.ValidTo == null && u.Level == UnitLevel.Commune)
            .GroupBy(u => u.ParentId).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefaultAsync();
        return await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == parentId && u.Level == UnitLevel.Province);
    }

    private async Task PrintDatasetAsync(TextWriter output)
    {
        var levels = await db.Units.IgnoreQueryFilters().GroupBy(u => new { u.Level, Current = u.ValidTo == null })
            .Select(g => new { g.Key.Level, g.Key.Current, Count = g.Count() }).ToListAsync();
        var postgres = db.Database.IsNpgsql();
        var size = await ScalarAsync(postgres ? "SELECT pg_database_size(current_database())" : "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
        var server = postgres ? "PostgreSQL " + await TextAsync("SHOW server_version") : "SQLite " + await TextAsync("SELECT sqlite_version()");
        output.WriteLine($"Cơ sở dữ liệu: {server}, {Fmt.Number(size / 1024.0 / 1024 / 1024, 2)} GB.");
        output.WriteLine("Đơn vị (đang hiệu lực / đã kết thúc): " + string.Join("; ", levels.GroupBy(l => l.Level).OrderBy(g => g.Key)
            .Select(g => $"{UnitKinds.LevelLabel(g.Key)} {Fmt.Number(g.Where(x => x.Current).Sum(x => x.Count))} / {Fmt.Number(g.Where(x => !x.Current).Sum(x => x.Count))}")));
        output.WriteLine($"Hoạt động {Fmt.Number(await db.Activities.LongCountAsync())}; số liệu gốc (Facts) {Fmt.Number(await db.Facts.LongCountAsync())}; "
            + $"tổng hợp ngày {Fmt.Number(await db.DailyTotals.LongCountAsync())}; tổng hợp tháng {Fmt.Number(await db.MonthlyTotals.LongCountAsync())}.");
    }

    private async Task<BenchRow> MeasureAsync(Unit unit, string scope, Period period, FigureMode mode, int runs, List<Indicator> catalogue)
    {
        var label = $"{scope}, {(mode == FigureMode.Then ? "như lúc đó" : "như hiện nay")}";
        List<Figure> aggregated = [];
        Dictionary<string, (double Value, double? Of)> raw = [];
        var (a, r) = (new List<double>(), new List<double>());
        // One warm-up run of each, then alternate so both see the same cache state.
        for (var i = -1; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            aggregated = await figures.ComputeAsync(unit, period, mode);
            var aggregatedMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            raw = await RawAsync(unit, period, mode, catalogue);
            var rawMs = clock.Elapsed.TotalMilliseconds;
            if (i < 0) continue;
            a.Add(aggregatedMs);
            r.Add(rawMs);
        }
        var difference = Compare(aggregated, raw, exact: mode == FigureMode.Then);
        return new BenchRow(label, scope, mode, period.Id, Median(a), Median(r), difference is null, difference);
    }

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    /// <summary>
    /// Null when every figure agrees. As then, sums of whole numbers must be equal to the last digit; as now,
    /// weights make them floating-point sums added in another order, so they agree to 1e-9 relative.
    /// </summary>
    public static string? Compare(List<Figure> aggregated, Dictionary<string, (double Value, double? Of)> raw, bool exact)
    {
        bool Same(double x, double y) => exact ? x == y : Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
        var differences = new List<string>();
        foreach (var f in aggregated)
        {
            var (value, of) = raw.GetValueOrDefault(f.Indicator.Code);
            if (!Same(f.Value, value) || !Same(f.Of ?? 0, of ?? 0))
                differences.Add($"{f.Indicator.Code} {f.Value.ToString(CultureInfo.InvariantCulture)}/{f.Of?.ToString(CultureInfo.InvariantCulture)} ≠ {value.ToString(CultureInfo.InvariantCulture)}/{of?.ToString(CultureInfo.InvariantCulture)}");
        }
        if (aggregated.Count != raw.Count) differences.Add($"{aggregated.Count} chỉ tiêu ≠ {raw.Count}");
        return differences.Count == 0 ? null : string.Join(", ", differences.Take(5));
    }

    private static void PrintTable(List<BenchRow> rows, TextWriter output)
    {
        var width = Math.Max(40, rows.Max(r => r.Label.Length) + 2);
        output.WriteLine($"{"Trường hợp".PadRight(width)}{"Kỳ",-24}{"Bảng tổng hợp",16}{"Số liệu gốc",16}{"Tỷ lệ",10}  Khớp");
        foreach (var r in rows)
            output.WriteLine($"{r.Label.PadRight(width)}{r.Period,-24}{Ms(r.AggregatedMs),16}{Ms(r.RawMs),16}{Fmt.Number(r.Ratio, 4),10}  {(r.Identical ? "có" : "KHÔNG")}");
    }

    // ---------------------------------------------------------------- the direct GROUP BY over raw facts

    /// <summary>Every indicator of the catalogue summed straight from the facts, combined the way <see cref="Figures"/> combines them.</summary>
    private async Task<Dictionary<string, (double Value, double? Of)>> RawAsync(Unit unit, Period period, FigureMode mode, List<Indicator> catalogue)
    {
        var (lo, hi) = UnitScope.PathRange(unit.Path);
        var current = mode == FigureMode.Then || unit.ValidTo is null;
        var sums = new Dictionary<string, double>();
        if (mode == FigureMode.Then)
        {
            foreach (var (key, value) in await PairsAsync(
                """
                SELECT f."Key", SUM(f."Value") FROM "Facts" f JOIN "Units" u ON u."Id" = f."UnitId"
                WHERE u."Path" >= @lo AND u."Path" < @hi AND f."Date" >= @from AND f."Date" <= @to
                GROUP BY f."Key"
                """, lo, hi, period))
                sums[key] = value;
        }
        else if (current)
        {
            // Facts of today's units count whole; facts of ended units count through "as now" with their weight.
            foreach (var (key, value) in await PairsAsync(
                """
                SELECT f."Key", SUM(f."Value") FROM "Facts" f JOIN "Units" u ON u."Id" = f."UnitId"
                WHERE u."ValidTo" IS NULL AND u."Path" >= @lo AND u."Path" < @hi AND f."Date" >= @from AND f."Date" <= @to
                GROUP BY f."Key"
                """, lo, hi, period))
                sums[key] = value;
            foreach (var (key, value) in await PairsAsync(
                """
                SELECT f."Key", SUM(f."Value" * s."Weight") FROM "Facts" f
                JOIN "Units" o ON o."Id" = f."UnitId" JOIN "UnitSuccessors" s ON s."OriginalUnitId" = f."UnitId" JOIN "Units" c ON c."Id" = s."CurrentUnitId"
                WHERE o."ValidTo" IS NOT NULL AND c."Path" >= @lo AND c."Path" < @hi AND f."Date" >= @from AND f."Date" <= @to
                GROUP BY f."Key"
                """, lo, hi, period))
                sums[key] = sums.GetValueOrDefault(key) + value;
        }

        var result = new Dictionary<string, (double Value, double? Of)>();
        foreach (var i in catalogue.Where(i => i.Rule == IndicatorRule.Sum))
            result[i.Code] = (i.FactKeys.Sum(k => sums.GetValueOrDefault(k)), null);
        foreach (var i in catalogue.Where(i => i.Rule == IndicatorRule.Coverage))
            result[i.Code] = current ? await RawCoverageAsync(i, lo, hi, period, mode) : (0, 0);
        double Part(string? code) => code is not null && result.TryGetValue(code, out var v) ? v.Value : 0;
        foreach (var i in catalogue.Where(i => i.Rule == IndicatorRule.Ratio))
        {
            var (n, d) = (Part(i.Numerator), Part(i.Denominator));
            result[i.Code] = (d == 0 ? 0 : n / d * i.Scale, null);
        }
        return result;
    }

    /// <summary>x = units of the level with a nonzero day's sum of the keys (directly, or as now through a successor); y = units of the level.</summary>
    private async Task<(double, double?)> RawCoverageAsync(Indicator i, string lo, string hi, Period period, FigureMode mode)
    {
        var level = (int)(i.CoverageLevel ?? UnitLevel.ResidentialGroup);
        var keys = string.Join(", ", i.FactKeys.Select((_, n) => "@k" + n));
        string x, y;
        if (mode == FigureMode.Then)
        {
            x = $"""
                SELECT COUNT(*) FROM (SELECT DISTINCT f."UnitId" FROM "Facts" f JOIN "Units" u ON u."Id" = f."UnitId"
                WHERE u."DeletedAt" IS NULL AND u."Level" = {level} AND u."Path" >= @lo AND u."Path" < @hi AND f."Date" >= @from AND f."Date" <= @to AND f."Key" IN ({keys})
                GROUP BY f."UnitId", f."Date", f."Key" HAVING SUM(f."Value") <> 0) x
                """;
            y = $"""
                SELECT COUNT(*) FROM "Units" u WHERE u."DeletedAt" IS NULL AND u."Level" = {level} AND u."Path" >= @lo AND u."Path" < @hi
                AND u."ValidFrom" <= @to AND (u."ValidTo" IS NULL OR u."ValidTo" > @from)
                """;
        }
        else
        {
            x = $"""
                SELECT COUNT(*) FROM (
                  SELECT f."UnitId" AS id FROM "Facts" f JOIN "Units" u ON u."Id" = f."UnitId"
                  WHERE u."DeletedAt" IS NULL AND u."ValidTo" IS NULL AND u."Level" = {level} AND u."Path" >= @lo AND u."Path" < @hi
                    AND f."Date" >= @from AND f."Date" <= @to AND f."Key" IN ({keys})
                  GROUP BY f."UnitId", f."Date", f."Key" HAVING SUM(f."Value") <> 0
                  UNION
                  SELECT s."CurrentUnitId" FROM "Facts" f JOIN "Units" o ON o."Id" = f."UnitId"
                  JOIN "UnitSuccessors" s ON s."OriginalUnitId" = f."UnitId" JOIN "Units" c ON c."Id" = s."CurrentUnitId"
                  WHERE o."ValidTo" IS NOT NULL AND s."Weight" > 0 AND c."DeletedAt" IS NULL AND c."ValidTo" IS NULL AND c."Level" = {level}
                    AND c."Path" >= @lo AND c."Path" < @hi AND f."Date" >= @from AND f."Date" <= @to AND f."Key" IN ({keys})
                  GROUP BY s."CurrentUnitId", f."UnitId", f."Date", f."Key" HAVING SUM(f."Value") <> 0) x
                """;
            y = $"""
                SELECT COUNT(*) FROM "Units" u WHERE u."DeletedAt" IS NULL AND u."ValidTo" IS NULL AND u."Level" = {level} AND u."Path" >= @lo AND u."Path" < @hi
                """;
        }
        return (await ScalarAsync(x, lo, hi, period, i.FactKeys), await ScalarAsync(y, lo, hi, period));
    }

    private async Task<List<(string Key, double Value)>> PairsAsync(string sql, string lo, string hi, Period period)
    {
        await using var cmd = await CommandAsync(sql, lo, hi, period, []);
        await using var reader = await cmd.ExecuteReaderAsync();
        var result = new List<(string, double)>();
        // Sums of whole numbers come back as integers (exact) or, weighted, as floating point.
        while (await reader.ReadAsync())
            result.Add((reader.GetString(0), reader.IsDBNull(1) ? 0 : Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture)));
        return result;
    }

    private async Task<double> ScalarAsync(string sql, string? lo = null, string? hi = null, Period? period = null, string[]? keys = null)
    {
        await using var cmd = await CommandAsync(sql, lo, hi, period, keys ?? []);
        return Convert.ToDouble(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task<string> TextAsync(string sql)
    {
        await using var cmd = await CommandAsync(sql, null, null, null, []);
        return Convert.ToString(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }

    private async Task<DbCommand> CommandAsync(string sql, string? lo, string? hi, Period? period, string[] keys)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync();
        var cmd = conn.CreateCommand();
        // The SQL is this class's own text; only values travel as parameters.
        cmd.CommandText = sql;
        cmd.CommandTimeout = 1800;
        void Add(string name, object value)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        if (lo is not null) Add("lo", lo);
        if (hi is not null) Add("hi", hi);
        if (period is { } pe)
        {
            Add("from", pe.From);
            Add("to", pe.To);
        }
        for (var n = 0; n < keys.Length; n++) Add("k" + n, keys[n]);
        return cmd;
    }
}
