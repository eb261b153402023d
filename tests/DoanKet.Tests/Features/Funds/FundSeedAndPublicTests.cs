using System.Net;
using System.Text.RegularExpressions;
using DoanKet.Data;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Units;
using DoanKet.Features.Funds;
using DoanKet.Features.Indicators;
using DoanKet.Infrastructure;
using DoanKet.Tests.Infrastructure;
using DoanKet.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Features.Funds;

public sealed class FundSeedAndPublicTests
{
    private static async Task<Dictionary<string, long>> FiguresAsync(AppDb db, string code, DateOnly on, string period) =>
        (await new Figures(db).ComputeAsync(await db.Units.AsNoTracking().ValidOn(on).SingleAsync(u => u.Code == code), Period.Parse(period), FigureMode.Then))
            .ToDictionary(f => f.Indicator.Code, f => (long)f.Value);

    [DatabaseTheory]
    public async Task The_seeds_money_figures_come_from_ledger_entries(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.DbAsync(async db =>
        {
            var ngocLam = await FiguresAsync(db, "DEMO-NL", new(2020, 6, 30), "2020S1");
            Assert.Equal(109_450_000, ngocLam["quy.vi_bien_dao"]);
            Assert.Equal(130_600_000, ngocLam["quy.den_on_dap_nghia"]);
            var songCau = await FiguresAsync(db, "DEMO-SC", new(2021, 6, 30), "2019-2024");
            Assert.Equal(63_230_000, songCau["quy.tien"]);
            Assert.Equal(113_000_000, songCau["quy.hien_vat"]);
            var saiDong = await FiguresAsync(db, "DEMO-SD", new(2023, 3, 31), "2023Q1");
            Assert.Equal(48_800_000, saiDong["chi.qua.dong"]);
            var p2 = await FiguresAsync(db, "DEMO-KT-P2", new(2024, 6, 30), "2024S1");
            Assert.Equal(8_000_000, p2["quy.vi_nguoi_ngheo"]);
            Assert.Equal(607, p2["chi.qua.phan_qua"]);
            Assert.Equal(214_350_000, p2["chi.qua.dong"]);
            Assert.Equal(3_000_000, p2["chi.sinh_ke.dong"]);

            // "8.000.000/21.000.000 đồng": the appeal's progress against the ward's target.
            var ward = await db.Units.AsNoTracking().ValidOn(new(2024, 6, 30)).SingleAsync(u => u.Code == "DEMO-KT-P2");
            var fund = await db.Funds.SingleAsync(f => f.UnitId == ward.Id && f.Kind == FundKind.ForThePoor);
            var appeal = Assert.Single(await FundQueries.AppealsAsync(db, fund.Id, ward));
            Assert.Equal("8.000.000/21.000.000 đồng", appeal.Total.Progress);
            Assert.Equal(21_000_000, appeal.Children.Sum(c => c.Target));
            // Provenance: the figure opens the ledger entries it is summed from.
            var sources = await new Figures(db).SourcesAsync((await db.Indicators.SingleAsync(i => i.Code == "chi.qua.phan_qua")), ward, Period.Parse("2024S1"), FigureMode.Then);
            Assert.Equal(607, sources.Sum(s => s.Value));
            Assert.All(sources, s => Assert.Equal(FundLedger.RecordType, s.RecordType));
            Assert.Empty(await new FundLedger(db, new DoanKet.Features.Records.RecordWriter(db)).VerifyAsync());
            return 0;
        });
    }

