using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Units;
using DoanKet.Features.Accounts;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Demo;

/// <summary>
/// The five seed units under their parents of the time, their residential groups as the articles
/// describe them, and the 1/7/2025 reorganisation. Loading twice adds nothing.
/// Start dates before 2020 are when DoanKet starts tracking a unit, not its founding date.
/// </summary>
public sealed class DemoData(AppDb db, UnitChanges changes, UserManager<AppUser> users, RoleManager<IdentityRole> roles)
{
    public const string Password = "DoanKet@2026";
    private static readonly DateOnly Tracked = new(2015, 1, 1);
    private static readonly DateOnly Reorganised = new(2025, 7, 1);

    public static readonly (string Email, string Name, string Role, string UnitCode)[] Accounts =
    [
        ("admin@doanket.vn", "Quản trị hệ thống", Roles.SystemAdmin, "VN"),
        ("quantri.hanoi@doanket.vn", "Quản trị MTTQ TP Hà Nội", Roles.UnitAdmin, "01"),
        ("canbo.bode@doanket.vn", "Cán bộ MTTQ phường Bồ Đề", Roles.Officer, "DEMO-BODE"),
        ("truongban.to11@doanket.vn", "Trưởng ban CTMT tổ dân phố 11", Roles.BoardHead, "DEMO-NL-TDP11"),
        ("theodoi.hanoi@doanket.vn", "Cán bộ theo dõi MTTQ TP Hà Nội", Roles.Reviewer, "01"),
        ("canbo.kientuong@doanket.vn", "Cán bộ MTTQ phường Kiến Tường", Roles.Officer, "DEMO-KIENTUONG"),
    ];

