using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Units;
using DoanKet.Features.Accounts;
using DoanKet.Features.Records;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Demo;

/// <summary>
/// The five seed units under their parents of the time, their residential groups as the articles
/// describe them, the 1/7/2025 reorganisation, and (<see cref="DemoRecords"/>) the work records behind
/// the articles' figures. Loading twice adds nothing.
/// Start dates before 2020 are when DoanKet starts tracking a unit, not its founding date.
/// </summary>
public sealed class DemoData(AppDb db, UnitChanges changes, UserManager<AppUser> users, RoleManager<IdentityRole> roles, RecordWriter writer, Reports.ReportWorkflow reports)
{
    public const string Password = "DoanKet@2026";
    private static readonly DateOnly Tracked = new(2015, 1, 1);
    private static readonly DateOnly Reorganised = new(2025, 7, 1);

    public static readonly (string Email, string Name, string Role, string UnitCode)[] Accounts =
    [
        ("admin@doanket.vn", "Quản trị hệ thống", Roles.SystemAdmin, "VN"),
        ("quantri.hanoi@doanket.vn", "Quản trị MTTQ TP Hà Nội", Roles.UnitAdmin, "01"),
        ("canbo.bode@doanket.vn", "Cán bộ MTTQ phường Bồ Đề", Roles.Officer, "DEMO-BODE"),
        ("quantri.bode@doanket.vn", "Quản trị MTTQ phường Bồ Đề", Roles.UnitAdmin, "DEMO-BODE"),
        ("truongban.to11@doanket.vn", "Trưởng ban CTMT tổ dân phố 11", Roles.BoardHead, "DEMO-NL-TDP11"),
        ("theodoi.hanoi@doanket.vn", "Cán bộ theo dõi MTTQ TP Hà Nội", Roles.Reviewer, "01"),
        ("canbo.kientuong@doanket.vn", "Cán bộ MTTQ phường Kiến Tường", Roles.Officer, "DEMO-KIENTUONG"),
    ];

