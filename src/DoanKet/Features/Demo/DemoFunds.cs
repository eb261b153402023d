using DoanKet.Data;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Units;
using DoanKet.Features.Funds;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Demo;

/// <summary>
/// Funds and ledger entries behind the seeds' money figures: Ngọc Lâm 2020S1 (Vì biển đảo over 109 triệu,
/// Đền ơn đáp nghĩa over 130 triệu), Sông Cầu's COVID-19 fund (63.230.000 đồng cash, 113.000.000 đồng in kind),
/// Sài Đồng 2023Q1 (gifts 48.800.000 đồng), Phường 2 2024S1 (Quỹ Vì người nghèo 8.000.000 of 21.000.000,
/// 607 gifts worth 214.350.000, livelihood support 3.000.000), and a current appeal in Bồ Đề. Donors, dates
/// and how each total splits are illustrative; account numbers are made up. Sông Cầu's 570 people and
/// 470.250.000 đồng were State support the committee helped review (an activity), not money of a Front fund.
/// </summary>
public sealed class DemoFunds(AppDb db, FundLedger ledger)
{
    private const string By = "dữ liệu mẫu";
    private readonly Random _rng = new(2026);

    public async Task LoadAsync()
    {
        if (await db.Funds.AnyAsync() || !await db.Units.AnyAsync(u => u.Code == "DEMO-KT-P2")) return;
        await using var tx = await db.Database.BeginTransactionAsync();
        await NgocLamAsync();
        await SongCauAsync();
        await SaiDongAsync();
        await Phuong2Async();
        await BoDeAsync();
        await tx.CommitAsync();
    }

    private async Task<Fund> FundAsync(Unit unit, FundKind kind, string name, string? account = null)
    {
        var fund = await FundRules.CreateFundAsync(db, unit, new FundInput(unit.Id, kind, name, null, true,
            account is null ? null : "Ngân hàng TMCP minh họa", account, account is null ? null : "Ủy ban MTTQ Việt Nam " + unit.FullName));
        return fund;
    }

    private static MoneyEntry Gift(Unit unit, DateOnly date, long amount, string donor, Channel channel, DonorType type = DonorType.Individual, string? what = null, int? appeal = null) => new()
    {
        Kind = EntryKind.Contribution, UnitId = unit.Id, Date = date, Amount = amount, Channel = channel, DonorType = type, DonorName = donor,
        ReceiptNumber = channel == Channel.Cash ? $"PT{date:yyMMdd}-{amount % 997:000}" : null,
        Reference = channel == Channel.Transfer ? $"FT{date:yyMMdd}{amount % 100_003:000000}" : null,
        InKindDescription = what, AppealId = appeal, CreatedBy = By,
    };

    private static MoneyEntry Spend(Unit unit, DateOnly date, long amount, Purpose purpose, string? name, int gifts = 0, int households = 0, int people = 0,
        BeneficiaryCategory category = BeneficiaryCategory.Poor, int? group = null, string? note = null) => new()
    {
        Kind = EntryKind.Disbursement, UnitId = unit.Id, Date = date, Amount = amount, Purpose = purpose, BeneficiaryName = name, Gifts = gifts,
        Households = households, People = people, Category = category, BeneficiaryGroupId = group, Note = note, CreatedBy = By,
    };

    /// <summary>Splits a total into n parts of whole thousands that add up exactly.</summary>
    private List<long> Split(long total, int n)
    {
        var weights = Enumerable.Range(0, n).Select(_ => 0.5 + _rng.NextDouble()).ToList();
        var sum = weights.Sum();
        var parts = weights.Select(w => (long)(total * w / sum) / 1000 * 1000).ToList();
        parts[^1] += total - parts.Sum();
        return parts;
    }

    private async Task<List<Unit>> GroupsAsync(Unit parent, DateOnly on) =>
        await db.Units.AsNoTracking().ValidOn(on).Where(u => u.ParentId == parent.Id).OrderBy(u => u.Id).ToListAsync();

    private Task<Unit> VersionAsync(string code, DateOnly on) => db.Units.AsNoTracking().ValidOn(on).FirstAsync(u => u.Code == code);

