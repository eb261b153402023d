using System.Globalization;
using System.Security.Cryptography;

using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace DoanKet.Features.Funds;

public sealed record ImportCheck(ImportBatch? Batch, List<string> Errors, bool Already = false)
{
    /// <summary>The rows as checked, so a run in the same process does not read the file again.</summary>
    public List<MoneyEntry>? Entries { get; init; }
}

/// <summary>
/// Contributions and beneficiary lists from the Excel templates. Every row is checked before anything is
/// saved; then the rows go into the ledger in chunks, each chunk and the batch's progress in one transaction,
/// so a process killed mid-import leaves whole chunks only and a resumed import continues after the last one.
/// </summary>
public sealed class FundImport(AppDb db, FundLedger ledger)
{
    public const int MaxRows = 200_000;
    public const int Chunk = 5000;

    public static readonly string[] ContributionColumns =
        ["Ngày", "Tên người ủng hộ", "Loại", "Hình thức", "Số tiền", "Số biên nhận", "Mã giao dịch", "Số tài khoản", "Hiện vật", "Số lượng", "Địa chỉ hỗ trợ", "Ghi chú"];
    public static readonly string[] BeneficiaryColumns =
        ["Ngày", "Họ tên chủ hộ", "Tổ dân phố, thôn", "Diện", "Nội dung", "Số tiền", "Số phần quà", "Số người", "Ghi chú"];

    public static string KindLabel(ImportKind k) => k == ImportKind.Contributions ? "Danh sách ủng hộ" : "Danh sách hỗ trợ (người nhận)";

    public static byte[] Template(ImportKind kind)
    {
        var columns = kind == ImportKind.Contributions ? ContributionColumns : BeneficiaryColumns;
        object?[] example = kind == ImportKind.Contributions
            ? ["20/10/2026", "Nguyễn Văn An", "Cá nhân", "Tiền mặt", 500000, "PT-001", null, null, null, null, null, null]
            : ["20/11/2026", "Trần Thị Bình", "Tổ dân phố 3", "Hộ nghèo", "Hỗ trợ khó khăn", 2000000, null, 3, null];
        string[] help = kind == ImportKind.Contributions
            ? ["Mỗi dòng một khoản ủng hộ. Ngày: ngày/tháng/năm. Số tiền: số đồng, không có chữ.",
               "Loại: Cá nhân, Tổ chức hoặc Giấu tên. Hình thức: Tiền mặt (cần số biên nhận), Chuyển khoản (cần mã giao dịch) hoặc Hiện vật (cần mô tả; số tiền là giá trị quy đổi).",
               "Cả tệp được kiểm tra trước; có dòng sai thì không nhập dòng nào. Nhập lại cùng một tệp không thêm trùng."]
            : ["Mỗi dòng một hộ (hoặc một danh sách nếu có số phần quà, số người). Không cần số CCCD.",
               "Tổ dân phố, thôn: đúng tên như trong DoanKet, ví dụ “Tổ dân phố 3”. Diện: Hộ nghèo, Hộ cận nghèo, Gia đình chính sách hoặc Khác.",
               "Nội dung: Hỗ trợ khó khăn, Tặng quà, Xây, sửa nhà, Hỗ trợ sinh kế. Cả tệp được kiểm tra trước; nhập lại cùng một tệp không thêm trùng."];
        using var ms = new MemoryStream();
        ms.SaveAs(new Dictionary<string, object>
        {
            ["Danh sách"] = new[] { columns.Select((c, i) => (c, example[i])).ToDictionary(x => x.c, x => x.Item2) },
            ["Hướng dẫn"] = help.Select(h => new Dictionary<string, object?> { ["Hướng dẫn"] = h }).ToList(),
        });
        return ms.ToArray();
    }