    public async Task LoadAsync()
    {
        // The demo accounts come with the demo units, once: an account deleted or changed later is never made again.
        var fresh = !await db.Units.IgnoreQueryFilters().AnyAsync(u => u.Code == "VN");
        if (fresh) await LoadUnitsAsync();
        if (!await db.Organisations.IgnoreQueryFilters().AnyAsync())
            await LoadRegistryAsync();
        // Work records reproducing the seeds' figures; it checks on its own whether they are there.
        await new DemoRecords(db, writer).LoadAsync();
        await new DemoFunds(db, new Funds.FundLedger(db, writer)).LoadAsync();
        await new DemoPetitions(db, writer).LoadAsync();
        await new DemoReports(db).LoadAsync();
        await new DemoPortal(db, reports).LoadAsync();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        if (!fresh) return;
        foreach (var (email, name, role, code) in Accounts)
        {
            if (await users.FindByEmailAsync(email) is not null) continue;
            var unit = await db.Units.Where(u => u.Code == code && u.ValidTo == null).FirstAsync();
            var result = await AccountService.CreateAsync(users, roles, email, name, unit.Id, role, Password, db.Clock.UtcNow);
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

    /// <summary>
    /// Committees and boards the seeds speak of. Names the articles give are used as given; the 14
    /// members co-opted in Ngọc Lâm, the board members of Phường 2 and all counts not in the articles are illustrative.
    /// </summary>
    private async Task LoadRegistryAsync()
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        Unit Version(string code, DateOnly on) => db.Units.AsNoTracking().ValidOn(on).First(u => u.Code == code);
        var on2020 = new DateOnly(2020, 7, 10);
        var ngocLam = Version("DEMO-NL", on2020);
        var ngocLamGroups = await db.Units.AsNoTracking().Where(u => u.ParentId == ngocLam.Id).ToListAsync();
        var groupsIn2020 = ngocLamGroups.Where(g => g.IsValidOn(on2020)).OrderBy(g => g.Name.Length).ThenBy(g => g.Name).ToList();

        // Ủy ban MTTQ phường Ngọc Lâm, term 2019–2024; its successor term was cut short by the 2025 merger.
        var nlCommittee = await OrgAsync(ngocLam, OrganisationKind.FrontCommittee);
        var nlStanding = await OrgAsync(ngocLam, OrganisationKind.StandingBoard, nlCommittee);
        await db.SaveChangesAsync();
        db.Terms.Add(new Term { OrganisationId = nlCommittee.Id, StartDate = new(2019, 6, 1), PlannedEnd = new(2024, 6, 1), EndedOn = new(2024, 6, 1) });
        db.Terms.Add(new Term { OrganisationId = nlCommittee.Id, StartDate = new(2024, 6, 1), PlannedEnd = new(2029, 6, 1), EndedOn = Reorganised, Note = "Kết thúc sớm do sáp nhập phường ngày 01/07/2025." });
        var chair = Person("Nguyễn Thị Hải Yến", Sex.Female, 1975, ngocLam);
        Post(chair, nlCommittee, Position.Chair, new(2019, 6, 1), fullTime: true, "Bầu tại Đại hội MTTQ phường nhiệm kỳ 2019–2024");
        Post(chair, nlStanding, Position.Chair, new(2019, 6, 1), fullTime: true, null);
        string[] names =
        [
            "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Đức", "Vũ Thị Hà", "Đỗ Văn Hùng",
            "Bùi Thị Lan", "Đặng Văn Long", "Ngô Thị Mai", "Dương Văn Nam", "Lý Thị Oanh", "Trịnh Văn Phúc", "Mai Thị Quỳnh",
        ];
        var cooption = new Cooption
        {
            OrganisationId = nlCommittee.Id, Date = on2020, Conference = "Kỳ họp thứ V, nhiệm kỳ 2019–2024", Present = 45, For = 45, Against = 0,
            Note = "Hiệp thương kiện toàn bổ sung 14 Ủy viên sau khi chia tách, sáp nhập tổ dân phố (tên và số đại biểu là minh họa; tỷ lệ 100 % theo bài viết).",
        };
        db.Cooptions.Add(cooption);
        await db.SaveChangesAsync();
        for (var i = 0; i < names.Length; i++)
        {
            var person = Person(names[i], names[i].Contains(" Thị ", StringComparison.Ordinal) ? Sex.Female : Sex.Male, 1960 + 2 * i, groupsIn2020[i % groupsIn2020.Count]);
            Post(person, nlCommittee, Position.Member, on2020, fullTime: false, null).AddedByCooptionId = cooption.Id;
        }
        // "Ông Đặng Đình Chiến - Trưởng Ban CTMT tổ 11".
        var to11 = groupsIn2020.First(g => g.Name == "11");
        var board11 = await OrgAsync(to11, OrganisationKind.ResidentialBoard);
        Post(Person("Đặng Đình Chiến", Sex.Male, 1958, to11), board11, Position.Head, new(2020, 1, 1), fullTime: false, null);
        var nlWomen = await OrgAsync(ngocLam, OrganisationKind.WomenUnion);
        await db.SaveChangesAsync();
        db.MembershipCounts.Add(new MembershipCount { OrganisationId = nlWomen.Id, Date = new(2024, 12, 31), Members = 980 });

        // Sài Đồng: "Đ/c Phạm Tiến Vinh – UVBTV – Chủ tịch UBMTTQ phường".
        var saiDong = Version("DEMO-SD", new DateOnly(2023, 3, 31));
        Post(Person("Phạm Tiến Vinh", Sex.Male, 1972, saiDong), await OrgAsync(saiDong, OrganisationKind.FrontCommittee), Position.Chair, new(2019, 6, 1), fullTime: true, null);

        // Sông Cầu: "01 Tổ tư vấn, giám sát và phản biện xã hội gồm có 07 thành viên", tổ trưởng Phạm Xuân Vũ.
        var songCau = Version("DEMO-SC", new DateOnly(2022, 1, 1));
        var group = await OrgAsync(songCau, OrganisationKind.ConsultativeGroup, name: "Tổ tư vấn, giám sát và phản biện xã hội phường Sông Cầu");
        Post(Person("Phạm Xuân Vũ", Sex.Male, 1956, songCau), group, Position.Head, new(2019, 9, 1), fullTime: false, null);
        foreach (var (name, i) in new[] { "Hà Văn Thắng", "Triệu Thị Hoa", "Nông Văn Tuấn", "Lục Thị Hằng", "Hoàng Văn Sơn", "Ma Thị Liên" }.Select((n, i) => (n, i)))
            Post(Person(name, name.Contains(" Thị ", StringComparison.Ordinal) ? Sex.Female : Sex.Male, 1955 + 3 * i, songCau, ethnicity: i % 2 == 0 ? "Tày" : "Kinh"), group, Position.Member, new(2019, 9, 1), fullTime: false, null);

        // Phường 2, Kiến Tường: committee of term 2024–2029 and the boards of its 6 khu phố for 2024–2026.
        var p2 = Version("DEMO-KT-P2", new DateOnly(2024, 7, 8));
        var p2Committee = await OrgAsync(p2, OrganisationKind.FrontCommittee);
        await db.SaveChangesAsync();
        db.Terms.Add(new Term { OrganisationId = p2Committee.Id, StartDate = new(2024, 5, 1), PlannedEnd = new(2029, 5, 1), EndedOn = Reorganised, Note = "Kết thúc sớm do sáp nhập phường ngày 01/07/2025." });
        var quarters = await db.Units.AsNoTracking().Where(u => u.ParentId == p2.Id).OrderBy(u => u.Name).ToListAsync();
        foreach (var q in quarters)
        {
            var board = await OrgAsync(q, OrganisationKind.ResidentialBoard);
            await db.SaveChangesAsync();
            db.Terms.Add(new Term { OrganisationId = board.Id, StartDate = new(2024, 3, 1), PlannedEnd = new(2026, 3, 1) });
            Post(Person($"Trưởng ban khu phố {q.Name}", Sex.Male, 1965, q), board, Position.Head, new(2024, 3, 1), fullTime: false, null);
            Post(Person($"Phó ban khu phố {q.Name}", Sex.Female, 1980, q), board, Position.DeputyHead, new(2024, 3, 1), fullTime: false, null);
        }

        // Phường Bồ Đề (from 1/7/2025): khóa I, 2025–2030, and its member organisations' counts.
        var boDe = await CurrentAsync("DEMO-BODE");
        var bdCommittee = await OrgAsync(boDe, OrganisationKind.FrontCommittee);
        var bdWomen = await OrgAsync(boDe, OrganisationKind.WomenUnion);
        var bdVeterans = await OrgAsync(boDe, OrganisationKind.VeteransAssociation);
        await db.SaveChangesAsync();
        db.Terms.Add(new Term { OrganisationId = bdCommittee.Id, Number = 1, StartDate = Reorganised, PlannedEnd = new(2030, 7, 1) });
        // The Ngọc Lâm chair continues in the merged ward (illustrative): one person, a new post.
        Post(chair, bdCommittee, Position.ViceChair, Reorganised, fullTime: true, "Quyết định chuẩn y (minh họa)");
        db.MembershipCounts.Add(new MembershipCount { OrganisationId = bdWomen.Id, Date = new(2025, 12, 31), Members = 1250 });
        db.MembershipCounts.Add(new MembershipCount { OrganisationId = bdVeterans.Id, Date = new(2025, 12, 31), Members = 310 });
        await db.SaveChangesAsync();

        // The wave of commune congresses in Hà Nội after the merger (dates and delegates illustrative):
        // Bồ Đề and Bát Tràng have held theirs, the others are late.
        var hanoi = await CurrentAsync("01");
        var wave = new CongressWave { UnitId = hanoi.Id, Name = "Đại hội MTTQ cấp xã nhiệm kỳ 2025–2030", Level = UnitLevel.Commune, StartDate = Reorganised, DueDate = new(2025, 9, 30), CreatedAt = db.Clock.UtcNow };
        db.CongressWaves.Add(wave);
        await db.SaveChangesAsync();
        foreach (var commune in await db.Units.AsNoTracking().Where(u => u.ParentId == hanoi.Id && u.Level == UnitLevel.Commune && u.ValidTo == null).ToListAsync())
            db.CongressPlans.Add(new CongressPlan { WaveId = wave.Id, UnitId = commune.Id, PlannedDate = commune.Code == "DEMO-BODE" ? new(2025, 8, 20) : null });
        var bdTerm = await db.Terms.FirstAsync(t => t.OrganisationId == bdCommittee.Id);
        db.Congresses.Add(new Congress
        {
            TermId = bdTerm.Id, Date = new(2025, 8, 20), DelegatesInvited = 130, DelegatesPresent = 126, ResolutionNumber = "01/NQ-ĐH (minh họa)",
            Targets =
            [
                new CongressTarget { Number = 1, Label = "Khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc hằng năm", Indicator = "ngay_hoi.khu_dan_cu", TargetValue = 100, UnitOfMeasure = "%" },
                new CongressTarget { Number = 2, Label = "Mô hình tự quản ở khu dân cư được xây dựng mới trong nhiệm kỳ", TargetValue = 20, UnitOfMeasure = "mô hình" },
            ],
        });
        var batTrang = await CurrentAsync("DEMO-BATTRANG");
        var btCommittee = await OrgAsync(batTrang, OrganisationKind.FrontCommittee);
        var btTerm = new Term { OrganisationId = btCommittee.Id, Number = 1, StartDate = new(2025, 8, 28), PlannedEnd = new(2030, 8, 28) };
        db.Terms.Add(btTerm);
        await db.SaveChangesAsync();
        db.Congresses.Add(new Congress { TermId = btTerm.Id, Date = new(2025, 8, 28), DelegatesPresent = 98 });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    private async Task<Organisation> OrgAsync(Unit unit, OrganisationKind kind, Organisation? parent = null, string? name = null)
    {
        var org = new Organisation
        {
            UnitId = unit.Id, Kind = kind, ParentId = parent?.Id, Name = name ?? $"{Organisation.Label(kind)} {unit.FullName}",
            ValidFrom = unit.ValidFrom, ValidTo = unit.ValidTo, CreatedAt = db.Clock.UtcNow,
        };
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        return org;
    }

    private Person Person(string name, Sex sex, int birthYear, Unit unit, string ethnicity = "Kinh")
    {
        var person = new Person { FullName = name, NameFolded = Text.Fold(name), Sex = sex, BirthYear = birthYear, UnitId = unit.Id, Ethnicity = ethnicity, CreatedAt = db.Clock.UtcNow };
        db.People.Add(person);
        return person;
    }

    private Post Post(Person person, Organisation org, Position position, DateOnly from, bool fullTime, string? decision)
    {
        var post = new Post { Person = person, OrganisationId = org.Id, Position = position, StartDate = from, FullTime = fullTime, Decision = decision };
        db.Posts.Add(post);
        return post;
    }

    private async Task<Unit> CurrentAsync(string code) => await db.Units.FirstAsync(u => u.Code == code && u.ValidTo == null);

    private async Task<Unit> AddAsync(Unit? parent, UnitKind kind, string name, string? code, DateOnly from, int? households = null)
    {
        var unit = new Unit
        {
            Name = name, NameFolded = Text.Fold(name), Kind = kind, Level = Unit.LevelOf(kind), Code = code,
            ParentId = parent?.Id, ValidFrom = from, Households = households, CreatedAt = db.Clock.UtcNow,
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