    private static readonly string[] Organisations =
    [
        "Chi bộ tổ dân phố", "Hội Cựu chiến binh phường", "Hội Liên hiệp Phụ nữ phường", "Đoàn Thanh niên phường", "Trường Tiểu học trên địa bàn",
        "Công ty TNHH Thương mại Minh Anh", "Hợp tác xã dịch vụ Đoàn Kết", "Trạm Y tế phường", "Công an phường", "Hộ kinh doanh Phúc Lộc",
    ];

    private static readonly string[] Family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"];
    private static readonly string[] Middle = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu"];
    private static readonly string[] Given = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long", "Mai", "Nam", "Oanh", "Phúc", "Quý", "Sơn", "Tâm", "Thảo", "Tuấn", "Vinh", "Yến"];

    private string Person() => $"{Family[_rng.Next(Family.Length)]} {Middle[_rng.Next(Middle.Length)]} {Given[_rng.Next(Given.Length)]}";

    /// <summary>Contributions of a period: one collection per residential group and a few organisations, summing to the total.</summary>
    private List<MoneyEntry> Collect(Unit ward, List<Unit> groups, long total, DateOnly from, int days, int organisations, int? appeal = null)
    {
        var parts = Split(total, groups.Count + organisations);
        var list = new List<MoneyEntry>();
        for (var i = 0; i < parts.Count; i++)
        {
            var date = from.AddDays(_rng.Next(days));
            list.Add(i < groups.Count
                ? Gift(groups[i], date, parts[i], $"Nhân dân {groups[i].FullName.ToLowerInvariant()}", Channel.Cash, DonorType.Organisation, appeal: appeal)
                : Gift(ward, date, parts[i], Organisations[(i - groups.Count) % Organisations.Length], i % 2 == 0 ? Channel.Transfer : Channel.Cash, DonorType.Organisation, appeal: appeal));
        }
        return [.. list.OrderBy(e => e.Date)];
    }

    // Ngọc Lâm, first half of 2020: Vì biển đảo 109.450.000, Đền ơn đáp nghĩa 130.600.000.
    private async Task NgocLamAsync()
    {
        var on = new DateOnly(2020, 6, 30);
        var ward = await VersionAsync("DEMO-NL", on);
        var groups = await GroupsAsync(ward, on);
        var seas = await FundAsync(ward, FundKind.SeaIslands, "Quỹ “Vì biển, đảo Việt Nam” phường Ngọc Lâm");
        await ledger.AppendAsync(seas.Id, Collect(ward, groups, 109_450_000, new(2020, 3, 2), 110, 4));
        var gratitude = await FundAsync(ward, FundKind.Gratitude, "Quỹ “Đền ơn đáp nghĩa” phường Ngọc Lâm");
        await ledger.AppendAsync(gratitude.Id, Collect(ward, groups, 130_600_000, new(2020, 5, 15), 45, 6));
    }

    // Sông Cầu, 2020–2021: the COVID-19 appeal, 63.230.000 đồng in cash and 113.000.000 đồng of goods.
    private async Task SongCauAsync()
    {
        var on = new DateOnly(2021, 6, 30);
        var ward = await VersionAsync("DEMO-SC", on);
        var groups = await GroupsAsync(ward, on);
        var fund = await FundAsync(ward, FundKind.Covid, "Quỹ phòng, chống dịch COVID-19 phường Sông Cầu");
        var appeal = await FundRules.CreateAppealAsync(db, fund, new AppealInput("Toàn dân đoàn kết, ra sức phòng, chống dịch COVID-19", new(2020, 4, 1), new(2021, 12, 31), null, null));
        var cash = Collect(ward, groups, 63_230_000, new(2020, 4, 2), 500, 5, appeal.Id);
        (string What, long Value, int Qty)[] goods =
        [
            ("Gạo tẻ (bao 10 kg)", 28_000_000, 200), ("Khẩu trang y tế (hộp 50 chiếc)", 18_500_000, 370), ("Nước sát khuẩn tay (chai 500 ml)", 14_000_000, 280),
            ("Mì tôm (thùng)", 16_500_000, 150), ("Trứng gà (khay 30 quả)", 9_000_000, 100), ("Rau, củ, quả (kg)", 12_000_000, 1_200), ("Dầu ăn (chai 1 lít)", 15_000_000, 300),
        ];
        var kind = goods.Select((g, i) => Gift(ward, new DateOnly(2021, 7, 20).AddDays(i * 6), g.Value, Organisations[(i + 5) % Organisations.Length], Channel.InKind, DonorType.Organisation, g.What, appeal.Id))
            .Select((e, i) => { e.Quantity = goods[i].Qty; return e; });
        await ledger.AppendAsync(fund.Id, [.. cash.Concat(kind).OrderBy(e => e.Date)]);
    }

