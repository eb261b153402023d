using DoanKet.Data;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Units;
using DoanKet.Features.Funds;
using DoanKet.Features.Records;
using DoanKet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Features.Funds;

public sealed class LedgerTests
{
    private static FundLedger LedgerOf(AppDb db) => new(db, new RecordWriter(db));

    internal static async Task<(Fund Fund, Unit Ward, List<Unit> Groups)> NewFundAsync(AppDb db, string name = "Quỹ thử nghiệm")
    {
        var ward = await db.Units.SingleAsync(u => u.Code == "DEMO-BODE" && u.ValidTo == null);
        var groups = await db.Units.Where(u => u.ParentId == ward.Id && u.ValidTo == null).OrderBy(u => u.Id).Take(3).ToListAsync();
        var fund = new Fund { UnitId = ward.Id, Kind = FundKind.ForThePoor, Name = name, CreatedAt = TestClock.UtcNow };
        db.Funds.Add(fund);
        await db.SaveChangesAsync();
        return (fund, ward, groups);
    }

    private static MoneyEntry In(int unit, DateOnly date, long amount, string donor = "Nguyễn Văn An") => new()
    {
        Kind = EntryKind.Contribution, UnitId = unit, Date = date, Amount = amount, Channel = Channel.Cash, DonorType = DonorType.Individual, DonorName = donor, CreatedBy = "test",
    };

    private static MoneyEntry Out(int unit, DateOnly date, long amount) => new()
    {
        Kind = EntryKind.Disbursement, UnitId = unit, Date = date, Amount = amount, Purpose = Purpose.Support, Households = 1, BeneficiaryName = "Trần Thị Bình", CreatedBy = "test",
    };

    private static MoneyEntry Move(int from, int to, DateOnly date, long amount) => new()
    {
        Kind = EntryKind.Allocation, UnitId = from, ToUnitId = to, Date = date, Amount = amount, CreatedBy = "test",
    };

