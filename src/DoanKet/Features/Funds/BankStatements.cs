using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace DoanKet.Features.Funds;

/// <summary>A statement column layout: which header names hold which field (compared folded, without diacritics).</summary>
public sealed record StatementLayout(string Code, string Label, string[] Date, string[] Amount, string[] Credit, string[] Debit, string[] Reference,
    string[] Description, string[] Name, string[] Account);

public sealed record ImportResult(int? StatementId, int Lines, int NewLines, int Matched, List<string> Errors, string? AlreadyOn = null);

/// <summary>
/// Bank statements in (CSV or XLSX exports), stored once per line however often a file or an overlapping
/// period is imported, and reconciled with the fund's contributions automatically or by hand.
/// </summary>
public sealed class BankStatements(AppDb db, FundLedger ledger)
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public const int MaxLines = 200_000;

    public static readonly StatementLayout[] Layouts =
    [
        new("chung", "Mẫu chung (Ngày, Số tiền, Mã giao dịch, Nội dung, Tên người chuyển, Số tài khoản)",
            ["ngay", "ngay giao dich", "date"], ["so tien", "amount"], [], [], ["ma giao dich", "so tham chieu", "reference"],
            ["noi dung", "dien giai", "description"], ["ten nguoi chuyen", "nguoi chuyen", "ten doi ung", "counterparty"], ["so tai khoan", "tai khoan", "account"]),
        new("ngan-hang", "Sao kê ngân hàng (Ngày GD, Số bút toán, Ghi nợ, Ghi có, Nội dung chi tiết, Tên TK đối ứng, Số TK đối ứng)",
            ["ngay gd", "ngay giao dich", "ngay hieu luc"], [], ["ghi co", "so tien ghi co", "credit"], ["ghi no", "so tien ghi no", "debit"],
            ["so but toan", "so tham chieu", "so ct", "ma gd"], ["noi dung chi tiet", "noi dung", "mo ta"], ["ten tk doi ung", "ten doi ung", "ten tai khoan doi ung"],
            ["so tk doi ung", "tk doi ung", "so tai khoan doi ung"]),
    ];

    public async Task<ImportResult> ImportAsync(Fund fund, string fileName, byte[] content, string layoutCode, string by)
    {
        var layout = Layouts.FirstOrDefault(l => l.Code == layoutCode);
        if (layout is null) return Failed("Chọn mẫu sao kê.");
        if (content.Length == 0) return Failed("Tệp rỗng.");
        if (content.Length > MaxBytes) return Failed("Tệp lớn hơn 20 MB: tách thành nhiều tệp theo khoảng ngày.");
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        if (await db.BankStatements.AsNoTracking().FirstOrDefaultAsync(s => s.FundId == fund.Id && s.FileHash == hash) is { } seen)
            return new ImportResult(seen.Id, seen.Lines, 0, 0, [], seen.ImportedAt.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture));

        List<string?[]> rows;
        try { rows = IsXlsx(content) ? ReadXlsx(content) : ReadCsv(content); }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or InvalidOperationException)
        {
            return Failed("Không đọc được tệp: dùng CSV (UTF-8) hoặc XLSX xuất từ ngân hàng.");
        }
        var (lines, errors) = Parse(rows, layout);
        if (errors.Count > 0) return new ImportResult(null, 0, 0, 0, errors);
        if (lines.Count == 0) return Failed("Không có dòng giao dịch nào trong tệp.");

        // The same transaction twice in one file stays twice: its key counts its occurrences.
        var seenKeys = new Dictionary<string, int>();
        foreach (var l in lines)
        {
            var basis = string.Join('|', l.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.Amount, l.Reference, l.Description, l.CounterpartyAccount);
            var n = seenKeys[basis] = seenKeys.GetValueOrDefault(basis) + 1;
            l.LineKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(basis + "#" + n)));
            l.FundId = fund.Id;
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        var keys = lines.Select(l => l.LineKey).ToList();
        var known = new HashSet<string>();
        foreach (var chunk in keys.Chunk(1000))
            known.UnionWith(await db.BankLines.Where(l => l.FundId == fund.Id && chunk.Contains(l.LineKey)).Select(l => l.LineKey).ToListAsync());
        var fresh = lines.Where(l => !known.Contains(l.LineKey)).ToList();
        var statement = new BankStatement
        {
            FundId = fund.Id, FileName = Path.GetFileName(fileName).Length > 300 ? Path.GetFileName(fileName)[..300] : Path.GetFileName(fileName), FileHash = hash,
            Layout = layout.Code, Lines = lines.Count, NewLines = fresh.Count, ImportedAt = db.Clock.UtcNow, ImportedBy = by,
        };
        db.BankStatements.Add(statement);
        await db.SaveChangesAsync();
        foreach (var l in fresh) l.StatementId = statement.Id;
        db.BankLines.AddRange(fresh);
        await db.SaveChangesAsync();
        var matched = await AutoMatchAsync(fund.Id);
        await tx.CommitAsync();
        db.ChangeTracker.Clear();
        return new ImportResult(statement.Id, lines.Count, fresh.Count, matched, []);

        static ImportResult Failed(string message) => new(null, 0, 0, 0, [message]);
    }

    /// <summary>
    /// Matches unmatched credit lines with unmatched contributions of the fund: first by transaction reference and
    /// amount, then by amount within 3 days when exactly one contribution fits (and the accounts agree when both are known).
    /// </summary>
    public async Task<int> AutoMatchAsync(int fundId)
    {
        var lines = await db.BankLines.Where(l => l.FundId == fundId && l.EntryId == null && l.Amount > 0).ToListAsync();
        if (lines.Count == 0) return 0;
        var taken = db.BankLines.Where(l => l.EntryId != null).Select(l => l.EntryId);
        var open = await db.MoneyEntries.AsNoTracking()
            .Where(e => e.FundId == fundId && e.Kind == EntryKind.Contribution && e.Amount > 0 && e.ReversesId == null && !taken.Contains(e.Id)
                && !db.MoneyEntries.Any(r => r.ReversesId == e.Id))
            .Select(e => new { e.Id, e.Amount, e.Date, e.Reference, e.DonorAccount }).ToListAsync();
        var used = new HashSet<int>();
        var byReference = open.Where(e => e.Reference != null).GroupBy(e => (e.Reference!, e.Amount)).ToDictionary(g => g.Key, g => g.First().Id);
        var matched = 0;
        foreach (var l in lines.Where(l => l.Reference is not null))
            if (byReference.TryGetValue((l.Reference!, l.Amount), out var id) && used.Add(id)) { l.EntryId = id; matched++; }
        foreach (var l in lines.Where(l => l.EntryId is null))
        {
            var fits = open.Where(e => !used.Contains(e.Id) && e.Amount == l.Amount && Math.Abs(e.Date.DayNumber - l.Date.DayNumber) <= 3
                && (e.DonorAccount is null || l.CounterpartyAccount is null || e.DonorAccount == l.CounterpartyAccount)).Take(2).ToList();
            if (fits.Count == 1 && used.Add(fits[0].Id)) { l.EntryId = fits[0].Id; matched++; }
        }
        await db.SaveChangesAsync();
        return matched;
    }

    /// <summary>Matches a line with a contribution by hand (null when done, else why not).</summary>
    public async Task<string?> MatchAsync(BankLine line, int entrySeq)
    {
        if (line.EntryId is not null) return "Dòng sao kê này đã được đối soát.";
        var entry = await db.MoneyEntries.AsNoTracking().FirstOrDefaultAsync(e => e.FundId == line.FundId && e.Seq == entrySeq);
        if (entry is null || entry.Kind != EntryKind.Contribution || entry.ReversesId is not null) return "Không có khoản thu số này trong sổ quỹ.";
        if (entry.Amount != line.Amount) return $"Số tiền không khớp: sao kê {Infrastructure.Fmt.Number(line.Amount)}, khoản thu {Infrastructure.Fmt.Number(entry.Amount)}.";
        if (await db.BankLines.AnyAsync(l => l.EntryId == entry.Id)) return "Khoản thu này đã khớp với dòng sao kê khác.";
        line.EntryId = entry.Id;
        line.MatchedByHand = true;
        await db.SaveChangesAsync();
        return null;
    }

    /// <summary>Records an unmatched credit line as a transfer contribution of the fund's unit and matches it.</summary>
    public async Task<(MoneyEntry? Entry, string? Error)> RecordAsync(BankLine line, Fund fund, string by)
    {
        if (line.EntryId is not null || line.Amount <= 0) return (null, "Chỉ ghi được dòng tiền vào chưa đối soát.");
        var entry = new MoneyEntry
        {
            Kind = EntryKind.Contribution, UnitId = fund.UnitId, Date = line.Date, Amount = line.Amount, Channel = Channel.Transfer,
            DonorType = line.CounterpartyName is null ? DonorType.Anonymous : DonorType.Individual,
            DonorName = line.CounterpartyName ?? MoneyEntry.AnonymousName, Reference = line.Reference, DonorAccount = line.CounterpartyAccount,
            Note = line.Description is { } d ? (d.Length > 2000 ? d[..2000] : d) : null, CreatedBy = by,
        };
        await using var tx = await db.Database.BeginTransactionAsync();
        await ledger.AppendAsync(fund.Id, [entry]);
        line.EntryId = entry.Id;
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return (entry, null);
    }

    // ------------------------------------------------------------------ reading files

    private static bool IsXlsx(byte[] b) => b.Length > 4 && b[0] == 0x50 && b[1] == 0x4B && b[2] == 0x03 && b[3] == 0x04;

    private static List<string?[]> ReadXlsx(byte[] content)
    {
        using var ms = new MemoryStream(content);
        var rows = new List<string?[]>();
        foreach (IDictionary<string, object?> r in MiniExcel.Query(ms, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>())
        {
            if (rows.Count > MaxLines + 50) break;
            rows.Add([.. r.Values.Select(v => v switch
            {
                null => null,
                DateTime d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                double x => x.ToString(CultureInfo.InvariantCulture),
                _ => Convert.ToString(v, CultureInfo.InvariantCulture),
            })]);
        }
        return rows;
    }

    private static List<string?[]> ReadCsv(byte[] content)
    {
        var text = new UTF8Encoding(false, true).GetString(content).TrimStart('\uFEFF');
        var lines = text.Split('\n');
        var header = lines.FirstOrDefault(l => l.Contains(';', StringComparison.Ordinal) || l.Contains(',', StringComparison.Ordinal) || l.Contains('\t', StringComparison.Ordinal)) ?? "";
        var sep = new[] { ';', '\t', ',' }.OrderByDescending(c => header.Count(x => x == c)).First();
        var rows = new List<string?[]>();
        foreach (var raw in lines.Take(MaxLines + 50))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            var cells = new List<string?>();
            var sb = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else sb.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == sep) { cells.Add(sb.ToString()); sb.Clear(); }
                else sb.Append(c);
            }
            cells.Add(sb.ToString());
            rows.Add([.. cells]);
        }
        return rows;
    }

    /// <summary>Finds the header row (bank exports put a title block above it), then reads and checks each line.</summary>
    public static (List<BankLine> Lines, List<string> Errors) Parse(List<string?[]> rows, StatementLayout layout)
    {
        var errors = new List<string>();
        var lines = new List<BankLine>();
        int Find(string?[] header, string[] names) => names.Length == 0 ? -1 : Array.FindIndex(header, h => names.Contains(Text.Fold(h)));
        var headerAt = rows.FindIndex(r => Find(r, layout.Date) >= 0 && (Find(r, layout.Amount) >= 0 || Find(r, layout.Credit) >= 0));
        if (headerAt < 0 || headerAt > 30)
            return ([], [$"Không tìm thấy dòng tiêu đề của mẫu “{layout.Label}”. Cột ngày cần có tên như: {string.Join(", ", layout.Date)}."]);
        var h = rows[headerAt];
        var (date, amount, credit, debit) = (Find(h, layout.Date), Find(h, layout.Amount), Find(h, layout.Credit), Find(h, layout.Debit));
        var (reference, description, name, account) = (Find(h, layout.Reference), Find(h, layout.Description), Find(h, layout.Name), Find(h, layout.Account));
        string? Cell(string?[] r, int i) => i >= 0 && i < r.Length && !string.IsNullOrWhiteSpace(r[i]) ? r[i]!.Trim() : null;
        for (var i = headerAt + 1; i < rows.Count; i++)
        {
            var r = rows[i];
            if (r.All(string.IsNullOrWhiteSpace)) continue;
            var no = i + 1;
            var dateText = Cell(r, date);
            // Totals and footers below the lines have no date: they end the table.
            if (dateText is null) break;
            if (!TryDate(dateText, out var d)) { errors.Add($"Dòng {no}: ngày “{dateText}” không đọc được (dùng ngày/tháng/năm)."); continue; }
            long value;
            if (amount >= 0)
            {
                if (!TryMoney(Cell(r, amount), out value)) { errors.Add($"Dòng {no}: số tiền “{Cell(r, amount)}” không phải số đồng."); continue; }
            }
            else
            {
                var (c, dd) = (Cell(r, credit), Cell(r, debit));
                long cv = 0, dv = 0;
                if (c is not null && !TryMoney(c, out cv) || dd is not null && !TryMoney(dd, out dv)) { errors.Add($"Dòng {no}: số tiền ghi có/ghi nợ không phải số đồng."); continue; }
                value = cv - dv;
            }
            if (value == 0) continue;
            var acc = Cell(r, account)?.Replace(" ", "", StringComparison.Ordinal);
            lines.Add(new BankLine
            {
                Date = d, Amount = value, Reference = Clip(Cell(r, reference), 100), Description = Clip(Cell(r, description), 1000),
                CounterpartyName = Clip(Cell(r, name), 300), CounterpartyAccount = Clip(acc, 40), LineKey = "",
            });
            if (errors.Count >= 20) { errors.Add("… và có thể còn lỗi khác: sửa các dòng trên rồi nhập lại."); break; }
            if (lines.Count > MaxLines) return ([], [$"Tệp có hơn {MaxLines:N0} dòng: tách thành nhiều tệp."]);
        }
        return (lines, errors);
    }

    private static string? Clip(string? s, int max) => s is null ? null : s.Length > max ? s[..max] : s;

    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "d/M/yyyy H:mm", "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "dd-MM-yyyy"];

    public static bool TryDate(string s, out DateOnly date)
    {
        if (DateTime.TryParseExact(s.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)) { date = DateOnly.FromDateTime(dt); return true; }
        // An Excel serial day number.
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }
        date = default;
        return false;
    }

    /// <summary>
    /// Whole đồng from "1.000.000", "1,000,000", "1.000.000,00", "1000000.00", "+500.000 VND": with both
    /// separators the last is decimal; one separator repeated, or followed by exactly 3 digits, groups thousands.
    /// </summary>
    public static bool TryMoney(string? s, out long value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(s)) return false;
        var t = new string([.. s.Trim().Where(c => char.IsAsciiDigit(c) || c is '.' or ',' or '-')]);
        var negative = t.StartsWith('-');
        t = t.TrimStart('-');
        if (t.Length == 0 || t.Contains('-', StringComparison.Ordinal)) return false;
        string whole, fraction = "";
        var lastDot = t.LastIndexOf('.');
        var lastComma = t.LastIndexOf(',');
        if (lastDot >= 0 && lastComma >= 0)
        {
            var dec = Math.Max(lastDot, lastComma);
            (whole, fraction) = (t[..dec], t[(dec + 1)..]);
        }
        else if (lastDot >= 0 || lastComma >= 0)
        {
            var sep = lastDot >= 0 ? '.' : ',';
            var parts = t.Split(sep);
            if (parts.Length > 2 || parts[1].Length == 3) whole = t;
            else (whole, fraction) = (parts[0], parts[1]);
        }
        else whole = t;
        whole = whole.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (whole.Length == 0 || whole.Length > 16 || fraction.Any(c => c != '0') || !long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return false;
        if (negative) value = -value;
        return true;
    }
}
