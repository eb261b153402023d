using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Funds;

/// <summary>One problem found by <see cref="FundLedger.VerifyAsync"/>.</summary>
public sealed record LedgerProblem(int FundId, string FundName, long? Seq, int? EntryId, string What);

/// <summary>Money in, moved and out of one fund and one unit (with everything below it) over a period.</summary>
public sealed record Balance(int UnitId, string UnitName, long Opening, long In, long Out)
{
    public long Closing => Opening + In - Out;
}

/// <summary>
/// The only writer of money entries: appends them to their fund's hash chain and writes their facts, in
/// one transaction; reverses an entry; verifies the chains; computes balances.
/// </summary>
public sealed class FundLedger(AppDb db, RecordWriter writer, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore? cache = null)
{
    public const string RecordType = "money";

    /// <summary>Appends entries to a fund's chain (Seq, CreatedAt, Hash are set here). Joins the caller's transaction.</summary>
    public async Task AppendAsync(int fundId, IReadOnlyList<MoneyEntry> entries)
    {
        if (entries.Count == 0) return;
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        try
        {
            // A no-op update takes the fund's row lock (PostgreSQL) or the write lock (SQLite) before the
            // head is read, so two writers can never chain onto the same entry.
            await db.Funds.Where(f => f.Id == fundId).ExecuteUpdateAsync(s => s.SetProperty(f => f.HeadSeq, f => f.HeadSeq));
            var head = await db.Funds.AsNoTracking().Where(f => f.Id == fundId).Select(f => new { f.HeadSeq, f.HeadHash, f.Kind }).SingleAsync();
            var now = db.Clock.UtcNow;
            // Whole microseconds: what PostgreSQL keeps, so the hash is computed over what is stored.
            now = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
            var (seq, hash) = (head.HeadSeq, head.HeadHash);
            foreach (var e in entries)
            {
                e.FundId = fundId;
                e.Seq = ++seq;
                e.CreatedAt = now;
                e.DonorFolded = e.Kind == EntryKind.Contribution ? Text.Fold(e.DonorName) : null;
                e.Hash = hash = Ledger.HashOf(hash, e);
            }
            if (entries.Count >= Copy.From && db.Database.IsNpgsql()) await CopyAsync(entries);
            else
            {
                db.MoneyEntries.AddRange(entries);
                await db.SaveChangesAsync();
            }
            await db.Funds.Where(f => f.Id == fundId).ExecuteUpdateAsync(s => s.SetProperty(f => f.HeadSeq, seq).SetProperty(f => f.HeadHash, hash));
            await CountNamesAsync(db, fundId, [.. entries.Where(e => e.Kind == EntryKind.Contribution && !string.IsNullOrEmpty(e.DonorFolded))
                .CountBy(e => e.DonorFolded!).Select(c => KeyValuePair.Create(c.Key, (long)c.Value))]);
            await writer.AddFactsAsync(RecordType, [.. entries.SelectMany(e => FactsOf(e, head.Kind).Select(r => (e.Id, r)))]);
            if (own is not null) await own.CommitAsync();
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
        // The public pages of this fund show the new entry at once (a caller's open transaction commits soon after).
        if (cache is not null)
        {
            await cache.EvictByTagAsync(Public.PublicCache.Tag(fundId), default);
            await cache.EvictByTagAsync(Public.PublicCache.ListTag, default);
        }
    }

    /// <summary>Adds donor names and their counts to the fund's <see cref="FundDonorName"/> rows, one per ending of each name, in one statement.</summary>
    internal static async Task CountNamesAsync(AppDb db, int fundId, IReadOnlyCollection<KeyValuePair<string, long>> counts)
    {
        if (counts.Count == 0) return;
        var rows = counts.SelectMany(c => FundDonorName.Endings(c.Key).Select(w => (Words: w, Name: c.Key, Count: c.Value))).ToList();
        const string Upsert = """ON CONFLICT ("FundId", "Words", "Folded") DO UPDATE SET "Entries" = "FundDonorNames"."Entries" + excluded."Entries" """;
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($$"""INSERT INTO "FundDonorNames" ("FundId", "Words", "Folded", "Entries") SELECT {0}, w, n, c FROM unnest({1}, {2}, {3}) AS t(w, n, c) {{Upsert}}""",
                fundId, rows.Select(r => r.Words).ToArray(), rows.Select(r => r.Name).ToArray(), rows.Select(r => r.Count).ToArray());
        else // SQLite: the rows as one JSON array ("WHERE true" lets the parser tell the upsert from a join).
            await db.Database.ExecuteSqlRawAsync($$"""INSERT INTO "FundDonorNames" ("FundId", "Words", "Folded", "Entries") SELECT {0}, value ->> 0, value ->> 1, value ->> 2 FROM json_each({1}) WHERE true {{Upsert}}""",
                fundId, System.Text.Json.JsonSerializer.Serialize(rows.Select(r => new object[] { r.Words, r.Name, r.Count })));
    }

    /// <summary>Every column of a money entry, in the order <see cref="Values"/> gives them.</summary>
    internal static readonly string[] Columns =
        ["Id", "FundId", "Seq", "Kind", "UnitId", "ToUnitId", "AppealId", "Date", "Amount", "Channel", "DonorType", "DonorName", "DonorFolded", "ReceiptNumber",
         "Reference", "DonorAccount", "InKindDescription", "Quantity", "Earmark", "Purpose", "BeneficiaryName", "BeneficiaryGroupId", "Category",
         "Households", "People", "Gifts", "Houses", "Note", "ReversesId", "Reason", "ImportBatchId", "ImportRow", "CreatedAt", "CreatedBy", "Hash"];

    internal static object?[] Values(MoneyEntry e) =>
        [e.Id, e.FundId, e.Seq, (int)e.Kind, e.UnitId, e.ToUnitId, e.AppealId, e.Date, e.Amount, (int?)e.Channel, (int?)e.DonorType, e.DonorName, e.DonorFolded,
         e.ReceiptNumber, e.Reference, e.DonorAccount, e.InKindDescription, e.Quantity, e.Earmark, (int?)e.Purpose, e.BeneficiaryName, e.BeneficiaryGroupId,
         (int?)e.Category, e.Households, e.People, e.Gifts, e.Houses, e.Note, e.ReversesId, e.Reason, e.ImportBatchId, e.ImportRow, e.CreatedAt, e.CreatedBy, e.Hash];

    /// <summary>Ids from the table's own sequence, then one binary COPY, on the connection and transaction EF holds.</summary>
    private async Task CopyAsync(IReadOnlyList<MoneyEntry> entries)
    {
        var conn = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await using (var cmd = new Npgsql.NpgsqlCommand("""SELECT nextval(pg_get_serial_sequence('"MoneyEntries"', 'Id'))::int FROM generate_series(1, $1)""", conn))
        {
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = entries.Count });
            await using var reader = await cmd.ExecuteReaderAsync();
            var i = 0;
            while (await reader.ReadAsync()) entries[i++].Id = reader.GetInt32(0);
        }
        await Copy.IntoAsync(conn, "MoneyEntries", Columns, entries.Select(Values));
    }

    /// <summary>What a money entry counts for the indicators: money raised per fund kind, money and help given per purpose.</summary>
    public static IEnumerable<FactRow> FactsOf(MoneyEntry e, FundKind kind)
    {
        switch (e.Kind)
        {
            case EntryKind.Contribution:
                yield return new(e.UnitId, e.Date, $"quy.{Fund.KindCode(kind)}.{(e.Channel == Channel.InKind ? "hien_vat" : "tien")}", e.Amount);
                break;
            case EntryKind.Disbursement when e.Purpose is { } p:
                var k = "chi." + MoneyEntry.PurposeKey(p);
                yield return new(e.UnitId, e.Date, k + ".dong", e.Amount);
                if (e.Households != 0) yield return new(e.UnitId, e.Date, k + ".ho", e.Households);
                if (e.People != 0) yield return new(e.UnitId, e.Date, k + ".nguoi", e.People);
                if (e.Gifts != 0) yield return new(e.UnitId, e.Date, k + ".phan_qua", e.Gifts);
                if (e.Houses != 0) yield return new(e.UnitId, e.Date, k + ".can", e.Houses);
                break;
        }
    }

    /// <summary>Reverses an entry with a reason; null when done, else why not (in Vietnamese).</summary>
    public async Task<(MoneyEntry? Reversal, string? Error)> ReverseAsync(MoneyEntry original, string? reason, string by, DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(reason)) return (null, "Cần ghi lý do điều chỉnh.");
        if (original.ReversesId is not null) return (null, "Đây là bút toán điều chỉnh, không điều chỉnh tiếp được; hãy ghi bút toán mới.");
        if (await db.MoneyEntries.AnyAsync(e => e.ReversesId == original.Id)) return (null, "Bút toán này đã được điều chỉnh trước đó.");
        var reversal = Ledger.ReversalOf(original, reason.Trim(), by, date);
        await AppendAsync(original.FundId, [reversal]);
        return (reversal, null);
    }

    /// <summary>
    /// Walks every fund's chain in sequence order: a gap is a deleted entry, a hash that does not follow
    /// from the stored previous hash is a changed entry, an entry out of insertion order or past the head
    /// is an inserted one, and a chain that ends before its recorded head lost its last entries.
    /// </summary>
    public async Task<List<LedgerProblem>> VerifyAsync(int? fundId = null, CancellationToken ct = default)
    {
        var problems = new List<LedgerProblem>();
        var funds = await db.Funds.AsNoTracking().Where(f => fundId == null || f.Id == fundId).OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.Name, f.HeadSeq, f.HeadHash }).ToListAsync(ct);
        foreach (var f in funds)
        {
            void Problem(long? seq, int? id, string what) => problems.Add(new(f.Id, f.Name, seq, id, what));
            var (expected, previous) = (1L, Ledger.Genesis);
            MoneyEntry? last = null;
            var names = new Dictionary<string, long>();
            await foreach (var e in db.MoneyEntries.AsNoTracking().Where(e => e.FundId == f.Id).OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(ct))
            {
                if (e.Kind == EntryKind.Contribution && !string.IsNullOrEmpty(e.DonorFolded)) names[e.DonorFolded] = names.GetValueOrDefault(e.DonorFolded) + 1;
                // Entries are appended in id order, so an entry whose successor has a smaller id was put in afterwards.
                if (last is not null && last.Id > e.Id) Problem(last.Seq, last.Id, "bút toán bị chèn thêm (ghi vào sau các bút toán kế tiếp)");
                if (e.Seq > expected)
                    Problem(expected, null, e.Seq == expected + 1 ? $"thiếu bút toán số {expected} (đã bị xóa)" : $"thiếu các bút toán số {expected}–{e.Seq - 1} (đã bị xóa)");
                if (e.Seq > f.HeadSeq) Problem(e.Seq, e.Id, "bút toán nằm ngoài sổ (bị chèn thêm sau bút toán cuối)");
                else if (Ledger.HashOf(previous, e) != e.Hash) Problem(e.Seq, e.Id, "mã băm không khớp: nội dung bút toán này (hoặc bút toán liền trước) đã bị sửa");
                (expected, previous, last) = (e.Seq + 1, e.Hash, e);
            }
            if (expected - 1 < f.HeadSeq)
                Problem(expected, null, $"thiếu các bút toán cuối số {expected}–{f.HeadSeq} (đã bị xóa)");
            else if (expected - 1 == f.HeadSeq && previous != f.HeadHash)
                Problem(f.HeadSeq, null, "mã băm của bút toán cuối không khớp đầu chuỗi đã ghi");
            // The name list the public search trusts: every donor name, from each of its words, with its count.
            var (wrong, seen) = (0, new Dictionary<string, int>());
            await foreach (var n in db.FundDonorNames.AsNoTracking().Where(n => n.FundId == f.Id).AsAsyncEnumerable().WithCancellation(ct))
            {
                if (names.GetValueOrDefault(n.Folded) != n.Entries || !FundDonorName.Endings(n.Folded).Contains(n.Words)) wrong++;
                seen[n.Folded] = seen.GetValueOrDefault(n.Folded) + 1;
            }
            wrong += names.Keys.Count(k => seen.GetValueOrDefault(k) != FundDonorName.Endings(k).Count());
            if (wrong > 0) Problem(null, null, $"danh sách tên để tra cứu lệch với sổ ({wrong} chỗ): tìm theo tên trên trang công khai có thể sót");
        }
        return problems;
    }

    /// <summary>
    /// Balances of a fund for a unit's subtree over [from, to]: one row for money held at the unit itself,
    /// one per child subtree that has entries, and the total (last). Allocations between units of a row's
    /// subtree cancel out; only money crossing its edge counts as in or out.
    /// </summary>
    public async Task<List<Balance>> BalancesAsync(int fundId, Unit unit, DateOnly from, DateOnly to)
    {
        var (lo, hi) = UnitScope.PathRange(unit.Path);
        var sums = await db.MoneyEntries.Where(e => e.FundId == fundId && e.Date <= to)
            .GroupBy(e => new { e.Kind, e.UnitId, e.ToUnitId, Before = e.Date < from })
            .Select(g => new { g.Key.Kind, g.Key.UnitId, g.Key.ToUnitId, g.Key.Before, Amount = g.Sum(e => e.Amount) }).ToListAsync();
        var ids = sums.Select(s => s.UnitId).Concat(sums.Where(s => s.ToUnitId != null).Select(s => s.ToUnitId!.Value)).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Path }).ToDictionaryAsync(u => u.Id, u => u.Path);
        // The row a unit's money belongs to: the unit itself, a child's subtree, or outside (null).
        int? RowOf(int id)
        {
            var path = units.GetValueOrDefault(id);
            if (path is null || string.CompareOrdinal(path, lo) < 0 || string.CompareOrdinal(path, hi) >= 0) return null;
            if (path == unit.Path) return unit.Id;
            var rest = path[unit.Path.Length..];
            return int.Parse(rest[..rest.IndexOf('/', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        }
        var rows = new Dictionary<int, (long Opening, long In, long Out)>();
        var total = (Opening: 0L, In: 0L, Out: 0L);
        void Move(int? row, long amount, bool before, bool isIn, bool countsForTotal)
        {
            if (row is not int r) return;
            var (o, i, x) = rows.GetValueOrDefault(r);
            var signed = isIn ? amount : -amount;
            rows[r] = before ? (o + signed, i, x) : isIn ? (o, i + amount, x) : (o, i, x + amount);
            if (!countsForTotal) return;
            if (before) total.Opening += signed;
            else if (isIn) total.In += amount;
            else total.Out += amount;
        }
        foreach (var s in sums)
        {
            var at = RowOf(s.UnitId);
            switch (s.Kind)
            {
                case EntryKind.Contribution: Move(at, s.Amount, s.Before, true, true); break;
                case EntryKind.Disbursement: Move(at, s.Amount, s.Before, false, true); break;
                case EntryKind.Allocation:
                    var dest = s.ToUnitId is int t ? RowOf(t) : null;
                    if (at == dest) break;
                    Move(at, s.Amount, s.Before, false, dest is null);
                    Move(dest, s.Amount, s.Before, true, at is null);
                    break;
            }
        }
        var names = await RecordRules.UnitNamesAsync(db, rows.Keys);
        var result = rows.OrderBy(r => r.Key == unit.Id ? 0 : 1).ThenBy(r => FundQueries.NaturalKey(names.GetValueOrDefault(r.Key, "")), StringComparer.Create(Web.Vietnamese, false))
            .Select(r => new Balance(r.Key, r.Key == unit.Id ? "Tại " + unit.FullName : names.GetValueOrDefault(r.Key, "?"), r.Value.Opening, r.Value.In, r.Value.Out))
            .ToList();
        result.Add(new Balance(unit.Id, "Cộng", total.Opening, total.In, total.Out));
        return result;
    }
}
