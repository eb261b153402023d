using DoanKet.Features.Indicators;
using DoanKet.Features.Accounts;
using System.Diagnostics;
using DoanKet.Data;
using DoanKet.Features.Demo;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DoanKet.Cli;

/// <summary>Command-line verbs of the same executable: dotnet run --project src/DoanKet -- VERB …</summary>
public static class Verbs
{
    private static readonly string[] Known = ["migrate", "demo", "user", "backup", "restore", "generate", "bench", "ledger", "import", "report", "extract", "help"];

    /// <summary>
    /// Host options (--urls, --contentRoot …) may come before the verb, as `dotnet run` puts its own first.
    /// The host gets every argument but the verb; the verb gets what follows it.
    /// </summary>
    public static (string? Verb, string[] HostArgs, string[] VerbArgs) Split(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (!args[i].Contains('=')) i++;
                continue;
            }
            return Known.Contains(args[i]) ? (args[i], [.. args[..i], .. args[(i + 1)..]], args[(i + 1)..]) : (null, args, []);
        }
        return (null, args, []);
    }

    public static async Task<int> RunAsync(WebApplication app, string verb, string[] args)
    {
        AuditInterceptor.Actor.Value = "dòng lệnh";
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDb>();
        try
        {
            switch (verb)
            {
                case "migrate":
                    await Catalogue.MigrateAsync(db);
                    Console.WriteLine("Đã cập nhật cấu trúc cơ sở dữ liệu.");
                    return 0;
                case "demo":
                    await Catalogue.MigrateAsync(db);
                    var demo = ActivatorUtilities.CreateInstance<DemoData>(sp);
                    await demo.LoadAsync();
                    demo.PrintAccounts(Console.Out);
                    return 0;
                case "user" when args.Length > 0 && args[0] == "add":
                    await Catalogue.MigrateAsync(db);
                    return await AddUserAsync(sp, db, args[1..]);
                case "backup":
                    var outFile = Option(args, "--out") ?? throw new UsageException("backup --out <tệp>");
                    await BackupAsync(db, app.Configuration, outFile);
                    Console.WriteLine($"Đã sao lưu vào {outFile}");
                    return 0;
                case "restore":
                    var inFile = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? throw new UsageException("restore <tệp>");
                    await RestoreAsync(db, app.Configuration, inFile);
                    Console.WriteLine($"Đã khôi phục từ {inFile}");
                    return 0;
                case "ledger" when args.Length > 0 && args[0] == "verify":
                    return await VerifyLedgerAsync(sp.GetRequiredService<Features.Funds.FundLedger>(), Option(args, "--fund"));
                case "import":
                    return await ImportAsync(sp, db, args);
                case "report":
                    return await ReportAsync(sp, db, args);
                case "generate":
                    return await Generate.RunVerbAsync(sp, args);
                case "bench" when args.Length > 0 && args[0] == "portal":
                    return await PortalBench.RunVerbAsync(app, db, args[1..]);
                case "bench" when args.Length > 0 && args[0] == "funds":
                    await Catalogue.MigrateAsync(db);
                    return await FundBench.RunVerbAsync(sp, args[1..]);
                case "bench":
                    return await Bench.RunVerbAsync(sp, args);
                default:
                    Console.WriteLine("""
                        Cách dùng: dotnet run --project src/DoanKet -- <lệnh>
                          (không có lệnh)   chạy máy chủ web
                          migrate           cập nhật cấu trúc cơ sở dữ liệu
                          demo              nạp dữ liệu mẫu (chạy lại không nhân bản)
                          import --fund <số> --unit <mã hoặc số> --kind contributions|beneficiaries [--appeal <số>] <tệp.xlsx>
                                            nhập danh sách ủng hộ / hỗ trợ vào sổ quỹ (chạy lại tiếp tục lần bị ngắt, không trùng)
                          report --unit "<mã hoặc tên>" --period <kỳ> [--format docx|xlsx|md|json] [--mode then|now] --out <tệp>
                                            báo cáo sơ kết, tổng kết tính từ số liệu (kỳ: 2024S1, 2023Q1, 2024, 2019-2024…)
                          extract <tệp .txt|.docx|.pdf>
                                            in ra dạng JSON các số liệu đọc được trong văn bản báo cáo cũ
                          ledger verify [--fund <số>]  kiểm tra chuỗi mã băm của sổ quỹ: báo bút toán bị sửa, chèn hoặc xóa
                          user add --unit <mã hoặc số> --role <vai trò> --email <e> [--name <họ tên>]
                                            mật khẩu đọc từ stdin, nếu không có thì sinh và in ra
                          backup --out <tệp>   sao lưu
                          restore <tệp>        khôi phục
                          generate [--scale <tỷ lệ>] [--seed <n>]
                                            sinh tập dữ liệu tổng hợp toàn quốc vào cơ sở dữ liệu trống (1 = toàn quốc)
                          bench [--province <mã>] [--period <kỳ>] [--runs <n>] [--quick]
                                            đo thời gian tổng hợp số liệu trên tập đã sinh; --quick tự sinh tập rất nhỏ
                          bench portal [--articles <n>] [--seconds <n>] [--quick]
                                            đo số yêu cầu mỗi giây của trang tin và trang tìm kiếm so với một địa chỉ tối giản
                        Vai trò: SystemAdmin, UnitAdmin, Officer, BoardHead, Reviewer
                        """);
                    return verb == "help" ? 0 : 2;
            }
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"Thiếu tham số. Cách dùng: {e.Message}");
            return 2;
        }
    }

    private sealed class UsageException(string usage) : Exception(usage);

    /// <summary>Checks the whole file, then imports it chunk by chunk; the same file again resumes an interrupted import.</summary>
    private static async Task<int> ImportAsync(IServiceProvider sp, AppDb db, string[] args)
    {
        const string usage = "import --fund <số> --unit <mã hoặc số> --kind contributions|beneficiaries [--appeal <số>] <tệp.xlsx>";
        // The file comes last.
        var file = args.Length > 1 && !args[^1].StartsWith("--", StringComparison.Ordinal) && !args[^2].StartsWith("--", StringComparison.Ordinal) ? args[^1] : throw new UsageException(usage);
        if (!int.TryParse(Option(args, "--fund"), out var fundId) || Option(args, "--unit") is not { } unitArg) throw new UsageException(usage);
        var kind = Option(args, "--kind") switch { "contributions" => Domain.Funds.ImportKind.Contributions, "beneficiaries" => Domain.Funds.ImportKind.Beneficiaries, _ => throw new UsageException(usage) };
        int? appeal = Option(args, "--appeal") is { } a ? int.Parse(a, System.Globalization.CultureInfo.InvariantCulture) : null;
        var fund = await db.Funds.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fundId) ?? throw new UsageException($"Không có quỹ số {fundId}.");
        var unit = await db.Units.AsNoTracking().Where(u => u.ValidTo == null && (u.Code == unitArg || u.Id.ToString() == unitArg)).FirstOrDefaultAsync()
            ?? throw new UsageException($"Không có đơn vị “{unitArg}”.");
        var import = sp.GetRequiredService<Features.Funds.FundImport>();
        var check = await import.StartAsync(fund, unit, kind, appeal, file, await File.ReadAllBytesAsync(file), "dòng lệnh");
        foreach (var e in check.Errors) await Console.Error.WriteLineAsync(e);
        if (check.Batch is null) return 1;
        if (check.Already && check.Batch.Status != Domain.Funds.ImportStatus.Running)
        {
            Console.WriteLine($"Tệp này đã được nhập (lần nhập số {check.Batch.Id}): không thêm gì.");
            return 0;
        }
        Console.WriteLine($"Lần nhập số {check.Batch.Id}: {check.Batch.Rows:N0} dòng{(check.Already ? $", tiếp tục từ dòng {check.Batch.Done + 1:N0}" : "")}.");
        var watch = Stopwatch.StartNew();
        await import.RunAsync(check.Batch.Id, (done, total) => Console.WriteLine($"Đã nhập {done}/{total} dòng"), check.Entries);
        Console.WriteLine($"Xong sau {watch.Elapsed.TotalSeconds:N1} giây.");
        return 0;
    }

    /// <summary>
    /// The review report of a unit for a period. The unit is found by code, id or name without diacritics ("phuong 2"),
    /// as it was during the period; a name shared by several units asks for the code.
    /// </summary>
    private static async Task<int> ReportAsync(IServiceProvider sp, AppDb db, string[] args)
    {
        const string usage = "report --unit \"<mã hoặc tên>\" --period <kỳ> [--format docx|xlsx|md|json] [--mode then|now] --out <tệp>";
        if (Option(args, "--unit") is not { } key || Option(args, "--period") is not { } periodId || Option(args, "--out") is not { } outFile) throw new UsageException(usage);
        var format = Option(args, "--format") ?? Path.GetExtension(outFile).TrimStart('.');
        if (format is not ("docx" or "xlsx" or "md" or "json")) throw new UsageException(usage);
        if (!Features.Indicators.FigureText.TryPeriod(periodId, default!, out var period, out var periodError)) throw new UsageException(periodError ?? usage);
        if (!Features.Indicators.FigureText.TryMode(Option(args, "--mode"), out var mode)) throw new UsageException(Features.Indicators.FigureText.ModeError);
        var folded = Domain.Text.Fold(key);
        // "phuong 2" is the unit named "2" of kind phường: try the name without one or two leading words too.
        var words = folded.Split(' ');
        string[] names = [folded, .. Enumerable.Range(1, Math.Min(2, words.Length - 1)).Select(i => string.Join(' ', words[i..]))];
        var candidates = (await db.Units.AsNoTracking().Where(u => u.Code == key || u.Id.ToString() == key || names.Contains(u.NameFolded)).ToListAsync())
            .Where(u => u.Code == key || u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == key || Domain.Text.Fold(u.FullName) == folded || u.NameFolded == folded)
            .Where(u => u.ValidFrom <= period.To && (u.ValidTo is null || u.ValidTo > period.From)).ToList();
        // Of a unit's versions, the one valid at the end of the period.
        var units = candidates.GroupBy(u => u.Code ?? u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(g => g.OrderByDescending(u => u.IsValidOn(period.To)).ThenByDescending(u => u.ValidFrom).First()).ToList();
        if (units.Count == 0) throw new UsageException($"Không có đơn vị “{key}” trong {period.Label}.");
        if (units.Count > 1)
            throw new UsageException($"Có {units.Count} đơn vị tên “{key}”: dùng mã — " + string.Join(", ", units.Select(u => $"{u.Code ?? u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({u.FullName})")));
        if (mode == Features.Indicators.FigureMode.Now && units[0].ValidTo is not null)
            throw new UsageException($"{units[0].FullName} đã kết thúc: {Features.Indicators.FigureText.NowNeedsCurrentUnit} Dùng mã của đơn vị hiện nay để quy số liệu về đơn vị đó.");
        var report = await sp.GetRequiredService<Features.Reports.ReportBuilder>().BuildAsync(units[0], period, mode);
        switch (format)
        {
            case "docx": await File.WriteAllBytesAsync(outFile, Features.Reports.ReportOutput.Word(report, db.Clock.Today)); break;
            case "xlsx": await File.WriteAllBytesAsync(outFile, Features.Reports.ReportOutput.Excel(report)); break;
            case "md": await File.WriteAllTextAsync(outFile, Features.Reports.ReportOutput.Markdown(report)); break;
            default: await File.WriteAllTextAsync(outFile, Features.Reports.ReportOutput.Json(report)); break;
        }
        Console.WriteLine($"Đã ghi {outFile}: {report.Title}, {units[0].FullName}, {report.Figures.Count} số liệu.");
        return 0;
    }

    /// <summary>Exit code 0 when every chain holds, 3 when something was changed behind the application's back.</summary>
    private static async Task<int> VerifyLedgerAsync(Features.Funds.FundLedger ledger, string? fund)
    {
        int? fundId = fund is null ? null : int.TryParse(fund, out var id) ? id : throw new UsageException("ledger verify [--fund <số>]");
        var problems = await ledger.VerifyAsync(fundId);
        foreach (var p in problems)
            Console.WriteLine($"Quỹ {p.FundId} ({p.FundName}): {(p.Seq is { } s ? $"bút toán số {s}" : "")}{(p.EntryId is { } e ? $" (mã {e})" : "")}: {p.What}");
        Console.WriteLine(problems.Count == 0 ? "Sổ quỹ toàn vẹn: mọi chuỗi mã băm đều khớp." : $"Phát hiện {problems.Count} chỗ không toàn vẹn.");
        return problems.Count == 0 ? 0 : 3;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static async Task<int> AddUserAsync(IServiceProvider sp, AppDb db, string[] args)
    {
        var unitKey = Option(args, "--unit") ?? throw new UsageException("user add --unit <mã> --role <vai trò> --email <e>");
        var role = Roles.Parse(Option(args, "--role")) ?? throw new UsageException($"--role là một trong: {string.Join(", ", Roles.All)}");
        var email = Option(args, "--email") ?? throw new UsageException("user add … --email <e>");
        // A new installation has no unit yet: its first administrator is bound to the national level, made here.
        if (unitKey == "VN" && !await db.Units.IgnoreQueryFilters().AnyAsync())
        {
            var root = new Domain.Units.Unit
            {
                Name = "Trung ương", NameFolded = Domain.Text.Fold("Trung ương"), Kind = Domain.Units.UnitKind.Central,
                Level = Domain.Units.Unit.LevelOf(Domain.Units.UnitKind.Central), Code = "VN", ValidFrom = new DateOnly(1945, 9, 2), CreatedAt = db.Clock.UtcNow,
            };
            db.Units.Add(root);
            await db.SaveChangesAsync();
            root.Path = $"/{root.Id}/";
            await db.SaveChangesAsync();
        }
        var unit = await db.Units.Where(u => u.ValidTo == null && u.Code == unitKey).FirstOrDefaultAsync()
            ?? (int.TryParse(unitKey, out var id) ? await db.Units.FindAsync(id) : null);
        if (unit is null)
        {
            Console.Error.WriteLine($"Không tìm thấy đơn vị đang hiệu lực có mã {unitKey}.");
            return 1;
        }
        // A password piped on stdin is used; with no terminal and nothing piped, one is generated.
        var piped = Console.IsInputRedirected ? (await Console.In.ReadLineAsync())?.Trim() : null;
        var generated = string.IsNullOrEmpty(piped);
        var password = generated ? Passwords.Generate() : piped!;
        var result = await AccountService.CreateAsync(sp.GetRequiredService<UserManager<AppUser>>(), sp.GetRequiredService<RoleManager<IdentityRole>>(),
            email, Option(args, "--name") ?? email, unit.Id, role, password, sp.GetRequiredService<Clock>().UtcNow);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) Console.Error.WriteLine(e.Description);
            return 1;
        }
        Console.WriteLine($"Đã tạo tài khoản {email} ({Roles.Label(role)}) thuộc {unit.FullName}.");
        if (generated) Console.WriteLine($"Mật khẩu: {password}");
        return 0;
    }

    private static async Task BackupAsync(AppDb db, IConfiguration config, string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        if (Database.Provider(config) == "sqlite")
        {
            // SQLite's online backup copies a consistent snapshot while the app may be serving.
            await using var source = new SqliteConnection(Database.SqliteConnectionString(config));
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
            return;
        }
        await RunPgToolAsync("pg_dump", config, $"--format=custom --no-owner --file \"{file}\"");
    }

    private static async Task RestoreAsync(AppDb db, IConfiguration config, string file)
    {
        if (!File.Exists(file)) throw new UsageException($"restore <tệp> — không có tệp {file}");
        if (Database.Provider(config) == "sqlite")
        {
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await using var target = new SqliteConnection(Database.SqliteConnectionString(config));
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
            SqliteConnection.ClearAllPools();
            return;
        }
        await RunPgToolAsync("pg_restore", config, $"--clean --if-exists --no-owner --single-transaction \"{file}\"", dbArg: true);
    }

    private static async Task RunPgToolAsync(string tool, IConfiguration config, string arguments, bool dbArg = false)
    {
        var cs = new NpgsqlConnectionStringBuilder(config.GetConnectionString("Postgres"));
        var psi = new ProcessStartInfo(FindPgTool(tool), arguments + (dbArg ? $" --dbname \"{cs.Database}\"" : $" \"{cs.Database}\""))
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["PGHOST"] = cs.Host;
        psi.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PGUSER"] = cs.Username;
        if (cs.Password is not null) psi.Environment["PGPASSWORD"] = cs.Password;
        using var p = Process.Start(psi)!;
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} thất bại: {err}");
    }

    // Prefer the server's own tools (same major version) over whatever is on PATH.
    private static string FindPgTool(string tool)
    {
        var dirs = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin", tool))
            : [];
        return dirs.FirstOrDefault(File.Exists) ?? tool;
    }
}