    // Sài Đồng, first quarter of 2023: gifts worth 48.800.000 đồng from the For the Poor fund and sponsors.
    private async Task SaiDongAsync()
    {
        var on = new DateOnly(2023, 3, 31);
        var ward = await VersionAsync("DEMO-SD", on);
        var groups = await GroupsAsync(ward, on);
        var fund = await FundAsync(ward, FundKind.ForThePoor, "Quỹ “Vì người nghèo” phường Sài Đồng");
        var raised = Collect(ward, groups, 36_500_000, new(2022, 10, 17), 32, 3);
        raised.Add(Gift(ward, new(2023, 1, 10), 15_000_000, "Công ty TNHH Thương mại Minh Anh", Channel.Transfer, DonorType.Organisation));
        (DateOnly Date, int Gifts, long Money, BeneficiaryCategory Who, string Note)[] gifts =
        [
            (new(2023, 1, 12), 40, 20_000_000, BeneficiaryCategory.PolicyFamily, "Quà Tết Quý Mão cho gia đình chính sách"),
            (new(2023, 1, 14), 24, 12_000_000, BeneficiaryCategory.Poor, "Quà Tết cho hộ nghèo, hộ cận nghèo, hộ khó khăn"),
            (new(2023, 1, 16), 18, 9_000_000, BeneficiaryCategory.Other, "Quà cho các cháu mồ côi, khuyết tật"),
            (new(2023, 1, 17), 13, 7_800_000, BeneficiaryCategory.Other, "Quà cho người bị ảnh hưởng chất độc da cam/dioxin"),
        ];
        await ledger.AppendAsync(fund.Id, [.. raised.OrderBy(e => e.Date), .. gifts.Select(g => Spend(ward, g.Date, g.Money, Purpose.Gift, null, gifts: g.Gifts, households: g.Gifts, category: g.Who, note: g.Note + " (danh sách kèm theo)"))]);
    }

    // Phường 2, first half of 2024: For the Poor 8.000.000 of a 21.000.000 target; 607 Tết gifts worth 214.350.000; livelihood 3.000.000.
    private async Task Phuong2Async()
    {
        var on = new DateOnly(2024, 6, 30);
        var ward = await VersionAsync("DEMO-KT-P2", on);
        var quarters = await GroupsAsync(ward, on);
        var poor = await FundAsync(ward, FundKind.ForThePoor, "Quỹ “Vì người nghèo” Phường 2");
        var appeal = await FundRules.CreateAppealAsync(db, poor, new AppealInput("Vận động Quỹ “Vì người nghèo” năm 2024", new(2024, 1, 1), new(2024, 12, 31), 21_000_000, null));
        foreach (var (q, target) in quarters.Zip(Split(21_000_000, quarters.Count)))
            db.AppealTargets.Add(new AppealTarget { AppealId = appeal.Id, UnitId = q.Id, Amount = target });
        await db.SaveChangesAsync();
        var raised = Split(8_000_000, quarters.Count).Select((a, i) => Gift(quarters[i], new DateOnly(2024, 3, 4).AddDays(i * 11), a, $"Nhân dân {quarters[i].FullName.ToLowerInvariant()}", Channel.Cash, DonorType.Organisation, appeal: appeal.Id));
        await ledger.AppendAsync(poor.Id, [.. raised,
            Spend(ward, new(2024, 5, 17), 3_000_000, Purpose.Livelihood, null, households: 2, category: BeneficiaryCategory.NearPoor,
                note: "Hai xe đạp chở hàng cho hộ cận nghèo, mô hình “Hỗ trợ phương tiện sinh kế cho hộ nghèo, hộ cận nghèo”")]);

        // Tết: sponsors' gifts come in (goods valued, or cash) and go out the same days, 607 gifts in all.
        var relief = await FundAsync(ward, FundKind.Relief, "Quỹ Cứu trợ Phường 2");
        var events = new List<(Unit Unit, DateOnly Date, int Gifts, long Money)>
        {
            (ward, new(2024, 1, 26), 150, 75_000_000), (ward, new(2024, 2, 1), 62, 37_200_000), (ward, new(2024, 2, 5), 45, 15_750_000),
        };
        int[] quarterGifts = [62, 55, 60, 58, 57, 58];
        long[] quarterMoney = [15_500_000, 13_750_000, 15_000_000, 14_500_000, 14_250_000, 13_400_000];
        for (var i = 0; i < quarters.Count; i++) events.Add((quarters[i], new DateOnly(2024, 1, 29 + i % 3), quarterGifts[i % 6], quarterMoney[i % 6]));
        var entries = new List<MoneyEntry>();
        foreach (var (unit, date, gifts, money) in events)
        {
            entries.Add(Gift(unit, date.AddDays(-3), money, Organisations[5 + _rng.Next(5)], Channel.InKind, DonorType.Organisation, $"{gifts} phần quà Tết (gạo, dầu ăn, bánh kẹo)"));
            entries[^1].Quantity = gifts;
            entries.Add(Spend(unit, date, money, Purpose.Gift, null, gifts: gifts, households: gifts, note: "Quà Tết Giáp Thìn (danh sách kèm theo)"));
        }
        await ledger.AppendAsync(relief.Id, [.. entries.OrderBy(e => e.Date)]);
    }