    /// <summary>Every public page, CSV and public API answer, for every public fund: no donor account in full, no beneficiary's full name.</summary>
    [DatabaseTheory]
    public async Task Public_pages_and_downloads_never_show_a_full_account_number_or_a_beneficiary_name(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (funds, accounts, names) = await app.DbAsync(async db => (
            await db.Funds.Where(f => f.Public).Select(f => f.Id).ToListAsync(),
            await db.MoneyEntries.Where(e => e.DonorAccount != null).Select(e => e.DonorAccount!).Distinct().ToListAsync(),
            await db.MoneyEntries.Where(e => e.BeneficiaryName != null).Select(e => e.BeneficiaryName!).Distinct().ToListAsync()));
        Assert.True(accounts.Count >= 20 && names.Count >= 10, "the demo should hold donors' accounts and named beneficiaries");
        var client = Browser.NewClient(app);
        var urls = new List<string> { "/cong-khai/quy", "/api/v1/public/funds" };
        foreach (var f in funds)
            urls.AddRange([$"/cong-khai/quy/{f}", $"/cong-khai/quy/{f}?tab=chi", $"/cong-khai/quy/{f}?tab=chi&trang=2", $"/cong-khai/quy/{f}?q=nguyen", $"/cong-khai/quy/{f}/dong-gop.csv",
                $"/cong-khai/quy/{f}/chi.csv", $"/api/v1/public/funds/{f}/contributions", $"/api/v1/public/funds/{f}/disbursements"]);
        var scanned = 0;
        foreach (var url in urls)
        {
            var r = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var body = Sides.Readable(await r.Content.ReadAsStringAsync());
            foreach (var a in accounts) Assert.False(body.Contains(a, StringComparison.Ordinal), $"{url} shows the account {a}");
            foreach (var n in names) Assert.False(Regex.IsMatch(body, $@"(?<!\p{{L}}){Regex.Escape(n)}(?!\p{{L}})"), $"{url} shows the beneficiary {n}");
            scanned += body.Length;
        }
        // The masked forms are there, so the scan looked at real lines.
        var bode = await client.GetStringAsync($"/cong-khai/quy/{funds.Last()}/chi.csv");
        Assert.Matches(@"\p{Lu}\p{Ll}+ \p{Lu}\. \p{Lu}\.", bode);
        Assert.Contains("*******", await client.GetStringAsync($"/cong-khai/quy/{funds.Last()}/dong-gop.csv"));
        Assert.True(scanned > 50_000);
    }

