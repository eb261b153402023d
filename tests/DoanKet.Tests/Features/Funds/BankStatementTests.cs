using System.Text;
using DoanKet.Data;
using DoanKet.Domain.Funds;
using DoanKet.Features.Funds;
using DoanKet.Features.Records;
using DoanKet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace DoanKet.Tests.Features.Funds;

public sealed class BankStatementTests
{
    [Theory]
    [InlineData("1.000.000", 1_000_000)]
    [InlineData("1,000,000", 1_000_000)]
    [InlineData("1.000.000,00", 1_000_000)]
    [InlineData("1,000,000.00", 1_000_000)]
    [InlineData("1000000", 1_000_000)]
    [InlineData("500.000 VND", 500_000)]
    [InlineData("-2.500.000", -2_500_000)]
    [InlineData("1.500", 1_500)]
    public void Amounts_in_the_ways_banks_write_them(string text, long expected)
    {
        Assert.True(BankStatements.TryMoney(text, out var v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("1.000,50")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("12-3")]
    public void Not_whole_dong_is_refused(string text) => Assert.False(BankStatements.TryMoney(text, out _));

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join("\r\n", lines))).ToArray();

    [DatabaseTheory]
    public async Task Import_is_idempotent_overlaps_add_only_new_lines_and_matching_finds_the_contributions(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.DbAsync(async db =>
        {
            var (fund, ward, _) = await LedgerTests.NewFundAsync(db);
            var ledger = new FundLedger(db, new RecordWriter(db));
            var statements = new BankStatements(db, ledger);
            MoneyEntry Transfer(string donor, long amount, DateOnly date, string? reference, string? account = null) => new()
            {
                Kind = EntryKind.Contribution, UnitId = ward.Id, Date = date, Amount = amount, Channel = Channel.Transfer, DonorType = DonorType.Individual,
                DonorName = donor, Reference = reference, DonorAccount = account, CreatedBy = "test",
            };
            var byRef = Transfer("Lê Văn Ba", 2_000_000, new(2026, 10, 20), "FT001");
            var byAmount = Transfer("Phạm Thị Tư", 750_000, new(2026, 10, 21), null, "0123456789");
            var lonely = Transfer("Hoàng Văn Năm", 999_000, new(2026, 10, 1), "FT999");
            await ledger.AppendAsync(fund.Id, [byRef, byAmount, lonely]);

            var first = Csv(
                "Ngày;Số tiền;Mã giao dịch;Nội dung;Tên người chuyển;Số tài khoản",
                "20/10/2026;2.000.000;FT001;UNG HO QUY VI NGUOI NGHEO;LE VAN BA;0987654321",
                "22/10/2026;750.000;FT002;ung ho;PHAM THI TU;0123456789",
                "23/10/2026;300.000;FT003;ung ho lu lut;NGUYEN VAN A;1111222233",
                "23/10/2026;300.000;FT003;ung ho lu lut;NGUYEN VAN A;1111222233",
                "24/10/2026;-1.500.000;FT004;phi chuyen;;");
            var r1 = await statements.ImportAsync(fund, "saoke-1.csv", first, "chung", "test");
            Assert.Empty(r1.Errors);
            Assert.Equal((5, 5, 2), (r1.Lines, r1.NewLines, r1.Matched));
            var lines = await db.BankLines.AsNoTracking().Where(l => l.FundId == fund.Id).ToListAsync();
            Assert.Equal(byRef.Id, lines.Single(l => l.Reference == "FT001").EntryId);
            Assert.Equal(byAmount.Id, lines.Single(l => l.Reference == "FT002").EntryId);
            Assert.Null(await db.BankLines.Where(l => l.EntryId == lonely.Id).Select(l => (int?)l.Id).FirstOrDefaultAsync());

            // The same file again: recognised, nothing added.
            var again = await statements.ImportAsync(fund, "saoke-1 (ban sao).csv", first, "chung", "test");
            Assert.NotNull(again.AlreadyOn);
            Assert.Equal(5, await db.BankLines.CountAsync(l => l.FundId == fund.Id));
            Assert.Equal(1, await db.BankStatements.CountAsync(s => s.FundId == fund.Id));

            // A later export overlapping the first by two lines, from the bank's layout with a title block and debit/credit columns, as XLSX.
            using var xlsx = new MemoryStream();
            var rows = new List<Dictionary<string, object?>>
            {
                Row("SAO KÊ TÀI KHOẢN", null, null, null, null, null, null),
                Row("Từ ngày 22/10/2026 đến ngày 25/10/2026", null, null, null, null, null, null),
                Row("Ngày GD", "Số bút toán", "Ghi nợ", "Ghi có", "Nội dung chi tiết", "Tên TK đối ứng", "Số TK đối ứng"),
                Row("22/10/2026", "FT002", null, "750,000", "ung ho", "PHAM THI TU", "0123456789"),
                Row("24/10/2026", "FT004", "1,500,000", null, "phi chuyen", null, null),
                Row("25/10/2026", "FT005", null, "5,000,000", "CONG TY MINH ANH UNG HO", "CONG TY TNHH MINH ANH", "5555666677"),
                Row(null, null, "1,500,000", "5,750,000", "Tổng cộng", null, null),
            };
            xlsx.SaveAs(rows, printHeader: false);
            // Lines already stored (same date, amount, reference, description and account) are not stored again.
            var r2 = await statements.ImportAsync(fund, "saoke-2.xlsx", xlsx.ToArray(), "ngan-hang", "test");
            Assert.Empty(r2.Errors);
            Assert.Equal((3, 1), (r2.Lines, r2.NewLines));
            Assert.Equal(6, await db.BankLines.CountAsync(l => l.FundId == fund.Id));

            // By hand: a wrong amount is refused; the right contribution matches.
            var ft003 = await db.BankLines.Where(l => l.Reference == "FT003").OrderBy(l => l.Id).FirstAsync();
            Assert.Contains("không khớp", await statements.MatchAsync(ft003, (int)lonely.Seq));
            // An unmatched credit becomes a contribution with the counterparty as donor.
            var ft005 = await db.BankLines.SingleAsync(l => l.Reference == "FT005");
            var (recorded, error) = await statements.RecordAsync(ft005, fund, "test");
            Assert.Null(error);
            Assert.Equal(("CONG TY TNHH MINH ANH", 5_000_000L, Channel.Transfer), (recorded!.DonorName, recorded.Amount, recorded.Channel));
            Assert.Equal(recorded.Id, (await db.BankLines.AsNoTracking().SingleAsync(l => l.Id == ft005.Id)).EntryId);

            // A file with a bad line saves nothing.
            var bad = Csv("Ngày;Số tiền;Mã giao dịch", "26/10/2026;100.000;FT006", "31/02/2026;200.000;FT007", "27/10/2026;ba trăm;FT008");
            var r3 = await statements.ImportAsync(fund, "loi.csv", bad, "chung", "test");
            Assert.Equal(2, r3.Errors.Count);
            Assert.Contains("Dòng 3", r3.Errors[0]);
            Assert.Equal(6, await db.BankLines.CountAsync(l => l.FundId == fund.Id));
            Assert.Empty(await ledger.VerifyAsync(fund.Id));
            return 0;
        });
    }

    private static Dictionary<string, object?> Row(params object?[] cells) =>
        cells.Select((c, i) => (Key: ((char)('A' + i)).ToString(), c)).ToDictionary(x => x.Key, x => x.c);
}