    // Bồ Đề today: the 2026 For the Poor month (17/10–18/11) with targets per group, transfers and named support.
    private async Task BoDeAsync()
    {
        var ward = await db.Units.AsNoTracking().FirstAsync(u => u.Code == "DEMO-BODE" && u.ValidTo == null);
        var groups = await db.Units.AsNoTracking().Where(u => u.ParentId == ward.Id && u.ValidTo == null).OrderBy(u => u.Id).ToListAsync();
        var fund = await FundAsync(ward, FundKind.ForThePoor, "Quỹ “Vì người nghèo” phường Bồ Đề", "110002026888");
        var appeal = await FundRules.CreateAppealAsync(db, fund, new AppealInput("Tháng cao điểm “Vì người nghèo” năm 2026", new(2026, 10, 17), new(2026, 11, 18), 600_000_000, null));
        foreach (var (g, target) in groups.Zip(Split(450_000_000, groups.Count)))
            db.AppealTargets.Add(new AppealTarget { AppealId = appeal.Id, UnitId = g.Id, Amount = target });
        await db.SaveChangesAsync();
        var entries = Collect(ward, groups, 386_500_000, new(2026, 10, 17), 32, 8, appeal.Id);
        for (var i = 0; i < 40; i++)
        {
            var e = Gift(ward, new DateOnly(2026, 10, 17).AddDays(_rng.Next(32)), (1 + _rng.Next(20)) * 100_000, Person(), Channel.Transfer, appeal: appeal.Id);
            e.DonorAccount = $"10{_rng.NextInt64(10_000_000_000L, 99_999_999_999L)}";
            entries.Add(e);
        }
        entries.Add(Gift(ward, new(2026, 11, 2), 2_000_000, MoneyEntry.AnonymousName, Channel.Cash, DonorType.Anonymous, appeal: appeal.Id));
        var spend = new List<MoneyEntry>();
        for (var i = 0; i < 12; i++)
        {
            var g = groups[i % groups.Count];
            spend.Add(Spend(ward, new DateOnly(2026, 11, 19).AddDays(i % 5), 2_000_000, i % 4 == 0 ? Purpose.Livelihood : Purpose.Support, Person(),
                category: i % 3 == 0 ? BeneficiaryCategory.NearPoor : BeneficiaryCategory.Poor, group: g.Id, people: 1 + i % 4));
        }
        spend.Add(Spend(ward, new(2026, 11, 25), 60_000_000, Purpose.House, Person(), category: BeneficiaryCategory.Poor, group: groups[0].Id, note: "Xây mới nhà Đại đoàn kết"));
        await ledger.AppendAsync(fund.Id, [.. entries.OrderBy(e => e.Date), .. spend]);
    }
}
