using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Records;

/// <summary>
/// Saves a record together with its facts and the totals built from them, in one transaction, so a
/// figure can never disagree with the records it is summed from. Every write path (pages, API, demo,
/// weekly screen) goes through here.
/// </summary>
public sealed class RecordWriter(AppDb db)
{
    public Task SaveAsync(Activity a) => SaveAsync(a, RecordFacts.ActivityType, async () =>
    {
        var kind = a.Kind ?? await db.Set<ActivityKind>().FirstAsync(k => k.Id == a.KindId);
        return RecordFacts.Of(a, kind);
    });

    public Task SaveAsync(Conference c) => SaveAsync(c, RecordFacts.ConferenceType, () => Task.FromResult(RecordFacts.Of(c)));
    public Task SaveAsync(Initiative i) => SaveAsync(i, RecordFacts.InitiativeType, () => Task.FromResult(RecordFacts.Of(i)));
    public Task SaveAsync(UnityDay d) => SaveAsync(d, RecordFacts.UnityDayType, () => Task.FromResult(RecordFacts.Of(d)));
    public Task SaveAsync(Commendation c) => SaveAsync(c, RecordFacts.CommendationType, () => Task.FromResult(RecordFacts.Of(c)));
    public Task SaveAsync(Domain.Petitions.VoterMeeting m) => SaveAsync(m, RecordFacts.VoterMeetingType, () => Task.FromResult(RecordFacts.Of(m)));

    public Task SaveAsync(Domain.Petitions.Petition p) => SaveAsync(p, RecordFacts.PetitionType, async () =>
    {
        var topic = p.TopicId is int t ? await db.Topics.Where(x => x.Id == t).Select(x => x.Code).FirstOrDefaultAsync() : null;
        return RecordFacts.Of(p, topic);
    });

    public Task SaveAsync(Domain.Supervisions.Supervision s) => SaveAsync(s, RecordFacts.SupervisionType, async () =>
        RecordFacts.Of(s, await db.Recommendations.Where(r => r.SupervisionId == s.Id).ToListAsync()));