    [DatabaseTheory]
    public async Task Balances_equal_the_sums_of_the_entries_for_any_period_and_subtree(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.DbAsync(async db =>
        {
            var (fund, ward, groups) = await NewFundAsync(db);
            var ledger = LedgerOf(db);
            var rnd = new Random(7);
            var units = new[] { ward }.Concat(groups).ToList();
            var entries = new List<MoneyEntry>();
            for (var i = 0; i < 120; i++)
            {
                var date = new DateOnly(2025, 1, 1).AddDays(rnd.Next(365));
                var u = units[rnd.Next(units.Count)];
                var amount = rnd.Next(1, 500) * 10_000L;
                entries.Add(rnd.Next(3) switch
                {
                    0 => In(u.Id, date, amount),
                    1 => Out(u.Id, date, amount),
                    _ => Move(ward.Id, groups[rnd.Next(groups.Count)].Id, date, amount),
                });
            }
            // In several appends, as the pages would.
            foreach (var chunk in entries.Chunk(17)) await ledger.AppendAsync(fund.Id, chunk);
            var reversed = entries[5];
            await ledger.ReverseAsync(reversed, "Ghi nhầm số tiền", "test", new DateOnly(2025, 12, 31));

            var all = await db.MoneyEntries.AsNoTracking().Where(e => e.FundId == fund.Id).ToListAsync();
            Assert.Equal(121, all.Count);
            Assert.Equal(Enumerable.Range(1, 121).Select(i => (long)i), all.Select(e => e.Seq).Order());

            foreach (var (from, to) in new[] { (new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), (new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30)) })
            {
                var rows = await ledger.BalancesAsync(fund.Id, ward, from, to);
                var total = rows[^1];
                long Sum(Func<MoneyEntry, bool> p) => all.Where(p).Sum(e => e.Amount);
                // Whole ward: allocations stay inside, so they move nothing.
                Assert.Equal(Sum(e => e.Date < from && e.Kind == EntryKind.Contribution) - Sum(e => e.Date < from && e.Kind == EntryKind.Disbursement), total.Opening);
                Assert.Equal(Sum(e => e.Date >= from && e.Date <= to && e.Kind == EntryKind.Contribution), total.In);
                Assert.Equal(Sum(e => e.Date >= from && e.Date <= to && e.Kind == EntryKind.Disbursement), total.Out);
                // Each group's row: its own contributions and the allocations it received, less its disbursements.
                foreach (var g in groups)
                {
                    var row = rows.SingleOrDefault(r => r.UnitId == g.Id && r.UnitName != "Cộng");
                    bool Mine(MoneyEntry e) => e.UnitId == g.Id && e.Kind != EntryKind.Allocation || e.ToUnitId == g.Id;
                    long Signed(MoneyEntry e) => e.Kind == EntryKind.Disbursement ? -e.Amount : e.Amount;
                    var closing = all.Where(e => Mine(e) && e.Date <= to).Sum(Signed);
                    Assert.Equal(closing, row?.Closing ?? 0);
                }
                Assert.Equal(rows[..^1].Sum(r => r.Closing), total.Closing);
            }
            // Facts: money raised in the ward equals the contributions less the reversal.
            var ids = all.Select(e => e.Id).ToList();
            var raised = await db.Facts.Where(f => f.RecordType == FundLedger.RecordType && f.Key == "quy.vi_nguoi_ngheo.tien" && ids.Contains(f.RecordId)).SumAsync(f => f.Value);
            Assert.Equal(all.Where(e => e.Kind == EntryKind.Contribution).Sum(e => e.Amount), raised);
            Assert.Empty(await ledger.VerifyAsync(fund.Id));
            return 0;
        });
    }

    [DatabaseTheory]
    public async Task Verify_names_the_row_changed_inserted_or_deleted_behind_the_applications_back(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.DbAsync(async db =>
        {
            var (fund, ward, _) = await NewFundAsync(db);
            var (other, _, _) = await NewFundAsync(db, "Quỹ khác");
            var ledger = LedgerOf(db);
            for (var i = 1; i <= 10; i++) await ledger.AppendAsync(fund.Id, [In(ward.Id, new DateOnly(2025, 3, i), i * 100_000L)]);
            await ledger.AppendAsync(other.Id, [In(ward.Id, new DateOnly(2025, 3, 1), 5_000_000)]);
            Assert.Empty(await ledger.VerifyAsync());
            var ids = await db.MoneyEntries.Where(e => e.FundId == fund.Id).OrderBy(e => e.Seq).Select(e => e.Id).ToListAsync();

            // The application refuses to change a money entry.
            var tracked = await db.MoneyEntries.FirstAsync(e => e.Id == ids[0]);
            tracked.Amount = 1;
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();

            // Changed in SQL: the amount of the 4th entry.
            await db.Database.ExecuteSqlRawAsync("""UPDATE "MoneyEntries" SET "Amount" = 9 WHERE "Id" = {0}""", ids[3]);
            var p = Assert.Single(await ledger.VerifyAsync());
            Assert.Equal((4L, ids[3]), (p.Seq, p.EntryId));
            Assert.Contains("bị sửa", p.What);
            await db.Database.ExecuteSqlRawAsync("""UPDATE "MoneyEntries" SET "Amount" = 400000 WHERE "Id" = {0}""", ids[3]);
            Assert.Empty(await ledger.VerifyAsync());

            // Deleted in SQL: the 6th entry.
            var sixth = await db.MoneyEntries.AsNoTracking().SingleAsync(e => e.Id == ids[5]);
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "MoneyEntries" WHERE "Id" = {0}""", ids[5]);
            var problems = await ledger.VerifyAsync();
            Assert.Contains(problems, x => x.Seq == 6 && x.What.Contains("bị xóa", StringComparison.Ordinal));
            Assert.All(problems, x => Assert.Equal(fund.Id, x.FundId));

            // Inserted in SQL in its place, with a hash computed by someone who knows the scheme but a new row id.
            sixth.Id = 0;
            sixth.DonorName = "Người chèn";
            sixth.Hash = Ledger.HashOf((await db.MoneyEntries.AsNoTracking().SingleAsync(e => e.Id == ids[4])).Hash, sixth);
            db.MoneyEntries.Add(sixth);
            await db.SaveChangesAsync();
            problems = await ledger.VerifyAsync();
            Assert.Contains(problems, x => x.Seq == 6 && x.EntryId == sixth.Id && x.What.Contains("chèn", StringComparison.Ordinal));

            // The last entry deleted: the chain ends before its head.
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "MoneyEntries" WHERE "Id" = {0}""", ids[9]);
            problems = await ledger.VerifyAsync();
            Assert.True(problems.Any(x => x.Seq == 10 && x.What.Contains("cuối", StringComparison.Ordinal)), string.Join("; ", problems));
            return 0;
        });
    }

    [DatabaseTheory]
    public async Task Name_search_finds_the_same_entries_whether_a_name_is_rare_or_common(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.DbAsync(async db =>
        {
            var (fund, ward, _) = await NewFundAsync(db);
            var ledger = LedgerOf(db);
            // 5,200 "Nguyễn Văn An" make "van an" and "an" common (the fund is walked newest first); the others are rare (found by exact name).
            string[] donors = [.. Enumerable.Repeat("Nguyễn Văn An", 5200), .. Enumerable.Repeat("Lê Văn Anh", 300), .. Enumerable.Repeat("Trần Thị Vân", 400), .. Enumerable.Repeat("Phạm Anh Tuấn", 100)];
            var rnd = new Random(11);
            var entries = donors.OrderBy(_ => rnd.Next()).Select((d, i) => In(ward.Id, new DateOnly(2025, 1, 1).AddDays(i % 200), 10_000L * (1 + i % 7), d)).ToList();
            foreach (var chunk in entries.Chunk(2000)) await ledger.AppendAsync(fund.Id, chunk);
            await ledger.ReverseAsync(entries.First(e => e.DonorName == "Phạm Anh Tuấn"), "Ghi nhầm", "test", new DateOnly(2025, 12, 31));

            // The names list is the ledger's, reversal included, from each word of a name.
            async Task<List<string>> NamesAsync() => [.. (await db.FundDonorNames.AsNoTracking().Where(n => n.FundId == fund.Id).ToListAsync())
                .Select(n => $"{n.Words}|{n.Folded}:{n.Entries}").Order(StringComparer.Ordinal)];
            var names = await NamesAsync();
            Assert.Equal(new[] { "an|nguyen van an:5200", "anh tuan|pham anh tuan:101", "anh|le van anh:300", "le van anh|le van anh:300", "nguyen van an|nguyen van an:5200",
                "pham anh tuan|pham anh tuan:101", "thi van|tran thi van:400", "tran thi van|tran thi van:400", "tuan|pham anh tuan:101", "van an|nguyen van an:5200",
                "van anh|le van anh:300", "van|tran thi van:400" }.Order(StringComparer.Ordinal), names);
            // The migration that made the list fills it the same way from the entries already there.
            await db.FundDonorNames.ExecuteDeleteAsync();
            Microsoft.EntityFrameworkCore.Migrations.Migration migration = engine == "sqlite" ? new DoanKet.Data.Migrations.Sqlite.DonorNames() : new DoanKet.Data.Migrations.Postgres.DonorNames();
            foreach (var sql in migration.UpOperations.OfType<Microsoft.EntityFrameworkCore.Migrations.Operations.SqlOperation>())
                await db.Database.ExecuteSqlRawAsync(sql.Sql.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
            Assert.Equal(names, await NamesAsync());
            // `ledger verify` notices the list drifting from the ledger.
            Assert.Empty(await ledger.VerifyAsync(fund.Id));
            await db.FundDonorNames.Where(n => n.FundId == fund.Id && n.Words == "van anh").ExecuteDeleteAsync();
            Assert.Contains(await ledger.VerifyAsync(fund.Id), p => p.What.StartsWith("danh sách tên để tra cứu lệch", StringComparison.Ordinal));
            await db.FundDonorNames.AddAsync(new FundDonorName { FundId = fund.Id, Words = "van anh", Folded = "le van anh", Entries = 300 });
            await db.SaveChangesAsync();
            Assert.Empty(await ledger.VerifyAsync(fund.Id));

            // A second fund where more than MaxNames names match "th": 1,500 from two of their words ("thi thu …", "thu …"), then 600 more ("thuy …").
            var (many, _, _) = await NewFundAsync(db, "Quỹ nhiều tên");
            await ledger.AppendAsync(many.Id, [.. Enumerable.Range(1, FundQueries.MaxNames + 100)
                .Select(i => In(ward.Id, new DateOnly(2025, 3, 1).AddDays(i % 90), 10_000, i <= 1500 ? $"Lê Thị Thu {i}" : $"Trần Thụy {i}"))]);

            foreach (var (id, typed, walk) in new[] { (fund.Id, "van an", true), (fund.Id, "AN", true), (fund.Id, "Nguyễn văn an", true), (fund.Id, "le van", false), (fund.Id, "tuan", false),
                (fund.Id, "van", true), (fund.Id, "uan", false), (fund.Id, "100%", false), (fund.Id, "an\0", true), (fund.Id, "a\uffff", true), (many.Id, "th", true), (many.Id, "thu 12", false) })
            {
                var all = await db.MoneyEntries.AsNoTracking().Where(e => e.FundId == id).ToListAsync();
                var q = await FundQueries.PublicContributionsAsync(db, id, new PublicSearch(typed, null, null, null, null));
                Assert.Equal(walk, q.ToQueryString().Contains("LIKE", StringComparison.Ordinal));
                // A word of the name starts with what was typed.
                var folded = DoanKet.Domain.Text.Fold(typed);
                var expected = all.Where(e => (" " + e.DonorFolded).Contains(" " + folded, StringComparison.Ordinal))
                    .OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).ToList();
                Assert.Equal(expected.Count, await q.CountAsync());
                foreach (var skip in new[] { 0, 50 })
                    Assert.Equal(expected.Skip(skip).Take(51).Select(e => e.Id), (await FundQueries.PageAsync(db, q, skip, 51)).Select(e => e.Id));
            }
        });
    }
}