    [DatabaseTheory]
    public async Task A_new_entry_shows_on_the_cached_public_page_at_once_and_bad_input_is_refused_in_Vietnamese(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var fund = await app.DbAsync(db => db.Funds.Where(f => f.Name == "Quỹ “Vì người nghèo” phường Bồ Đề").Select(f => new { f.Id, f.UnitId }).SingleAsync());
        var anonymous = Browser.NewClient(app);
        var url = $"/cong-khai/quy/{fund.Id}?q=dang+thi+thu+hien";
        Assert.Contains("Không có khoản nào", await anonymous.GetStringAsync(url));
        // The second request is served from the output cache (it carries an Age header).
        var cached = await anonymous.GetAsync(url);
        Assert.Contains("Không có khoản nào", await cached.Content.ReadAsStringAsync());
        Assert.NotNull(cached.Headers.Age);

        var api = await ApiClients.BearerAsync(app, Who.BoDeOfficer);
        var day = TestClock.Today.ToString("yyyy-MM-dd");
        var bad = await api.PostAsync($"/api/v1/funds/{fund.Id}/entries", ApiClients.Json(new { Kind = "Contribution", UnitId = fund.UnitId, Date = day, Amount = -5, Channel = "Transfer" }));
        var problem = await bad.ProblemAsync(400);
        var text = problem.ToString();
        Assert.Contains("Nhập số tiền", text);
        Assert.Contains("mã giao dịch", text);
        Assert.Contains("Nhập tên", text);

        var created = await api.PostAsync($"/api/v1/funds/{fund.Id}/entries", ApiClients.Json(new
        {
            Kind = "Contribution", UnitId = fund.UnitId, Date = day, Amount = 1_234_000, Channel = "Transfer", DonorType = "Individual",
            DonorName = "Đặng Thị Thu Hiền", Reference = "FT-CACHE-1", DonorAccount = "0011223344",
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var fresh = await anonymous.GetAsync(url);
        Assert.Null(fresh.Headers.Age);
        var page = await fresh.Content.ReadAsStringAsync();
        Assert.Contains("Đặng Thị Thu Hiền", page);
        Assert.Contains("*******344", page);
        Assert.DoesNotContain("0011223344", page);

        // A correction is a reversing entry with a reason; the original cannot be reversed twice.
        var entry = await created.ReadAsync<EntryDto>();
        var noReason = await api.PostAsync($"/api/v1/money-entries/{entry.Id}/reverse", ApiClients.Json(new { Reason = "" }));
        await noReason.ProblemAsync(400);
        var reversal = await api.PostAsync($"/api/v1/money-entries/{entry.Id}/reverse", ApiClients.Json(new { Reason = "Ghi trùng" }));
        Assert.Equal(-1_234_000, (await reversal.ReadAsync<EntryDto>()).Amount);
        await (await api.PostAsync($"/api/v1/money-entries/{entry.Id}/reverse", ApiClients.Json(new { Reason = "Lần nữa" }))).ProblemAsync(400);
        Assert.Contains("điều chỉnh", await anonymous.GetStringAsync(url));
    }

    [DatabaseTheory]
    public async Task A_fund_is_renamed_hidden_and_given_an_official_account_with_an_audit_trail(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var fundId = await app.DbAsync(db => db.Funds.Where(f => f.Name == "Quỹ “Vì người nghèo” phường Bồ Đề").Select(f => f.Id).SingleAsync());
        var api = await ApiClients.BearerAsync(app, Who.BoDeOfficer);
        var bad = await api.PutAsync($"/api/v1/funds/{fundId}", ApiClients.Json(new { Name = "Quỹ mới", Public = true, Bank = "Ngân hàng A", AccountNumber = "12-34", AccountHolder = "UBMTTQ" }));
        Assert.Contains("6–30 chữ số", (await bad.ProblemAsync(400)).ToString());
        var ok = await api.PutAsync($"/api/v1/funds/{fundId}", ApiClients.Json(new { Name = "Quỹ “Vì người nghèo” phường Bồ Đề năm 2026", Public = false, Bank = "Ngân hàng A", AccountNumber = "220002026999", AccountHolder = "Ủy ban MTTQ Việt Nam phường Bồ Đề" }));
        var dto = await ok.ReadAsync<FundDto>();
        Assert.Equal(("Quỹ “Vì người nghèo” phường Bồ Đề năm 2026", false), (dto.Name, dto.Public));
        Assert.Equal(["110002026888", "220002026999"], dto.Accounts.Select(a => a.Number));
        // No longer public: gone from the transparency pages.
        Assert.Equal(HttpStatusCode.NotFound, (await Browser.NewClient(app).GetAsync($"/cong-khai/quy/{fundId}")).StatusCode);
        Assert.True(await app.DbAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == "Fund" && a.EntityId == fundId.ToString() && a.Action == "Update")));
    }

    /// <summary>A ward's officer sees the city's fund listed (its share of an appeal) but not the city's whole total.</summary>
    [DatabaseTheory]
    public async Task An_upper_funds_total_is_not_shown_to_a_lower_unit(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.DbAsync(async db =>
        {
            var hanoi = await db.Units.SingleAsync(u => u.Code == "01" && u.ValidTo == null);
            var fund = await FundRules.CreateFundAsync(db, hanoi, new FundInput(hanoi.Id, FundKind.Relief, "Quỹ Cứu trợ thành phố thử", null, false, null, null, null));
            await new FundLedger(db, new DoanKet.Features.Records.RecordWriter(db)).AppendAsync(fund.Id, [new MoneyEntry
            {
                Kind = EntryKind.Contribution, UnitId = hanoi.Id, Date = new(2026, 11, 1), Amount = 987_654_321, Channel = Channel.Cash,
                DonorType = DonorType.Organisation, DonorName = "Công ty thử", ReceiptNumber = "PT-1", CreatedBy = "test",
            }]);
            return 0;
        });
        var (browser, _) = await Browser.SignInAsync(app, Who.BoDeOfficer);
        var list = Sides.Readable(await browser.GetStringAsync("/quy"));
        Assert.Contains("Quỹ Cứu trợ thành phố thử", list);
        Assert.DoesNotContain("987.654.321", list);
        var (city, _) = await Browser.SignInAsync(app, Who.HanoiAdmin);
        Assert.Contains("987.654.321", Sides.Readable(await city.GetStringAsync("/quy")));
    }

    [Theory]
    [InlineData(0, "Không đồng")]
    [InlineData(5, "Năm đồng")]
    [InlineData(15, "Mười lăm đồng")]
    [InlineData(21, "Hai mươi mốt đồng")]
    [InlineData(105, "Một trăm linh năm đồng")]
    [InlineData(8_000_000, "Tám triệu đồng")]
    [InlineData(1_005_000, "Một triệu không trăm linh năm nghìn đồng")]
    [InlineData(214_350_000, "Hai trăm mười bốn triệu ba trăm năm mươi nghìn đồng")]
    [InlineData(63_230_000, "Sáu mươi ba triệu hai trăm ba mươi nghìn đồng")]
    [InlineData(1_000_000_024, "Một tỷ không trăm hai mươi tư đồng")]
    public void Amounts_in_Vietnamese_words_for_receipts(long amount, string words) => Assert.Equal(words, MoneyWords.Of(amount));

    [Theory]
    [InlineData("Nguyễn Văn An", "Nguyễn V. A.")]
    [InlineData("Đặng thị thu hiền", "Đặng T. T. H.")]
    [InlineData("An", "A.")]
    public void Beneficiaries_are_shortened(string name, string shown) => Assert.Equal(shown, FundRules.ShortName(name));
}