    /// <summary>An imported document's figures, read from the database so a restore brings them back too.</summary>
    public Task SaveAsync(Domain.History.HistoricalDocument d) => SaveAsync(d, Domain.History.HistoricalDocument.RecordType, async () =>
    {
        var unit = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == d.UnitId);
        var rows = d.Figures.Count > 0 ? d.Figures : await db.ImportedFigures.AsNoTracking().Where(f => f.DocumentId == d.Id).ToListAsync();
        return History.HistoryImport.FactsOf(d, unit, rows);
    });

    public Task SaveAsync(Domain.Supervisions.SocialCriticism c) => SaveAsync(c, RecordFacts.CriticismType, async () =>
        RecordFacts.Of(c, await db.CriticismComments.Where(x => x.CriticismId == c.Id).ToListAsync()));

    /// <summary>
    /// Saves pending changes (the record, possibly a soft delete or a restore) and rewrites its facts.
    /// Joins the caller's transaction when there is one.
    /// </summary>
    private async Task SaveAsync<T>(T record, string type, Func<Task<IEnumerable<FactRow>>> facts) where T : IAudited, ISoftDeletable
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        try
        {
            await db.SaveChangesAsync();
            await ReplaceFactsAsync(type, record.Id, record.DeletedAt is null ? [.. await facts()] : []);
            if (own is not null) await own.CommitAsync();
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    private HashSet<string>? _coverageKeys;

    /// <summary>Replaces the facts of one record and moves the totals by the difference.</summary>
    public async Task ReplaceFactsAsync(string type, int recordId, IReadOnlyList<FactRow> rows)
    {
        var old = await db.Facts.Where(f => f.RecordType == type && f.RecordId == recordId).ToListAsync();
        if (old.Count == 0 && rows.Count == 0) return;
        var delta = new Dictionary<(int Unit, DateOnly Day, string Key), (long Value, int Count)>();
        foreach (var f in old) Add(delta, (f.UnitId, f.Date, f.Key), -f.Value, -1);
        foreach (var r in rows) Add(delta, (r.UnitId, r.Date, r.Key), r.Value, 1);

        db.Facts.RemoveRange(old);
        db.Facts.AddRange(rows.Select(r => new Fact { RecordType = type, RecordId = recordId, UnitId = r.UnitId, Date = r.Date, Key = r.Key, Value = r.Value }));
        await db.SaveChangesAsync();
        await MoveTotalsAsync(delta);
    }

    /// <summary>
    /// Adds the facts of many new records at once (ledger entries, imports): the totals move once per
    /// unit, day and key of the batch rather than once per record.
    /// </summary>
    public async Task AddFactsAsync(string type, IReadOnlyList<(int RecordId, FactRow Row)> rows)
    {
        if (rows.Count == 0) return;
        var delta = new Dictionary<(int Unit, DateOnly Day, string Key), (long Value, int Count)>();
        foreach (var (_, r) in rows) Add(delta, (r.UnitId, r.Date, r.Key), r.Value, 1);
        if (rows.Count >= Copy.From && db.Database.IsNpgsql())
            await Copy.IntoAsync((Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), "Facts", ["RecordType", "RecordId", "UnitId", "Date", "Key", "Value"],
                rows.Select(x => new object?[] { type, x.RecordId, x.Row.UnitId, x.Row.Date, x.Row.Key, x.Row.Value }));
        else
        {
            db.Facts.AddRange(rows.Select(x => new Fact { RecordType = type, RecordId = x.RecordId, UnitId = x.Row.UnitId, Date = x.Row.Date, Key = x.Row.Key, Value = x.Row.Value }));
            await db.SaveChangesAsync();
        }
        await MoveTotalsAsync(delta);
    }

    private async Task MoveTotalsAsync(Dictionary<(int Unit, DateOnly Day, string Key), (long Value, int Count)> delta)
    {
        var unitIds = delta.Keys.Select(k => k.Unit).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Level, Rollup = u.Level == UnitLevel.ResidentialGroup ? u.ParentId ?? u.Id : u.Id })
            .ToDictionaryAsync(u => u.Id);
        var rollup = units.ToDictionary(u => u.Key, u => u.Value.Rollup);
        var monthly = new Dictionary<(int Unit, DateOnly Day, string Key), (long Value, int Count)>();
        foreach (var ((unit, day, key), (value, count)) in delta)
        {
            if (value == 0 && count == 0) continue;
            await UpsertAsync("DailyTotals", "Day", unit, day, key, value, count);
            Add(monthly, (rollup[unit], new DateOnly(day.Year, day.Month, 1), key), value, count);
        }
        var coverageKeys = await CoverageKeysAsync();
        var covered = delta.Where(d => coverageKeys.Contains(d.Key.Key) && (d.Value.Value != 0 || d.Value.Count != 0))
            .Select(d => (d.Key.Unit, Month: new DateOnly(d.Key.Day.Year, d.Key.Day.Month, 1), d.Key.Key)).Distinct().ToList();
        var provinces = await ProvinceOfAsync(monthly.Keys.Select(k => k.Unit).Concat(covered.Select(c => c.Unit)));
        foreach (var (unit, month, key) in covered)
        {
            // Checked against the daily rows, so the row exists exactly while the month has a nonzero day.
            var next = month.AddMonths(1);
            var active = await db.DailyTotals.AnyAsync(t => t.UnitId == unit && t.Key == key && t.Day >= month && t.Day < next && t.Value != 0);
            var row = await db.CoverageMonths.FirstOrDefaultAsync(c => c.UnitId == unit && c.Month == month && c.Key == key);
            if (row is not null && !active) db.CoverageMonths.Remove(row);
            if (row is null && active)
                db.CoverageMonths.Add(new CoverageMonth { UnitId = unit, Month = month, Key = key, Level = units[unit].Level,
                    ProvinceId = provinces.TryGetValue(unit, out var p) ? p : null });
        }
        if (covered.Count > 0) await db.SaveChangesAsync();
        foreach (var ((unit, month, key), (value, count)) in monthly)
            if (value != 0 || count != 0)
            {
                await UpsertAsync("MonthlyTotals", "Month", unit, month, key, value, count);
                if (provinces.TryGetValue(unit, out var province))
                    await UpsertAsync("ProvinceMonthlyTotals", "Month", province, month, key, value, count);
            }
    }

    /// <summary>The province each unit lies in (itself for a province); units above that level have none.</summary>
    private async Task<Dictionary<int, int>> ProvinceOfAsync(IEnumerable<int> unitIds)
    {
        var ids = unitIds.Distinct().ToList();
        var paths = await db.Units.IgnoreQueryFilters().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Path }).ToListAsync();
        var ancestors = paths.SelectMany(p => PathIds(p.Path)).Distinct().ToList();
        var provinces = (await db.Units.IgnoreQueryFilters().Where(u => ancestors.Contains(u.Id) && u.Level == UnitLevel.Province)
            .Select(u => u.Id).ToListAsync()).ToHashSet();
        // Unit ids start at 1, so 0 means "no province on the path".
        return paths.Select(p => (p.Id, Province: PathIds(p.Path).FirstOrDefault(provinces.Contains)))
            .Where(p => p.Province != 0).ToDictionary(p => p.Id, p => p.Province);
    }

    private async Task<int?> ProvinceOfPathAsync(string path)
    {
        var ids = PathIds(path).ToList();
        return await db.Units.IgnoreQueryFilters().Where(u => ids.Contains(u.Id) && u.Level == UnitLevel.Province).Select(u => (int?)u.Id).FirstOrDefaultAsync();
    }

    private static IEnumerable<int> PathIds(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);

    /// <summary>
    /// A unit amended in place under another parent (a same-day reorganisation) takes its totals along: a
    /// group's facts move between the monthly rows of its old and new commune, and whatever the unit adds
    /// to its province's rows moves when the province changes. Call before the unit's path is rewritten.
    /// </summary>
    public async Task MoveTotalsAsync(Unit unit, Unit newParent)
    {
        List<(DateOnly Month, string Key, long Value, int Count)> sums;
        string fromPath;
        var (lo, hi) = UnitScope.PathRange(unit.Path);
        if (unit.Level == UnitLevel.ResidentialGroup)
        {
            // The tracked parent, so a commune amended earlier in the same change is seen with its new path.
            var oldParent = unit.ParentId is int id ? await db.Units.IgnoreQueryFilters().FirstAsync(u => u.Id == id) : null;
            if (oldParent is null || oldParent.Id == newParent.Id) return;
            sums = [.. (await db.Facts.Where(f => f.UnitId == unit.Id)
                .GroupBy(f => new { f.Date.Year, f.Date.Month, f.Key })
                .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Key, Value = g.Sum(f => f.Value), Count = g.Count() }).ToListAsync())
                .Select(g => (new DateOnly(g.Year, g.Month, 1), g.Key, g.Value, g.Count))];
            foreach (var (month, key, value, count) in sums)
            {
                await UpsertAsync("MonthlyTotals", "Month", oldParent.Id, month, key, -value, -count);
                await UpsertAsync("MonthlyTotals", "Month", newParent.Id, month, key, value, count);
            }
            fromPath = oldParent.Path;
        }
        else
        {
            // The monthly rows of the unit's subtree (its own and its groups'), as stored before the move.
            sums = [.. (await db.MonthlyTotals
                .Where(t => db.Units.IgnoreQueryFilters().Any(u => u.Id == t.UnitId && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0))
                .GroupBy(t => new { t.Month, t.Key })
                .Select(g => new { g.Key.Month, g.Key.Key, Value = g.Sum(t => t.Value), Count = g.Sum(t => t.Facts) }).ToListAsync())
                .Select(g => (g.Month, g.Key, g.Value, g.Count))];
            fromPath = unit.Path;
        }
        var (from, to) = (await ProvinceOfPathAsync(fromPath), await ProvinceOfPathAsync(newParent.Path));
        if (from == to) return;
        await db.CoverageMonths.Where(c => db.Units.IgnoreQueryFilters().Any(u => u.Id == c.UnitId && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ProvinceId, to));
        foreach (var (month, key, value, count) in sums)
        {
            if (from is int f) await UpsertAsync("ProvinceMonthlyTotals", "Month", f, month, key, -value, -count);
            if (to is int t) await UpsertAsync("ProvinceMonthlyTotals", "Month", t, month, key, value, count);
        }
    }

    private static void Add(Dictionary<(int, DateOnly, string), (long, int)> d, (int, DateOnly, string) k, long value, int count)
    {
        var (v, c) = d.GetValueOrDefault(k);
        d[k] = (v + value, c + count);
    }

    // The same upsert syntax works on SQLite (≥ 3.24) and PostgreSQL; rows whose facts are all gone are removed.
    private async Task UpsertAsync(string table, string dayColumn, int unit, DateOnly day, string key, long value, int count)
    {
        // Table and column names come from this class only, never from input.
        var upsert = $$"""
            INSERT INTO "{{table}}" ("UnitId", "{{dayColumn}}", "Key", "Value", "Facts") VALUES ({0}, {1}, {2}, {3}, {4})
            ON CONFLICT ("UnitId", "{{dayColumn}}", "Key") DO UPDATE SET "Value" = "{{table}}"."Value" + excluded."Value", "Facts" = "{{table}}"."Facts" + excluded."Facts"
            """;
        await db.Database.ExecuteSqlRawAsync(upsert, unit, day, key, value, count);
        if (count < 0)
        {
            var prune = $$"""DELETE FROM "{{table}}" WHERE "UnitId" = {0} AND "{{dayColumn}}" = {1} AND "Key" = {2} AND "Facts" <= 0""";
            await db.Database.ExecuteSqlRawAsync(prune, unit, day, key);
        }
    }

    /// <summary>
    /// Rebuilds both totals tables from the facts in one statement each: used after a bulk load
    /// (<c>generate</c>) and by <c>totals rebuild</c> when totals are suspected to have drifted.
    /// </summary>
    public async Task RebuildTotalsAsync(CancellationToken ct = default)
    {
        var postgres = db.Database.IsNpgsql();
        var month = postgres ? "CAST(date_trunc('month', f.\"Date\") AS date)" : "date(f.\"Date\", 'start of month')";
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "DailyTotals"; DELETE FROM "MonthlyTotals";""", ct);
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "DailyTotals" ("UnitId", "Day", "Key", "Value", "Facts")
            SELECT f."UnitId", f."Date", f."Key", SUM(f."Value"), COUNT(*) FROM "Facts" f GROUP BY f."UnitId", f."Date", f."Key"
            """, ct);
        var monthly = $"""
            INSERT INTO "MonthlyTotals" ("UnitId", "Month", "Key", "Value", "Facts")
            SELECT CASE WHEN u."Level" = {(int)UnitLevel.ResidentialGroup} THEN COALESCE(u."ParentId", u."Id") ELSE u."Id" END, {month}, f."Key", SUM(f."Value"), COUNT(*)
            FROM "Facts" f JOIN "Units" u ON u."Id" = f."UnitId"
            GROUP BY CASE WHEN u."Level" = {(int)UnitLevel.ResidentialGroup} THEN COALESCE(u."ParentId", u."Id") ELSE u."Id" END, {month}, f."Key"
            """;
        await db.Database.ExecuteSqlRawAsync(monthly, ct);
        // Each commune-level row once more under the province whose path range holds the unit.
        var level = (int)UnitLevel.Province;
        var provinces = $"""
            DELETE FROM "ProvinceMonthlyTotals";
            INSERT INTO "ProvinceMonthlyTotals" ("UnitId", "Month", "Key", "Value", "Facts")
            SELECT p."Id", m."Month", m."Key", SUM(m."Value"), SUM(m."Facts")
            FROM "MonthlyTotals" m JOIN "Units" u ON u."Id" = m."UnitId"
            JOIN "Units" p ON p."Level" = {level} AND u."Path" >= p."Path" AND u."Path" < substr(p."Path", 1, length(p."Path") - 1) || '0'
            GROUP BY p."Id", m."Month", m."Key"
            """;
        await db.Database.ExecuteSqlRawAsync(provinces, ct);
        await RebuildCoverageAsync(ct);
    }

    /// <summary>
    /// Rebuilds the coverage months from the daily totals: after a rebuild, when a coverage indicator is
    /// added, and once on a database that had records before the table existed.
    /// </summary>
    public async Task RebuildCoverageAsync(CancellationToken ct = default)
    {
        _coverageKeys = null;
        var keys = (await CoverageKeysAsync()).ToList();
        var month = db.Database.IsNpgsql() ? "CAST(date_trunc('month', d.\"Day\") AS date)" : "date(d.\"Day\", 'start of month')";
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "CoverageMonths";""", ct);
        if (keys.Count == 0) return;
        // Only the month expression and placeholders are spliced in; the keys travel as parameters.
        var sql = $"""
            INSERT INTO "CoverageMonths" ("UnitId", "Month", "Key", "Level", "ProvinceId")
            SELECT c."UnitId", c."Month", c."Key", u."Level", p."Id"
            FROM (SELECT d."UnitId", {month} AS "Month", d."Key" FROM "DailyTotals" d
                  WHERE d."Value" <> 0 AND d."Key" IN ({string.Join(", ", keys.Select((_, i) => "{" + i + "}"))})
                  GROUP BY d."UnitId", {month}, d."Key") c
            JOIN "Units" u ON u."Id" = c."UnitId"
            LEFT JOIN "Units" p ON p."Level" = {(int)UnitLevel.Province} AND u."Path" >= p."Path" AND u."Path" < substr(p."Path", 1, length(p."Path") - 1) || '0'
            """;
        await db.Database.ExecuteSqlRawAsync(sql, keys.Cast<object>(), ct);
    }

    /// <summary>True when records exist that count for coverage but the coverage months are empty (a database older than them).</summary>
    public async Task<bool> CoverageMissingAsync()
    {
        var keys = (await CoverageKeysAsync()).ToList();
        return !await db.CoverageMonths.AnyAsync() && await db.DailyTotals.AnyAsync(t => keys.Contains(t.Key) && t.Value != 0);
    }

    private async Task<HashSet<string>> CoverageKeysAsync() =>
        _coverageKeys ??= (await db.Indicators.AsNoTracking().Where(i => i.Rule == IndicatorRule.Coverage).ToListAsync()).SelectMany(i => i.FactKeys).ToHashSet();
}