    /// <summary>Checks the whole file and, when every row is right, records the batch (not yet run). The same file twice gives the first batch back.</summary>
    public async Task<ImportCheck> StartAsync(Fund fund, Unit unit, ImportKind kind, int? appealId, string fileName, byte[] content, string by)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        if (await db.ImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.FundId == fund.Id && b.Kind == kind && b.FileHash == hash) is { } seen)
            return new ImportCheck(seen, [], true);
        var (entries, errors) = await ReadAsync(fund, unit, kind, appealId, content, by);
        if (errors.Count > 0) return new ImportCheck(null, errors);
        var batch = new ImportBatch
        {
            FundId = fund.Id, UnitId = unit.Id, Kind = kind, FileName = Path.GetFileName(fileName) is { Length: > 300 } n ? n[..300] : Path.GetFileName(fileName),
            FileHash = hash, Content = content, Rows = entries.Count, Status = ImportStatus.Running, StartedAt = db.Clock.UtcNow, StartedBy = by, AppealId = appealId,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync();
        return new ImportCheck(batch, []) { Entries = entries };
    }

    /// <summary>Runs (or resumes) a batch: chunks after the last one committed. Reports rows done after each chunk.</summary>
    public async Task RunAsync(int batchId, Action<int, int>? progress = null, List<MoneyEntry>? checkedEntries = null, CancellationToken ct = default)
    {
        var batch = await db.ImportBatches.AsNoTracking().FirstAsync(b => b.Id == batchId, ct);
        if (batch.Status != ImportStatus.Running) return;
        var fund = await db.Funds.AsNoTracking().FirstAsync(f => f.Id == batch.FundId, ct);
        var unit = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == batch.UnitId, ct);
        var (entries, errors) = checkedEntries is not null ? (checkedEntries, []) : await ReadAsync(fund, unit, batch.Kind, batch.AppealId, batch.Content, batch.StartedBy);
        if (errors.Count > 0)
        {
            await db.ImportBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Failed)
                .SetProperty(b => b.Error, string.Join("; ", errors.Take(5))).SetProperty(b => b.FinishedAt, db.Clock.UtcNow), ct);
            return;
        }
        var done = batch.Done;
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            while (done < entries.Count)
            {
                ct.ThrowIfCancellationRequested();
                var chunk = entries.Skip(done).Take(Chunk).ToList();
                for (var i = 0; i < chunk.Count; i++) (chunk[i].ImportBatchId, chunk[i].ImportRow) = (batchId, done + i + 1);
                await using (var tx = await db.Database.BeginTransactionAsync(ct))
                {
                    await ledger.AppendAsync(fund.Id, chunk);
                    done += chunk.Count;
                    var finished = done == entries.Count;
                    await db.ImportBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Done, done)
                        .SetProperty(b => b.Status, finished ? ImportStatus.Done : ImportStatus.Running)
                        .SetProperty(b => b.FinishedAt, finished ? db.Clock.UtcNow : null), ct);
                    await tx.CommitAsync(ct);
                }
                db.ChangeTracker.Clear();
                progress?.Invoke(done, entries.Count);
            }
            await Indicators.Catalogue.OptimizeAsync(db, ct);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    private static string? Cell(IDictionary<string, object?> row, string column) =>
        row.TryGetValue(column, out var v) && v is not null && Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() is { Length: > 0 } s ? s : null;

    /// <summary>Reads every row into an entry through the same checks as the form; nothing is saved.</summary>
    private async Task<(List<MoneyEntry> Entries, List<string> Errors)> ReadAsync(Fund fund, Unit unit, ImportKind kind, int? appealId, byte[] content, string by)
    {
        var errors = new List<string>();
        var entries = new List<MoneyEntry>();
        List<IDictionary<string, object?>> rows;
        try
        {
            using var ms = new MemoryStream(content);
            rows = [.. MiniExcel.Query(ms, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Take(MaxRows + 1)];
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException or NotSupportedException)
        {
            return ([], ["Tệp không đọc được: hãy dùng tệp .xlsx theo mẫu tải về."]);
        }
        if (rows.Count == 0) return ([], ["Tệp không có dòng nào."]);
        if (rows.Count > MaxRows) return ([], [$"Tệp có hơn {MaxRows:N0} dòng: hãy chia nhỏ."]);
        var columns = kind == ImportKind.Contributions ? ContributionColumns : BeneficiaryColumns;
        var missing = columns.Take(kind == ImportKind.Contributions ? 5 : 6).Where(c => !rows[0].ContainsKey(c)).ToList();
        if (missing.Count > 0) return ([], [$"Thiếu cột: {string.Join(", ", missing)}. Hãy dùng tệp mẫu."]);
        var fundUnit = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == fund.UnitId);
        var appeal = appealId is int aid ? await db.Appeals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == aid && a.FundId == fund.Id) : null;
        if (appealId is not null && appeal is null) return ([], ["Đợt vận động không thuộc quỹ này."]);
        var (lo, hi) = Infrastructure.UnitScope.PathRange(unit.Path);
        var groups = kind == ImportKind.Beneficiaries
            ? (await db.Units.AsNoTracking().Where(u => u.ValidTo == null && u.Level == UnitLevel.ResidentialGroup && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0).ToListAsync())
                .GroupBy(u => Text.Fold(u.FullName)).ToDictionary(g => g.Key, g => g.First().Id)
            : [];
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var line = i + 2;
            if (columns.All(c => Cell(r, c) is null)) continue;
            var rowErrors = new List<string>();
            DateOnly? date = null;
            if (Cell(r, "Ngày") is { } d)
            {
                if (r["Ngày"] is DateTime dt) date = DateOnly.FromDateTime(dt);
                else if (BankStatements.TryDate(d, out var parsed)) date = parsed;
                else rowErrors.Add($"ngày “{d}” không đọc được");
            }
            long? amount = null;
            if (Cell(r, "Số tiền") is { } a)
            {
                if (BankStatements.TryMoney(a, out var v)) amount = v;
                else rowErrors.Add($"số tiền “{a}” không phải số đồng");
            }
            int? Int(string column)
            {
                if (Cell(r, column) is not { } s) return null;
                if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
                rowErrors.Add($"{column.ToLowerInvariant()} “{s}” không phải số");
                return null;
            }
            T? Pick<T>(string column, Func<T, string> label) where T : struct, Enum
            {
                if (Cell(r, column) is not { } s) return null;
                // Most cells repeat the catalogue's words exactly: only other spellings are folded.
                foreach (var v in Enum.GetValues<T>()) if (string.Equals(label(v), s, StringComparison.OrdinalIgnoreCase)) return v;
                var folded = Text.Fold(s);
                foreach (var v in Enum.GetValues<T>()) if (Text.Fold(label(v)) == folded) return v;
                rowErrors.Add($"{column.ToLowerInvariant()} “{s}” không có trong danh mục ({string.Join(", ", Enum.GetValues<T>().Select(label))})");
                return null;
            }
            EntryInput input;
            int? group = null;
            if (kind == ImportKind.Contributions)
            {
                input = new EntryInput(EntryKind.Contribution, unit.Id, date, amount, appealId,
                    Pick<Channel>("Hình thức", MoneyEntry.ChannelLabel) ?? Channel.Cash, Pick<DonorType>("Loại", MoneyEntry.DonorTypeLabel) ?? DonorType.Individual,
                    Cell(r, "Tên người ủng hộ"), Cell(r, "Số biên nhận"), Cell(r, "Mã giao dịch"), Cell(r, "Số tài khoản"), Cell(r, "Hiện vật"), Int("Số lượng"),
                    Cell(r, "Địa chỉ hỗ trợ"), Note: Cell(r, "Ghi chú"));
            }
            else
            {
                if (Cell(r, "Tổ dân phố, thôn") is { } g && !groups.TryGetValue(Text.Fold(g), out var gid)) rowErrors.Add($"không có “{g}” thuộc {unit.FullName}");
                else if (Cell(r, "Tổ dân phố, thôn") is { } g2) group = groups[Text.Fold(g2)];
                input = new EntryInput(EntryKind.Disbursement, unit.Id, date, amount, appealId,
                    Purpose: Pick<Purpose>("Nội dung", MoneyEntry.PurposeLabel) ?? Purpose.Support, BeneficiaryName: Cell(r, "Họ tên chủ hộ"),
                    Category: Pick<BeneficiaryCategory>("Diện", MoneyEntry.CategoryLabel) ?? BeneficiaryCategory.Other,
                    Gifts: Int("Số phần quà"), People: Int("Số người"), Note: Cell(r, "Ghi chú"));
            }
            // The appeal was checked once for the file; here only its dates, without a query per row.
            if (appeal is not null && date is { } day && (day < appeal.StartDate || appeal.EndDate is { } end && day > end))
                rowErrors.Add($"ngày nằm ngoài đợt vận động ({Infrastructure.Fmt.Date(appeal.StartDate)} – {Infrastructure.Fmt.Date(appeal.EndDate)})");
            var (fieldErrors, entry) = await FundRules.ValidateEntryAsync(db, fund, fundUnit, unit, input with { AppealId = null }, by);
            rowErrors.AddRange(fieldErrors.SelectMany(e => e.Value));
            if (rowErrors.Count > 0)
            {
                errors.Add($"Dòng {line}: {string.Join("; ", rowErrors)}.");
                if (errors.Count >= 30) { errors.Add("… và có thể còn lỗi khác: sửa các dòng trên rồi nhập lại."); break; }
                continue;
            }
            (entry!.BeneficiaryGroupId, entry.AppealId) = (group, appealId);
            entries.Add(entry);
        }
        return (entries, errors);
    }
}

/// <summary>Runs import batches in the background, and on start-up resumes those a stopped process left running.</summary>
public sealed class ImportWorker(IServiceScopeFactory scopes, ILogger<ImportWorker> log) : BackgroundService
{
    private readonly System.Threading.Channels.Channel<int> _queue = System.Threading.Channels.Channel.CreateUnbounded<int>();

    public void Enqueue(int batchId) => _queue.Writer.TryWrite(batchId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                foreach (var id in await db.ImportBatches.Where(b => b.Status == ImportStatus.Running).Select(b => b.Id).ToListAsync(stoppingToken))
                    Enqueue(id);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A database not migrated yet has no batches to resume.
            log.LogDebug(e, "No import batches to resume");
        }
        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                Data.AuditInterceptor.Actor.Value = "nhập tệp";
                await scope.ServiceProvider.GetRequiredService<FundImport>().RunAsync(id, ct: stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Import batch {Batch} failed", id);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AppDb>().ImportBatches.Where(b => b.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Failed).SetProperty(b => b.Error, "Lỗi hệ thống khi nhập; liên hệ quản trị."), CancellationToken.None);
            }
        }
    }
}