    public async Task LoadAsync()
    {
        if (!await db.Units.IgnoreQueryFilters().AnyAsync(u => u.Code == "VN"))
            await LoadUnitsAsync();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        foreach (var (email, name, role, code) in Accounts)
        {
            if (await users.FindByEmailAsync(email) is not null) continue;
            var unit = await db.Units.Where(u => u.Code == code && u.ValidTo == null).FirstAsync();
            var result = await AccountService.CreateAsync(users, roles, email, name, unit.Id, role, Password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    public void PrintAccounts(TextWriter output)
    {
        output.WriteLine("Tài khoản mẫu (mật khẩu chung: " + Password + "):");
        foreach (var (email, _, role, _) in Accounts)
            output.WriteLine($"  {email,-32} {Roles.Label(role)}");
    }

    private async Task LoadUnitsAsync()
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        var vn = await AddAsync(null, UnitKind.Central, "Trung ương", "VN", new DateOnly(1945, 9, 2));

        var hanoi = await AddAsync(vn, UnitKind.CentralCity, "Hà Nội", "01", new DateOnly(2008, 8, 1));
        var longBien = await AddAsync(hanoi, UnitKind.UrbanDistrict, "Long Biên", "004", Tracked);
        var ngocLam = await AddAsync(longBien, UnitKind.Ward, "Ngọc Lâm", "DEMO-NL", Tracked);
        var boDeOld = await AddAsync(longBien, UnitKind.Ward, "Bồ Đề", "DEMO-BD-OLD", Tracked);
        var saiDong = await AddAsync(longBien, UnitKind.Ward, "Sài Đồng", "DEMO-SD", Tracked);
        var phucLoiOld = await AddAsync(longBien, UnitKind.Ward, "Phúc Lợi", "DEMO-PL-OLD", Tracked);
        var giaLam = await AddAsync(hanoi, UnitKind.RuralDistrict, "Gia Lâm", "018", Tracked);
        var batTrang = await AddAsync(giaLam, UnitKind.Commune, "Bát Tràng", "DEMO-BT-OLD", Tracked);
        var kimLan = await AddAsync(giaLam, UnitKind.Commune, "Kim Lan", "DEMO-KL-OLD", Tracked);
        var vanDuc = await AddAsync(giaLam, UnitKind.Commune, "Văn Đức", "DEMO-VD-OLD", Tracked);
        foreach (var name in new[] { "Kiêu Kỵ", "Kim Sơn", "Dương Quang", "Dương Hà", "Yên Thường" })
            await AddAsync(giaLam, UnitKind.Commune, name, null, Tracked);

        var bacKan = await AddAsync(vn, UnitKind.Province, "Bắc Kạn", "06", new DateOnly(1997, 1, 1));
        var tpBacKan = await AddAsync(bacKan, UnitKind.ProvincialCity, "Bắc Kạn", "058", Tracked);
        var songCau = await AddAsync(tpBacKan, UnitKind.Ward, "Sông Cầu", "DEMO-SC", Tracked);
        var ducXuanOld = await AddAsync(tpBacKan, UnitKind.Ward, "Đức Xuân", "DEMO-DX-OLD", Tracked);
        var thaiNguyenOld = await AddAsync(vn, UnitKind.Province, "Thái Nguyên", "19", new DateOnly(1997, 1, 1));

        var longAn = await AddAsync(vn, UnitKind.Province, "Long An", "80", new DateOnly(1976, 1, 1));
        var kienTuong = await AddAsync(longAn, UnitKind.Town, "Kiến Tường", "796", Tracked);
        var p1 = await AddAsync(kienTuong, UnitKind.Ward, "1", "DEMO-KT-P1", Tracked);
        var p2 = await AddAsync(kienTuong, UnitKind.Ward, "2", "DEMO-KT-P2", Tracked);
        var p3 = await AddAsync(kienTuong, UnitKind.Ward, "3", "DEMO-KT-P3", Tracked);
        var tayNinhOld = await AddAsync(vn, UnitKind.Province, "Tây Ninh", "72", new DateOnly(1976, 1, 1));

        // Residential groups as the articles describe them.
        for (var i = 1; i <= 15; i++) await AddAsync(ngocLam, UnitKind.ResidentialGroup, $"{i}", i == 11 ? "DEMO-NL-TDP11" : null, Tracked, 180 + 7 * i);
        for (var i = 1; i <= 22; i++) await AddAsync(saiDong, UnitKind.ResidentialGroup, $"{i}", null, Tracked, 150 + 5 * i);
        for (var i = 1; i <= 21; i++) await AddAsync(songCau, UnitKind.ResidentialGroup, $"{i}", null, Tracked, 90 + 4 * i);
        await AddAsync(batTrang, UnitKind.Village, "Bát Tràng", null, Tracked, 1450);
        await AddAsync(batTrang, UnitKind.Village, "Giang Cao", null, Tracked, 1120);
        for (var i = 1; i <= 6; i++) await AddAsync(p2, UnitKind.Quarter, $"{i}", null, Tracked, 300 + 20 * i);
        await db.SaveChangesAsync();

        // Ngọc Lâm 2020: "chia tách, sát nhập TDP" to 14 groups (which groups is illustrative):
        // tổ 12 is split into tổ 12 and tổ 14, tổ 13–15 merge into tổ 13.
        var groups = await db.Units.Where(u => u.ParentId == ngocLam.Id).ToDictionaryAsync(u => u.Name);
        var y2020 = new DateOnly(2020, 1, 1);
        const string deAn = "Đề án 15/QU (minh họa: tổ cụ thể do dữ liệu mẫu giả định)";
        await ApplyAsync(new(UnitChangeKind.Split, y2020, deAn, null, [groups["12"].Id],
            [new("12", UnitKind.ResidentialGroup, null, ngocLam.Id, 0.5, 138), new("14", UnitKind.ResidentialGroup, null, ngocLam.Id, 0.5, 136)]));
        await ApplyAsync(new(UnitChangeKind.Merge, y2020, deAn, null, [groups["13"].Id, groups["14"].Id, groups["15"].Id],
            [new("13", UnitKind.ResidentialGroup, null, ngocLam.Id, 1, 801)]));

        // 1/7/2025, in an order that leaves no empty versions: communes merge directly under the
        // province, districts end, then provinces merge (versions born that day are amended in place).
        const string hanoiNq = "Nghị quyết 1656/NQ-UBTVQH15";
        await ApplyAsync(new(UnitChangeKind.Merge, Reorganised, hanoiNq, null, [ngocLam.Id, boDeOld.Id],
            [new("Bồ Đề", UnitKind.Ward, "DEMO-BODE", hanoi.Id)]));
        await ApplyAsync(new(UnitChangeKind.Merge, Reorganised, hanoiNq, "Minh họa: đơn vị kế thừa chưa được xác minh.", [saiDong.Id, phucLoiOld.Id],
            [new("Phúc Lợi", UnitKind.Ward, "DEMO-PHUCLOI", hanoi.Id)]), illustrative: true);
        await ApplyAsync(new(UnitChangeKind.Merge, Reorganised, hanoiNq, null, [batTrang.Id, kimLan.Id, vanDuc.Id],
            [new("Bát Tràng", UnitKind.Commune, "DEMO-BATTRANG", hanoi.Id)]));
        await ApplyAsync(new(UnitChangeKind.Merge, Reorganised, "Nghị quyết 1683/NQ-UBTVQH15", "Minh họa: đơn vị kế thừa chưa được xác minh.",
            [songCau.Id, ducXuanOld.Id], [new("Đức Xuân", UnitKind.Ward, "DEMO-DUCXUAN", bacKan.Id)]), illustrative: true);
        await ApplyAsync(new(UnitChangeKind.Merge, Reorganised, "Nghị quyết 1682/NQ-UBTVQH15", "Minh họa: đơn vị kế thừa chưa được xác minh.",
            [p1.Id, p2.Id, p3.Id], [new("Kiến Tường", UnitKind.Ward, "DEMO-KIENTUONG", longAn.Id)]), illustrative: true);
        // The other Gia Lâm communes move up to Hà Nội with the district's end; their own merges are not in the demo.
        foreach (var district in new[] { longBien, giaLam, tpBacKan, kienTuong })
            await ApplyAsync(new(UnitChangeKind.Abolish, Reorganised, "Luật Tổ chức chính quyền địa phương 2025", "Kết thúc cấp huyện từ 01/07/2025.", [district.Id], []));
        await ApplyAsync(new(UnitChangeKind.Merge, Reorganised, "Nghị quyết 202/2025/QH15", null, [bacKan.Id, thaiNguyenOld.Id],
            [new("Thái Nguyên", UnitKind.Province, "19", vn.Id)]));
        await ApplyAsync(new(UnitChangeKind.Merge, Reorganised, "Nghị quyết 202/2025/QH15", null, [tayNinhOld.Id, longAn.Id],
            [new("Tây Ninh", UnitKind.Province, "72", vn.Id)]));
        await tx.CommitAsync();
    }

    private async Task<Unit> CurrentAsync(string code) => await db.Units.FirstAsync(u => u.Code == code && u.ValidTo == null);

    private async Task<Unit> AddAsync(Unit? parent, UnitKind kind, string name, string? code, DateOnly from, int? households = null)
    {
        var unit = new Unit
        {
            Name = name, NameFolded = Text.Fold(name), Kind = kind, Level = Unit.LevelOf(kind), Code = code,
            ParentId = parent?.Id, ValidFrom = from, Households = households, CreatedAt = DateTime.UtcNow,
        };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        unit.Path = (parent?.Path ?? "/") + unit.Id + "/";
        await db.SaveChangesAsync();
        return unit;
    }

    private async Task ApplyAsync(UnitChangeRequest request, bool illustrative = false)
    {
        var plan = await changes.ApplyAsync(request, _ => true);
        if (!plan.IsValid)
            throw new InvalidOperationException("Demo change refused: " + string.Join("; ", plan.Errors.SelectMany(e => e.Value)));
        if (illustrative)
        {
            var created = await db.Units.FirstAsync(u => u.Id == plan.Created[0].Id);
            created.Illustrative = true;
            await db.SaveChangesAsync();
        }
    }
}
