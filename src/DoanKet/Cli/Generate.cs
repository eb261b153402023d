using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Indicators;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace DoanKet.Cli;

/// <summary>Options of <c>generate</c>: 1 = the whole country; 0.002 is a few dozen communes for tests.</summary>
public sealed record GenerateOptions(double Scale = 1, int Seed = 2025)
{
    /// <summary>Two years of work either side of the 1/7/2025 reorganisation.</summary>
    public static readonly DateOnly From = new(2024, 7, 1);
    public static readonly DateOnly To = new(2026, 6, 30);
}

/// <summary>What was written, for the progress report and the benchmark's header.</summary>
public sealed record GenerateResult(Dictionary<UnitLevel, int> UnitsByLevel, int Changes, int Lineages, int Successors,
    long Activities, long OtherRecords, long Facts, TimeSpan Elapsed);

/// <summary>
/// Verb <c>generate</c>: a deterministic synthetic national data set for the benchmark — the 63 provinces
/// with their districts, communes and residential groups before 1/7/2025, the reorganisation of that day
/// (districts end, communes merge or split into 3,321, provinces merge into 34, groups move with their
/// communes), and two years of work records with their facts and totals. Written by bulk insert (binary
/// COPY on PostgreSQL), only into an empty database so it can never mix with real data.
/// </summary>
public sealed class Generate(AppDb db, RecordWriter writer)
{
    public static readonly DateOnly Tracked = new(2015, 1, 1);
    public static readonly DateOnly Reorganised = new(2025, 7, 1);
    private const string Actor = "dòng lệnh (generate)";

    public static async Task<int> RunVerbAsync(IServiceProvider sp, string[] args)
    {
        if (!TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine(error);
            return 2;
        }
        var generate = ActivatorUtilities.CreateInstance<Generate>(sp);
        return await generate.RunAsync(options, Console.Out) is null ? 1 : 0;
    }

    public static bool TryParse(string[] args, out GenerateOptions options, out string? error)
    {
        options = new GenerateOptions();
        error = null;
        if (Option(args, "--scale") is { } s)
        {
            if (!double.TryParse(s.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || !double.IsFinite(scale) || scale is <= 0 or > 1)
            {
                error = "--scale phải là một số lớn hơn 0 và không quá 1 (ví dụ 0.002 hoặc 1).";
                return false;
            }
            options = options with { Scale = scale };
        }
        if (Option(args, "--seed") is { } seedText)
        {
            if (!int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
            {
                error = "--seed phải là một số nguyên.";
                return false;
            }
            options = options with { Seed = seed };
        }
        return true;
    }

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>Generates the set; null (with a message) when the database is not empty or the scale is too big for SQLite.</summary>
    public async Task<GenerateResult?> RunAsync(GenerateOptions options, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var postgres = db.Database.IsNpgsql();
        if (postgres) await CreatePostgresDatabaseIfMissingAsync(db.Database.GetConnectionString()!, output);
        await Catalogue.MigrateAsync(db);
        if (await db.Units.IgnoreQueryFilters().AnyAsync())
        {
            output.WriteLine("Cơ sở dữ liệu đã có đơn vị. Lệnh generate chỉ sinh dữ liệu vào một cơ sở dữ liệu trống "
                + "(vừa tạo, chưa nạp dữ liệu mẫu) để không bao giờ trộn với dữ liệu thật. Hãy tạo cơ sở dữ liệu mới rồi chạy lại.");
            return null;
        }
        if (!postgres && options.Scale > 0.05)
        {
            output.WriteLine("Trên SQLite chỉ sinh tập nhỏ (--scale không quá 0,05); tập toàn quốc cần PostgreSQL.");
            return null;
        }
        output.WriteLine($"Sinh dữ liệu tổng hợp: tỷ lệ {options.Scale.ToString(CultureInfo.InvariantCulture)}, hạt giống {options.Seed}, "
            + $"công việc từ {Fmt.Date(GenerateOptions.From)} đến {Fmt.Date(GenerateOptions.To)}, {(postgres ? "PostgreSQL (COPY nhị phân)" : "SQLite")}.");

        var tree = Tree.Build(options.Scale, options.Seed);
        var successors = tree.Successors();
        output.WriteLine($"  Cây đơn vị: {Fmt.Number(tree.Units.Count)} phiên bản ({string.Join(", ", tree.Units.GroupBy(u => u.Level).OrderBy(g => g.Key).Select(g => $"{UnitKinds.LevelLabel(g.Key).ToLowerInvariant()} {Fmt.Number(g.Count())}"))}), "
            + $"{Fmt.Number(tree.Changes.Count)} thay đổi, {Fmt.Number(tree.Edges.Count)} quan hệ kế thừa — {Seconds(clock)}");

        var kinds = await db.ActivityKinds.AsNoTracking().ToDictionaryAsync(k => k.Code);
        db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
        long activities, others, facts;
        if (postgres)
            (activities, others, facts) = await LoadPostgresAsync(tree, successors, kinds, options.Seed, output, clock);
        else
            (activities, others, facts) = await LoadSqliteAsync(tree, successors, kinds, options.Seed, output, clock);

        var result = new GenerateResult(tree.Units.GroupBy(u => u.Level).ToDictionary(g => g.Key, g => g.Count()), tree.Changes.Count, tree.Edges.Count,
            successors.Count, activities, others, facts, clock.Elapsed);
        output.WriteLine($"Xong: {Fmt.Number(activities)} hoạt động, {Fmt.Number(others)} hồ sơ khác (hội nghị, Ngày hội, mô hình, khen thưởng), "
            + $"{Fmt.Number(facts)} dòng số liệu gốc (Facts) — tổng thời gian {Seconds(clock)}.");
        return result;
    }

    private static string Seconds(Stopwatch clock) => Fmt.Number(clock.Elapsed.TotalSeconds, 1) + " s";

    private static async Task CreatePostgresDatabaseIfMissingAsync(string connectionString, TextWriter output)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(cs.Database)) return;
        var name = cs.Database;
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var conn = new NpgsqlConnection(admin.ToString());
        await conn.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", conn);
        exists.Parameters.AddWithValue("n", name);
        if (await exists.ExecuteScalarAsync() is not null) return;
        // The name comes from the operator's own connection string; quoted as an identifier.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", conn);
        await create.ExecuteNonQueryAsync();
        output.WriteLine($"  Đã tạo cơ sở dữ liệu {name}.");
    }

    // ---------------------------------------------------------------- loading

    private async Task<(long Activities, long Others, long Facts)> LoadSqliteAsync(Tree tree, List<UnitSuccessor> successors,
        Dictionary<string, ActivityKind> kinds, int seed, TextWriter output, Stopwatch clock)
    {
        // One transaction on the app's own connection: all or nothing, totals included.
        await using var tx = await db.Database.BeginTransactionAsync();
        var conn = (SqliteConnection)db.Database.GetDbConnection();
        var sqlTx = (SqliteTransaction)tx.GetDbTransaction();
        Sink Open(string table, params string[] columns) => new SqliteSink(conn, sqlTx, table, columns);

        await WriteTreeAsync(tree, successors, Open);
        output.WriteLine($"  Đã ghi cây đơn vị — {Seconds(clock)}");
        var counts = await WriteRecordsAsync(tree, kinds, seed, Open, Open("Facts", FactColumns), output, clock);
        await writer.RebuildTotalsAsync();
        output.WriteLine($"  Đã dựng bảng tổng hợp ngày, tháng, tỉnh và tháng có hoạt động (độ phủ) — {Seconds(clock)}");
        await tx.CommitAsync();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return counts;
    }

    private async Task<(long Activities, long Others, long Facts)> LoadPostgresAsync(Tree tree, List<UnitSuccessor> successors,
        Dictionary<string, ActivityKind> kinds, int seed, TextWriter output, Stopwatch clock)
    {
        var cs = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { CommandTimeout = 0, Pooling = false }.ToString();
        await using var records = new NpgsqlConnection(cs);
        await using var factsConn = new NpgsqlConnection(cs);
        await records.OpenAsync();
        await factsConn.OpenAsync();
        await ExecAsync(records, "SET synchronous_commit = off; SET maintenance_work_mem = '1GB'");
        await ExecAsync(factsConn, "SET synchronous_commit = off");
        try
        {
            await using (var tx = await records.BeginTransactionAsync())
            {
                await WriteTreeAsync(tree, successors, (table, columns) => PgSink.Open(records, table, columns));
                await tx.CommitAsync();
            }
            output.WriteLine($"  Đã ghi cây đơn vị — {Seconds(clock)}");

            // Bulk load without secondary indexes and foreign keys; they are rebuilt once at the end.
            string[] recordTables = ["Activities", "Conferences", "UnityDays", "Initiatives", "Commendations"];
            var restore = new List<string>();
            foreach (var t in recordTables) restore.AddRange(await DropIndexesAsync(records, t, primaryKeyToo: false));
            restore.AddRange(await DropIndexesAsync(records, "Facts", primaryKeyToo: true));

            var facts = PgSink.Open(factsConn, "Facts", FactColumns);
            (long, long, long) counts;
            try
            {
                counts = await WriteRecordsAsync(tree, kinds, seed, (table, columns) => PgSink.Open(records, table, columns), facts, output, clock);
            }
            finally
            {
                await facts.DisposeAsync();
            }

            foreach (var sql in Ordered(restore)) await ExecAsync(records, sql);
            foreach (var t in recordTables.Prepend("Units").Append("UnitChanges"))
                await ExecAsync(records, $"SELECT setval(pg_get_serial_sequence('\"{t}\"', 'Id'), COALESCE((SELECT MAX(\"Id\") FROM \"{t}\"), 0) + 1, false)");
            output.WriteLine($"  Đã dựng lại chỉ mục, khóa ngoại — {Seconds(clock)}");

            var totals = new List<string>();
            totals.AddRange(await DropIndexesAsync(records, "DailyTotals", primaryKeyToo: true));
            totals.AddRange(await DropIndexesAsync(records, "MonthlyTotals", primaryKeyToo: true));
            // The rebuild runs on the app's own connection: give it memory for one big GROUP BY each.
            await db.Database.OpenConnectionAsync();
            try
            {
                await db.Database.ExecuteSqlRawAsync("SET work_mem = '1GB'; SET synchronous_commit = off");
                await writer.RebuildTotalsAsync();
                await db.Database.ExecuteSqlRawAsync("RESET work_mem; RESET synchronous_commit");
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            foreach (var sql in Ordered(totals)) await ExecAsync(records, sql);
            output.WriteLine($"  Đã dựng bảng tổng hợp ngày, tháng, tỉnh và tháng có hoạt động (độ phủ) — {Seconds(clock)}");
            // Fresh statistics and a visibility map, so the planner knows the sizes and index-only scans work.
            await ExecAsync(records, "VACUUM (ANALYZE)");
            output.WriteLine($"  Đã VACUUM ANALYZE — {Seconds(clock)}");
            return counts;
        }
        catch
        {
            output.WriteLine("Sinh dữ liệu bị dừng giữa chừng: cơ sở dữ liệu này còn dữ liệu dở dang (có thể thiếu chỉ mục). Hãy xóa và tạo lại nó trước khi chạy lại.");
            throw;
        }
    }

    internal static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    // Restore order: primary keys, then indexes, then foreign keys (which need the referenced keys).
    internal static IEnumerable<string> Ordered(List<string> restore) =>
        restore.OrderBy(s => s.Contains("PRIMARY KEY", StringComparison.Ordinal) ? 0 : s.Contains("FOREIGN KEY", StringComparison.Ordinal) ? 2 : 1);

    /// <summary>Drops a table's secondary indexes and outgoing foreign keys (and its primary key when nothing references it); returns the statements that recreate them exactly.</summary>
    internal static async Task<List<string>> DropIndexesAsync(NpgsqlConnection conn, string table, bool primaryKeyToo)
    {
        var restore = new List<string>();
        var drops = new List<string>();
        var q = $"\"{table}\"";
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = @t::regclass AND contype IN ('f', 'p')
            AND (contype = 'f' OR (@pk AND NOT EXISTS (SELECT 1 FROM pg_constraint r WHERE r.confrelid = @t::regclass)))
            """, conn))
        {
            cmd.Parameters.AddWithValue("t", q);
            cmd.Parameters.AddWithValue("pk", primaryKeyToo);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                restore.Add($"ALTER TABLE {q} ADD CONSTRAINT \"{r.GetString(0)}\" {r.GetString(2)}");
                drops.Add($"ALTER TABLE {q} DROP CONSTRAINT \"{r.GetString(0)}\"");
            }
        }
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = @n
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = @t::regclass AND c.conname = i.indexname)
            """, conn))
        {
            cmd.Parameters.AddWithValue("t", q);
            cmd.Parameters.AddWithValue("n", table);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                restore.Add(r.GetString(1));
                drops.Add($"DROP INDEX \"{r.GetString(0)}\"");
            }
        }
        // Foreign keys first: a primary key cannot go while a constraint of this table still needs it.
        foreach (var sql in drops.OrderBy(s => s.StartsWith("DROP INDEX", StringComparison.Ordinal) ? 1 : 0)) await ExecAsync(conn, sql);
        return restore;
    }

    private static readonly string[] FactColumns = ["RecordType", "RecordId", "UnitId", "Date", "Key", "Value"];

    private static async Task WriteTreeAsync(Tree tree, List<UnitSuccessor> successors, Func<string, string[], Sink> open)
    {
        await using (var units = open("Units", ["Id", "Code", "Name", "NameFolded", "Kind", "Level", "ParentId", "Path", "ValidFrom", "ValidTo", "Illustrative", "Households", "CreatedAt", "Version"]))
        {
            foreach (var u in tree.Units)
            {
                units.Row();
                units.Int(u.Id).Text(u.Code).Text(u.Name).Text(Text.Fold(u.Name)).Int((int)u.Kind).Int((int)u.Level).Int(u.Parent?.Id).Text(u.Path)
                    .Date(u.From).Date(u.To).Bool(u.Illustrative).Int(u.Households).Time(u.CreatedAt).Long(0);
            }
            await units.CompleteAsync();
        }
        await using (var changes = open("UnitChanges", ["Id", "Kind", "EffectiveDate", "LegalBasis", "Note", "CreatedAt", "CreatedBy"]))
        {
            foreach (var c in tree.Changes)
            {
                changes.Row();
                changes.Int(c.Id).Int((int)c.Kind).Date(c.Date).Text(c.LegalBasis).Text(c.Note).Time(c.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)).Text(Actor);
            }
            await changes.CompleteAsync();
        }
        await using (var edges = open("UnitLineages", ["FromUnitId", "ToUnitId", "Weight", "ChangeId"]))
        {
            foreach (var e in tree.Edges)
            {
                edges.Row();
                edges.Int(e.From.Id).Int(e.To.Id).Real(e.Weight).Int(e.ChangeId);
            }
            await edges.CompleteAsync();
        }
        await using (var rows = open("UnitSuccessors", ["OriginalUnitId", "CurrentUnitId", "Weight"]))
        {
            foreach (var s in successors)
            {
                rows.Row();
                rows.Int(s.OriginalUnitId).Int(s.CurrentUnitId).Real(s.Weight);
            }
            await rows.CompleteAsync();
        }
    }

    // ---------------------------------------------------------------- records

    /// <summary>Rates per residential group and week for the weekly-screen kinds.</summary>
    private static readonly (string Kind, double PerWeek)[] GroupWeekly =
    [
        ("hop_dan", 0.23), ("tuyen_truyen", 0.25), ("ve_sinh_moi_truong", 0.15), ("tang_qua", 0.07), ("tham_hoi", 0.12), ("nam_tinh_hinh", 0.22),
    ];

    /// <summary>Rates per commune and month.</summary>
    private static readonly (string Kind, double PerMonth)[] CommuneMonthly =
    [
        ("tuyen_truyen", 1.2), ("pho_bien_phap_luat", 0.6), ("tuyen_truyen_chinh_trang", 0.3), ("van_hoa_the_thao", 0.4), ("tang_qua", 0.3),
        ("ho_tro_sinh_ke", 0.25), ("ho_tro_kho_khan", 0.15), ("giam_sat", 0.35), ("giam_sat_phoi_hop", 0.2), ("phan_bien", 0.08),
        ("gop_y_du_thao", 0.3), ("doi_thoai", 0.1), ("tiep_xuc_cu_tri", 0.15), ("tap_huan", 0.15),
    ];

    private async Task<(long Activities, long Others, long Facts)> WriteRecordsAsync(Tree tree, Dictionary<string, ActivityKind> kinds, int seed,
        Func<string, string[], Sink> open, Sink facts, TextWriter output, Stopwatch clock)
    {
        var rnd = new Random(seed + 1);
        var (from, to) = (GenerateOptions.From, GenerateOptions.To);
        long others = 0;

        void Facts(string type, int id, IEnumerable<FactRow> rows)
        {
            foreach (var f in rows)
            {
                facts.Row();
                facts.Text(type).Int(id).Int(f.UnitId).Date(f.Date).Text(f.Key).Long(f.Value);
            }
        }

        // Activities: residential groups week by week, communes month by month.
        var activityId = 0;
        await using (var rows = open("Activities", ["Id", "UnitId", "KindId", "Date", "Title", "Sessions", "Attendances", "Households", "Gifts", "People", "Money", "Opinions", "Source", "Week", "CreatedAt", "CreatedBy", "Version"]))
        {
            var a = new Activity { Title = "", Source = RecordSource.Generated };
            var nextReport = 1_000_000;
            void Write(Node unit, ActivityKind kind, DateOnly date, bool weekly)
            {
                a.Id = ++activityId;
                a.UnitId = unit.Id;
                a.KindId = kind.Id;
                a.Date = date;
                rows.Row();
                rows.Int(a.Id).Int(a.UnitId).Int(a.KindId).Date(date).Text(kind.Name).Int(a.Sessions).Int(a.Attendances).Int(a.Households).Int(a.Gifts)
                    .Int(a.People).Long(a.Money).Int(a.Opinions).Int((int)RecordSource.Generated)
                    .Text(weekly ? $"{ISOWeek.GetYear(date.ToDateTime(TimeOnly.MinValue))}W{ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)):00}" : null)
                    .Time(CreatedAt(date)).Text(Actor).Long(0);
                Facts(RecordFacts.ActivityType, a.Id, RecordFacts.Of(a, kind));
                if (activityId >= nextReport)
                {
                    output.WriteLine($"  … {Fmt.Number(activityId)} hoạt động, {Fmt.Number(facts.Rows)} dòng số liệu — {Seconds(clock)}");
                    nextReport += 1_000_000;
                }
            }

            var weeklyKinds = GroupWeekly.Select(k => (Kind: kinds[k.Kind], k.PerWeek)).ToArray();
            foreach (var (old, current) in tree.Groups)
            {
                var households = current.Households ?? 150;
                for (var monday = from.AddDays(-(((int)from.DayOfWeek + 6) % 7)); monday <= to; monday = monday.AddDays(7))
                {
                    foreach (var (kind, perWeek) in weeklyKinds)
                    {
                        var p = kind.Code == "tang_qua" && monday.Month is 1 or 2 ? perWeek * 3 : perWeek;
                        if (rnd.NextDouble() >= p) continue;
                        var date = monday.AddDays(rnd.Next(7));
                        if (date < from || date > to) continue;
                        Clear(a);
                        switch (kind.Code)
                        {
                            case "hop_dan":
                                a.Sessions = 1;
                                a.Attendances = (int)(households * (0.25 + rnd.NextDouble() * 0.35));
                                a.Opinions = rnd.Next(0, 7);
                                break;
                            case "tuyen_truyen":
                                a.Sessions = rnd.NextDouble() < 0.8 ? 1 : 2;
                                a.Attendances = rnd.Next(15, 91);
                                break;
                            case "ve_sinh_moi_truong":
                                a.Sessions = 1;
                                a.Attendances = rnd.Next(10, 71);
                                break;
                            case "tang_qua":
                                a.Sessions = 1;
                                a.Gifts = rnd.Next(2, 26);
                                a.Money = a.Gifts * rnd.Next(20, 101) * 10_000L;
                                break;
                            case "tham_hoi":
                                a.Households = rnd.Next(1, 9);
                                break;
                            default:
                                a.Opinions = rnd.Next(0, 6);
                                break;
                        }
                        Write(date < Reorganised ? old : current, kind, date, weekly: true);
                    }
                }
            }

            var monthlyKinds = CommuneMonthly.Select(k => (Kind: kinds[k.Kind], k.PerMonth)).ToArray();
            foreach (var commune in tree.Communes)
            {
                var (first, last) = (Max(from, commune.From), Min(to, (commune.To ?? DateOnly.MaxValue).AddDays(-1)));
                for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
                {
                    var days = DateTime.DaysInMonth(month.Year, month.Month);
                    foreach (var (kind, perMonth) in monthlyKinds)
                    {
                        var rate = kind.Code switch
                        {
                            "tang_qua" when month.Month is 1 or 2 => 1.5,
                            "ho_tro_kho_khan" when month.Month is 9 or 10 => 0.6,
                            "tiep_xuc_cu_tri" when month.Month is 4 or 5 or 9 or 10 => 0.8,
                            "tuyen_truyen_chinh_trang" when commune.Kind == UnitKind.Ward => 0.5,
                            _ => perMonth,
                        };
                        var n = (int)rate + (rnd.NextDouble() < rate - (int)rate ? 1 : 0);
                        for (var i = 0; i < n; i++)
                        {
                            var date = month.AddDays(rnd.Next(days));
                            if (date < first || date > last) continue;
                            Clear(a);
                            a.Sessions = rnd.Next(1, 4);
                            a.Attendances = rnd.Next(30, 251);
                            a.Households = rnd.Next(1, 11);
                            a.People = rnd.Next(2, 41);
                            a.Opinions = rnd.Next(0, 26);
                            a.Gifts = rnd.Next(20, 301);
                            a.Money = kind.Code == "tang_qua" ? a.Gifts * rnd.Next(30, 101) * 10_000L : rnd.Next(5, 51) * 1_000_000L;
                            // Only the measures the kind declares become facts; the rest stay empty on the record.
                            foreach (var m in MeasureInfo.All)
                                if ((kind.Measures & m) == 0) a.SetCount(m, null);
                            Write(commune, kind, date, weekly: false);
                        }
                    }
                }
            }
            await rows.CompleteAsync();
        }
        output.WriteLine($"  Đã ghi {Fmt.Number(activityId)} hoạt động — {Seconds(clock)}");

        // Unity Day of every residential group, each November.
        await using (var rows = open("UnityDays", ["Id", "UnitId", "Year", "Held", "Date", "HouseholdsAttending", "HouseholdsTotal", "CreatedAt", "Version"]))
        {
            var id = 0;
            foreach (var (old, current) in tree.Groups)
            {
                for (var year = from.Year; year <= to.Year; year++)
                {
                    var date = new DateOnly(year, 11, 1).AddDays(rnd.Next(18));
                    if (date < from || date > to) continue;
                    var unit = date < Reorganised ? old : current;
                    var held = rnd.NextDouble() < 0.88;
                    var total = unit.Households ?? 150;
                    var d = new UnityDay
                    {
                        Id = ++id, UnitId = unit.Id, Year = year, Held = held, Date = held ? date : null,
                        HouseholdsTotal = held ? total : null, HouseholdsAttending = held ? (int)(total * (0.6 + rnd.NextDouble() * 0.35)) : null,
                    };
                    rows.Row();
                    rows.Int(d.Id).Int(d.UnitId).Int(d.Year).Bool(d.Held).Date(d.Date).Int(d.HouseholdsAttending).Int(d.HouseholdsTotal).Time(CreatedAt(date)).Long(0);
                    Facts(RecordFacts.UnityDayType, d.Id, RecordFacts.Of(d));
                }
            }
            await rows.CompleteAsync();
            others += rows.Rows;
        }

        // Conferences: each group's yearly residents' conference; each commune's quarterly committee session and half-year review.
        await using (var rows = open("Conferences", ["Id", "UnitId", "Date", "Type", "SessionNumber", "Title", "Invited", "Present", "Opinions", "CreatedAt", "Version"]))
        {
            var id = 0;
            void Write(Node unit, DateOnly date, ConferenceType type, int? session, string title, int invited)
            {
                var c = new Conference
                {
                    Id = ++id, UnitId = unit.Id, Date = date, Type = type, SessionNumber = session, Title = title, Invited = invited,
                    Present = (int)(invited * (0.55 + rnd.NextDouble() * 0.43)), Opinions = rnd.Next(0, 21),
                };
                rows.Row();
                rows.Int(c.Id).Int(c.UnitId).Date(c.Date).Int((int)c.Type).Int(c.SessionNumber).Text(c.Title).Int(c.Invited).Int(c.Present).Int(c.Opinions)
                    .Time(CreatedAt(date)).Long(0);
                Facts(RecordFacts.ConferenceType, c.Id, RecordFacts.Of(c));
            }
            foreach (var (old, current) in tree.Groups)
                for (var year = from.Year; year <= to.Year; year++)
                {
                    var date = new DateOnly(year, 12, 1).AddDays(rnd.Next(25));
                    if (date < from || date > to) continue;
                    var unit = date < Reorganised ? old : current;
                    Write(unit, date, ConferenceType.ResidentsConference, null, $"Hội nghị khu dân cư năm {year}", unit.Households ?? 150);
                }
            foreach (var commune in tree.Communes)
            {
                var session = 0;
                for (var quarter = new DateOnly(from.Year, (from.Month - 1) / 3 * 3 + 1, 1); quarter <= to; quarter = quarter.AddMonths(3))
                {
                    var date = quarter.AddDays(rnd.Next(20));
                    if (!commune.IsValidOn(date) || date < from || date > to) continue;
                    session++;
                    Write(commune, date, ConferenceType.CommitteeSession, session, $"Hội nghị Ủy ban MTTQ Việt Nam {commune.FullName} lần thứ {session}", rnd.Next(30, 61));
                    if (quarter.Month is 4 or 10)
                    {
                        var review = quarter.AddMonths(2).AddDays(15 + rnd.Next(14));
                        if (commune.IsValidOn(review) && review <= to)
                            Write(commune, review, ConferenceType.Review, null, quarter.Month == 4 ? $"Hội nghị sơ kết 6 tháng đầu năm {review.Year}" : $"Hội nghị tổng kết năm {review.Year}", rnd.Next(50, 121));
                    }
                }
            }
            await rows.CompleteAsync();
            others += rows.Rows;
        }

        // Initiatives registered by communes, and the year-end commendations.
        await using (var rows = open("Initiatives", ["Id", "UnitId", "Name", "Field", "Status", "RegisteredOn", "CreatedAt", "Version"]))
        {
            var id = 0;
            foreach (var commune in tree.Communes)
                for (var day = Max(from, commune.From); day <= to && commune.IsValidOn(day); day = day.AddDays(120 + rnd.Next(120)))
                {
                    var (code, label) = Initiative.Fields[rnd.Next(Initiative.Fields.Length)];
                    var i = new Initiative
                    {
                        Id = ++id, UnitId = commune.Id, Name = $"Mô hình “{label}”", Field = code, RegisteredOn = day,
                        Status = rnd.NextDouble() < 0.05 ? InitiativeStatus.Stopped : (InitiativeStatus)rnd.Next(3),
                    };
                    rows.Row();
                    rows.Int(i.Id).Int(i.UnitId).Text(i.Name).Text(i.Field).Int((int)i.Status).Date(i.RegisteredOn).Time(CreatedAt(day)).Long(0);
                    Facts(RecordFacts.InitiativeType, i.Id, RecordFacts.Of(i));
                }
            await rows.CompleteAsync();
            others += rows.Rows;
        }
        await using (var rows = open("Commendations", ["Id", "UnitId", "Date", "Form", "Level", "Collective", "Recipient", "DecisionNumber", "Proposed", "CreatedAt", "Version"]))
        {
            var id = 0;
            foreach (var commune in tree.Communes)
                for (var year = from.Year; year <= to.Year; year++)
                {
                    var date = new DateOnly(year, 12, 20).AddDays(rnd.Next(11));
                    if (!commune.IsValidOn(date) || date < from || date > to) continue;
                    for (var n = rnd.Next(3, 9); n > 0; n--)
                    {
                        var collective = rnd.NextDouble() < 0.45;
                        var c = new Commendation
                        {
                            Id = ++id, UnitId = commune.Id, Date = date, Collective = collective,
                            Level = rnd.NextDouble() < 0.7 ? AwardLevel.Commune : date < Reorganised ? AwardLevel.District : AwardLevel.Province,
                            Form = rnd.NextDouble() < 0.8 ? CommendationForm.Certificate : CommendationForm.Merit,
                            Recipient = collective ? $"Ban Công tác Mặt trận khu dân cư số {rnd.Next(1, 20)}" : $"Cá nhân tiêu biểu số {n}",
                            Proposed = rnd.NextDouble() < 0.1,
                        };
                        c.DecisionNumber = c.Proposed ? null : $"{rnd.Next(1, 300)}/QĐ-MTTQ";
                        rows.Row();
                        rows.Int(c.Id).Int(c.UnitId).Date(c.Date).Int((int)c.Form).Int((int)c.Level).Bool(c.Collective).Text(c.Recipient).Text(c.DecisionNumber)
                            .Bool(c.Proposed).Time(CreatedAt(date)).Long(0);
                        Facts(RecordFacts.CommendationType, c.Id, RecordFacts.Of(c));
                    }
                }
            await rows.CompleteAsync();
            others += rows.Rows;
        }
        await facts.CompleteAsync();
        output.WriteLine($"  Đã ghi {Fmt.Number(others)} hồ sơ khác, tổng {Fmt.Number(facts.Rows)} dòng số liệu — {Seconds(clock)}");
        return (activityId, others, facts.Rows);
    }

    private static void Clear(Activity a)
    {
        foreach (var m in MeasureInfo.All) a.SetCount(m, null);
    }

    // Entered the evening of the day the work was done (Vietnam time).
    private static DateTime CreatedAt(DateOnly date) => date.ToDateTime(new TimeOnly(13, 0), DateTimeKind.Utc);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    // ---------------------------------------------------------------- the unit tree

    internal sealed class Node
    {
        public int Id;
        public string? Code;
        public required string Name;
        public UnitKind Kind;
        public Node? Parent;
        public string Path = "";
        public DateOnly From;
        public DateOnly? To;
        public bool Illustrative;
        public int? Households;
        public DateTime CreatedAt;
        public UnitLevel Level => Unit.LevelOf(Kind);
        public string FullName => Unit.FullNameOf(Kind, Name);
        public bool IsValidOn(DateOnly d) => From <= d && (To is null || d < To);
    }

    internal sealed record Change(int Id, UnitChangeKind Kind, DateOnly Date, string LegalBasis, string? Note);

    internal sealed record Edge(Node From, Node To, double Weight, int ChangeId);

    /// <summary>A current province and the provinces before 1/7/2025 it was made of (the first gives its name and code).</summary>
    private sealed record Province(string Name, UnitKind Kind, int Communes, (string Code, string Name, UnitKind Kind)[] Old);

    private const UnitKind P = UnitKind.Province, C = UnitKind.CentralCity;

    /// <summary>The 34 provinces since 1/7/2025 (Nghị quyết 202/2025/QH15) with their numbers of communes, and the 63 before.</summary>
    private static readonly Province[] Provinces =
    [
        new("Hà Nội", C, 126, [("01", "Hà Nội", C)]),
        new("Huế", C, 40, [("46", "Huế", C)]),
        new("Lai Châu", P, 38, [("12", "Lai Châu", P)]),
        new("Điện Biên", P, 45, [("11", "Điện Biên", P)]),
        new("Sơn La", P, 75, [("14", "Sơn La", P)]),
        new("Lạng Sơn", P, 65, [("20", "Lạng Sơn", P)]),
        new("Quảng Ninh", P, 54, [("22", "Quảng Ninh", P)]),
        new("Thanh Hóa", P, 166, [("38", "Thanh Hóa", P)]),
        new("Nghệ An", P, 130, [("40", "Nghệ An", P)]),
        new("Hà Tĩnh", P, 69, [("42", "Hà Tĩnh", P)]),
        new("Cao Bằng", P, 56, [("04", "Cao Bằng", P)]),
        new("Tuyên Quang", P, 124, [("08", "Tuyên Quang", P), ("02", "Hà Giang", P)]),
        new("Lào Cai", P, 99, [("10", "Lào Cai", P), ("15", "Yên Bái", P)]),
        new("Thái Nguyên", P, 92, [("19", "Thái Nguyên", P), ("06", "Bắc Kạn", P)]),
        new("Phú Thọ", P, 148, [("25", "Phú Thọ", P), ("26", "Vĩnh Phúc", P), ("17", "Hòa Bình", P)]),
        new("Bắc Ninh", P, 99, [("27", "Bắc Ninh", P), ("24", "Bắc Giang", P)]),
        new("Hưng Yên", P, 104, [("33", "Hưng Yên", P), ("34", "Thái Bình", P)]),
        new("Hải Phòng", C, 114, [("31", "Hải Phòng", C), ("30", "Hải Dương", P)]),
        new("Ninh Bình", P, 129, [("37", "Ninh Bình", P), ("35", "Hà Nam", P), ("36", "Nam Định", P)]),
        new("Quảng Trị", P, 78, [("45", "Quảng Trị", P), ("44", "Quảng Bình", P)]),
        new("Đà Nẵng", C, 94, [("48", "Đà Nẵng", C), ("49", "Quảng Nam", P)]),
        new("Quảng Ngãi", P, 96, [("51", "Quảng Ngãi", P), ("62", "Kon Tum", P)]),
        new("Gia Lai", P, 135, [("64", "Gia Lai", P), ("52", "Bình Định", P)]),
        new("Khánh Hòa", P, 65, [("56", "Khánh Hòa", P), ("58", "Ninh Thuận", P)]),
        new("Lâm Đồng", P, 124, [("68", "Lâm Đồng", P), ("67", "Đắk Nông", P), ("60", "Bình Thuận", P)]),
        new("Đắk Lắk", P, 102, [("66", "Đắk Lắk", P), ("54", "Phú Yên", P)]),
        new("Hồ Chí Minh", C, 168, [("79", "Hồ Chí Minh", C), ("74", "Bình Dương", P), ("77", "Bà Rịa – Vũng Tàu", P)]),
        new("Đồng Nai", P, 95, [("75", "Đồng Nai", P), ("70", "Bình Phước", P)]),
        new("Tây Ninh", P, 96, [("72", "Tây Ninh", P), ("80", "Long An", P)]),
        new("Cần Thơ", C, 103, [("92", "Cần Thơ", C), ("94", "Sóc Trăng", P), ("93", "Hậu Giang", P)]),
        new("Vĩnh Long", P, 124, [("86", "Vĩnh Long", P), ("83", "Bến Tre", P), ("84", "Trà Vinh", P)]),
        new("Đồng Tháp", P, 102, [("87", "Đồng Tháp", P), ("82", "Tiền Giang", P)]),
        new("Cà Mau", P, 64, [("96", "Cà Mau", P), ("95", "Bạc Liêu", P)]),
        new("An Giang", P, 102, [("89", "An Giang", P), ("91", "Kiên Giang", P)]),
    ];

    // Northern mountain provinces call villages "bản"; the south says "ấp" and "khu phố".
    private static readonly HashSet<string> Mountain = ["02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "20"];

    private static readonly string[] Syllables =
    [
        "An", "Bình", "Phú", "Hòa", "Tân", "Thạnh", "Long", "Phước", "Hưng", "Đông", "Tây", "Nam", "Bắc", "Trung", "Thuận", "Lợi",
        "Hiệp", "Mỹ", "Vĩnh", "Xuân", "Quang", "Minh", "Thành", "Hải", "Sơn", "Lâm", "Đức", "Thắng", "Yên", "Lạc", "Kim", "Ngọc",
        "Cẩm", "Hồng", "Hương", "Thủy", "Gia", "Khánh", "Phong", "Tiến", "Đồng", "Lương", "Cát", "Hà", "Tường", "Nghĩa", "Tín", "Hậu",
        "Phúc", "Thịnh", "Vân", "Định", "Quý", "Trường", "Thái", "Hợp", "Tự", "Lộc", "Thọ", "Cường", "Hội", "Dương", "Liên", "Châu",
    ];

    /// <summary>The unit tree, its changes and lineage, built in memory (a few hundred thousand small objects) before writing.</summary>
    internal sealed class Tree
    {
        public List<Node> Units { get; } = [];
        public List<Change> Changes { get; } = [];
        public List<Edge> Edges { get; } = [];
        /// <summary>Each residential group before and after 1/7/2025.</summary>
        public List<(Node Old, Node Current)> Groups { get; } = [];
        /// <summary>Communes that held work: before 1/7/2025 and since.</summary>
        public List<Node> Communes { get; } = [];

        private readonly Random _rnd;
        private static readonly DateTime LoadedAt = new(2024, 6, 30, 0, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime ReorganisedAt = Reorganised.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        private Tree(int seed) => _rnd = new Random(seed);

        private Node Add(Node? parent, UnitKind kind, string name, string? code, DateOnly from, int? households = null, bool illustrative = true)
        {
            var u = new Node
            {
                Id = Units.Count + 1, Code = code, Name = name, Kind = kind, Parent = parent, From = from, Households = households,
                Illustrative = illustrative, CreatedAt = from >= Reorganised ? ReorganisedAt : LoadedAt,
            };
            u.Path = (parent?.Path ?? "/") + u.Id + "/";
            Units.Add(u);
            return u;
        }

        private int NewChange(UnitChangeKind kind, string legalBasis, string? note)
        {
            Changes.Add(new Change(Changes.Count + 1, kind, Reorganised, legalBasis, note));
            return Changes.Count;
        }

        private string PlaceName() => Syllables[_rnd.Next(Syllables.Length)] + " " + Syllables[_rnd.Next(Syllables.Length)];

        public static Tree Build(double scale, int seed)
        {
            var t = new Tree(seed);
            var vn = t.Add(null, UnitKind.Central, "Trung ương", "VN", new DateOnly(1945, 9, 2), illustrative: false);
            // Communes per current province, scaled by largest remainder so the total is round(3,321 × scale).
            var exact = Provinces.Select(p => p.Communes * scale).ToArray();
            var counts = exact.Select(x => (int)Math.Floor(x)).ToArray();
            var total = Math.Max(1, (int)Math.Round(Provinces.Sum(p => p.Communes) * scale));
            foreach (var i in Enumerable.Range(0, Provinces.Length).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).Take(total - counts.Sum()))
                counts[i]++;

            var olds = Provinces.Select(p => p.Old.Select(o => t.Add(vn, o.Kind, o.Name, o.Code, Tracked, illustrative: false)).ToArray()).ToArray();
            var districtCode = 0;
            var communeCode = 0;
            for (var pi = 0; pi < Provinces.Length; pi++)
            {
                var p = Provinces[pi];
                var merged = p.Old.Length > 1;
                Node current;
                if (merged)
                {
                    current = t.Add(vn, p.Kind, p.Name, p.Old[0].Code, Reorganised, illustrative: false);
                    var change = t.NewChange(UnitChangeKind.Merge, "Nghị quyết 202/2025/QH15", $"Hợp nhất thành {Unit.FullNameOf(p.Kind, p.Name)}.");
                    foreach (var o in olds[pi])
                    {
                        o.To = Reorganised;
                        t.Edges.Add(new Edge(o, current, 1, change));
                    }
                }
                else
                {
                    current = olds[pi][0];
                }
                var legal = $"Nghị quyết của UBTVQH về sắp xếp đơn vị hành chính cấp xã của {current.FullName} năm 2025";
                for (var oi = 0; oi < p.Old.Length; oi++)
                {
                    // The first old province takes the remainder of the round robin.
                    var share = counts[pi] / p.Old.Length + (oi < counts[pi] % p.Old.Length ? 1 : 0);
                    t.OldProvince(olds[pi][oi], current, share, p.Old[oi].Code, legal, ref districtCode, ref communeCode);
                }
            }
            return t;
        }

        /// <summary>
        /// One province before 1/7/2025: districts of 10–19 communes, communes of 4–14 groups; then its
        /// communes merge (1–5 into one, about 3 on average) into <paramref name="share"/> new communes
        /// directly under <paramref name="current"/>, a few are split between two, and its districts end.
        /// </summary>
        private void OldProvince(Node province, Node current, int share, string provinceCode, string legal, ref int districtCode, ref int communeCode)
        {
            if (share == 0) return;
            var south = string.CompareOrdinal(provinceCode, "70") >= 0;
            var mountain = Mountain.Contains(provinceCode);
            var city = province.Kind == UnitKind.CentralCity;

            // How many old communes each new commune is made of, and which last source is split with the next one.
            var sizes = new int[share];
            for (var j = 0; j < share; j++)
            {
                var x = _rnd.NextDouble();
                sizes[j] = x < 0.10 ? 1 : x < 0.30 ? 2 : x < 0.67 ? 3 : x < 0.89 ? 4 : 5;
            }
            var splitWithNext = new bool[share];
            for (var j = 0; j + 1 < share; j++) splitWithNext[j] = sizes[j] >= 2 && _rnd.NextDouble() < 0.05;
            // At least one split wherever there is room for one, so even a small set has weighted lineage.
            if (!splitWithNext.Any(x => x) && Enumerable.Range(0, share - 1).FirstOrDefault(j => sizes[j] >= 2, -1) is var firstSplit and >= 0)
                splitWithNext[firstSplit] = true;

            // Districts over the sequence of old communes.
            var oldCommunes = sizes.Sum();
            var districts = new List<(Node District, int Size)>();
            for (var left = oldCommunes; left > 0;)
            {
                var size = Math.Min(left, _rnd.Next(10, 20));
                if (left - size is > 0 and < 5) size = left;
                var n = districts.Count;
                var kind = city ? (n < 4 || _rnd.NextDouble() < 0.3 ? UnitKind.UrbanDistrict : UnitKind.RuralDistrict)
                    : n == 0 ? UnitKind.ProvincialCity : n == 1 && _rnd.NextDouble() < 0.5 ? UnitKind.Town : UnitKind.RuralDistrict;
                var d = Add(province, kind, PlaceName(), (++districtCode).ToString("000", CultureInfo.InvariantCulture), Tracked);
                districts.Add((d, size));
                left -= size;
            }
            var sources = new List<(Node Commune, List<Node> Groups)>();
            foreach (var (district, size) in districts)
            {
                for (var k = 0; k < size; k++)
                {
                    var kind = district.Kind switch
                    {
                        UnitKind.UrbanDistrict => UnitKind.Ward,
                        UnitKind.ProvincialCity or UnitKind.Town => _rnd.NextDouble() < 0.7 ? UnitKind.Ward : UnitKind.Commune,
                        _ => k == 0 ? UnitKind.Township : UnitKind.Commune,
                    };
                    var commune = Add(district, kind, PlaceName(), (++communeCode).ToString("00000", CultureInfo.InvariantCulture), Tracked);
                    var groups = new List<Node>();
                    var numbered = kind != UnitKind.Commune || _rnd.NextDouble() < 0.5;
                    for (var g = _rnd.Next(4, 15); g > 0; g--)
                    {
                        var groupKind = kind == UnitKind.Commune
                            ? (south ? UnitKind.Ap : mountain && _rnd.NextDouble() < 0.5 ? UnitKind.Hamlet : UnitKind.Village)
                            : south ? UnitKind.Quarter : UnitKind.ResidentialGroup;
                        var name = numbered ? (groups.Count + 1).ToString(CultureInfo.InvariantCulture) : PlaceName();
                        groups.Add(Add(commune, groupKind, name, null, Tracked, households: _rnd.Next(80, 351)));
                    }
                    commune.Households = groups.Sum(g => g.Households);
                    sources.Add((commune, groups));
                    Communes.Add(commune);
                }
            }

            // 1/7/2025: new communes directly under the current province, groups re-versioned under them.
            var next = 0;
            (Node Commune, List<Node> Groups, double Weight, int Change)? carried = null;
            for (var j = 0; j < share; j++)
            {
                var whole = sources.GetRange(next, splitWithNext[j] ? sizes[j] - 1 : sizes[j]);
                var split = splitWithNext[j] ? sources[next + sizes[j] - 1] : ((Node Commune, List<Node> Groups)?)null;
                next += sizes[j];
                var first = whole.Count > 0 ? whole[0].Commune : carried!.Value.Commune;
                var parts = whole.Select(w => w.Commune).Concat(carried is { } c0 ? [c0.Commune] : []).Concat(split is { } s0 ? [s0.Commune] : []).ToList();
                var kind = parts.Any(u => u.Kind == UnitKind.Ward) ? UnitKind.Ward : UnitKind.Commune;
                var commune = Add(current, kind, first.Name, first.Code, Reorganised);
                Communes.Add(commune);
                var change = NewChange(parts.Count > 1 ? UnitChangeKind.Merge : UnitChangeKind.Move, legal,
                    parts.Count > 1 ? $"Sắp xếp {parts.Count} đơn vị thành {commune.FullName}." : $"{commune.FullName} trực thuộc {current.FullName}.");
                var moved = new List<Node>();
                foreach (var (old, groups) in whole)
                {
                    old.To = Reorganised;
                    Edges.Add(new Edge(old, commune, 1, change));
                    foreach (var g in groups) moved.Add(Move(g, commune, change));
                }
                if (carried is { } c)
                {
                    // The second part of the commune split with the previous one.
                    foreach (var g in c.Groups) moved.Add(Move(g, commune, c.Change));
                    Edges.Add(new Edge(c.Commune, commune, Math.Round(1 - c.Weight, 2), c.Change));
                    carried = null;
                }
                if (split is { } s)
                {
                    var weight = Math.Round(0.3 + _rnd.NextDouble() * 0.4, 2);
                    var splitChange = NewChange(UnitChangeKind.Split, legal, $"Chia {s.Commune.FullName} cho hai đơn vị mới.");
                    s.Commune.To = Reorganised;
                    Edges.Add(new Edge(s.Commune, commune, weight, splitChange));
                    var keep = (int)Math.Ceiling(s.Groups.Count * weight);
                    foreach (var g in s.Groups.Take(keep)) moved.Add(Move(g, commune, splitChange));
                    carried = (s.Commune, s.Groups.Skip(keep).ToList(), weight, splitChange);
                }
                commune.Households = moved.Sum(g => g.Households);
            }

            foreach (var (district, _) in districts)
            {
                district.To = Reorganised;
                var change = NewChange(UnitChangeKind.Abolish, "Luật Tổ chức chính quyền địa phương 2025", "Kết thúc cấp huyện từ 01/07/2025.");
                Edges.Add(new Edge(district, province, 1, change));
            }
        }

        private Node Move(Node group, Node commune, int change)
        {
            group.To = Reorganised;
            var moved = Add(commune, group.Kind, group.Name, group.Code, Reorganised, group.Households);
            Edges.Add(new Edge(group, moved, 1, change));
            Groups.Add((group, moved));
            return moved;
        }

        /// <summary>
        /// "As now" rows for every ended version: the same walk as <c>UnitLineageQueries.SuccessorsAsync(id, DateOnly.MaxValue)</c>,
        /// over the edges in memory.
        /// </summary>
        public List<UnitSuccessor> Successors()
        {
            var outgoing = Edges.ToLookup(e => e.From.Id);
            var result = new List<UnitSuccessor>();
            foreach (var unit in Units.Where(u => u.To is not null))
            {
                var found = new Dictionary<int, double>();
                var frontier = new Dictionary<Node, double> { [unit] = 1 };
                for (var depth = 0; frontier.Count > 0 && depth < 64; depth++)
                {
                    var next = new Dictionary<Node, double>();
                    foreach (var (u, w) in frontier)
                    {
                        if (u.To is null)
                        {
                            found[u.Id] = found.GetValueOrDefault(u.Id) + w;
                            continue;
                        }
                        foreach (var e in outgoing[u.Id])
                            next[e.To] = next.GetValueOrDefault(e.To) + w * e.Weight;
                    }
                    frontier = next;
                }
                result.AddRange(found.Select(f => new UnitSuccessor { OriginalUnitId = unit.Id, CurrentUnitId = f.Key, Weight = f.Value }));
            }
            return result;
        }
    }

    // ---------------------------------------------------------------- row sinks

    /// <summary>Rows for one table: binary COPY on PostgreSQL, a prepared INSERT per row on SQLite.</summary>
    private abstract class Sink : IAsyncDisposable
    {
        public long Rows { get; protected set; }
        public abstract void Row();
        public abstract Sink Int(int? v);
        public abstract Sink Long(long? v);
        public abstract Sink Text(string? v);
        public abstract Sink Date(DateOnly? v);
        public abstract Sink Time(DateTime v);
        public abstract Sink Bool(bool v);
        public abstract Sink Real(double v);
        public abstract Task CompleteAsync();
        public abstract ValueTask DisposeAsync();
    }

    private sealed class PgSink(NpgsqlBinaryImporter copy) : Sink
    {
        private bool _completed;

        public static Sink Open(NpgsqlConnection conn, string table, string[] columns) =>
            new PgSink(conn.BeginBinaryImport($"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)"));

        public override void Row()
        {
            copy.StartRow();
            Rows++;
        }

        private PgSink Value<T>(T? v, NpgsqlDbType type) where T : struct
        {
            if (v is { } x) copy.Write(x, type);
            else copy.WriteNull();
            return this;
        }

        public override Sink Int(int? v) => Value(v, NpgsqlDbType.Integer);
        public override Sink Long(long? v) => Value(v, NpgsqlDbType.Bigint);
        public override Sink Date(DateOnly? v) => Value(v, NpgsqlDbType.Date);
        public override Sink Time(DateTime v) => Value<DateTime>(v, NpgsqlDbType.TimestampTz);
        public override Sink Bool(bool v) => Value<bool>(v, NpgsqlDbType.Boolean);
        public override Sink Real(double v) => Value<double>(v, NpgsqlDbType.Double);

        public override Sink Text(string? v)
        {
            if (v is null) copy.WriteNull();
            else copy.Write(v, NpgsqlDbType.Varchar);
            return this;
        }

        public override async Task CompleteAsync()
        {
            if (_completed) return;
            _completed = true;
            await copy.CompleteAsync();
        }

        public override ValueTask DisposeAsync() => copy.DisposeAsync();
    }

    private sealed class SqliteSink : Sink
    {
        private readonly SqliteCommand _cmd;
        private int _next = -1;

        public SqliteSink(SqliteConnection conn, SqliteTransaction tx, string table, string[] columns)
        {
            _cmd = conn.CreateCommand();
            _cmd.Transaction = tx;
            // Table and column names are the constants of this class, never input.
            _cmd.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            for (var i = 0; i < columns.Length; i++) _cmd.Parameters.Add(new SqliteParameter("$p" + i, DBNull.Value));
        }

        public override void Row()
        {
            Flush();
            _next = 0;
            Rows++;
        }

        private void Flush()
        {
            if (_next > 0) _cmd.ExecuteNonQuery();
            _next = -1;
        }

        private SqliteSink Set(object? v)
        {
            _cmd.Parameters[_next++].Value = v ?? DBNull.Value;
            return this;
        }

        public override Sink Int(int? v) => Set(v);
        public override Sink Long(long? v) => Set(v);
        public override Sink Text(string? v) => Set(v);
        public override Sink Date(DateOnly? v) => Set(v);
        public override Sink Time(DateTime v) => Set(v);
        public override Sink Bool(bool v) => Set(v);
        public override Sink Real(double v) => Set(v);

        public override Task CompleteAsync()
        {
            Flush();
            return Task.CompletedTask;
        }

        public override ValueTask DisposeAsync()
        {
            Flush();
            _cmd.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

