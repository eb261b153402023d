using DoanKet.Data;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Domain.Supervisions;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Demo;

/// <summary>
/// Work records that reproduce the seeds' figures for their units and periods (Phường 2 2024S1, Sài Đồng
/// 2023Q1, Sông Cầu 2019–2024, Ngọc Lâm 2020, Bát Tràng 2019–2022), and a modest recent year for the
/// current units so their dashboards are not empty. Each figure is the sum of many ordinary records;
/// everything the articles do not state (dates, titles, how a total splits) is illustrative and
/// deterministic. Funds (Quỹ Vì người nghèo, COVID-19 donations, Vì biển đảo, Đền ơn đáp nghĩa) are not
/// work records and are left for the funds feature.
/// </summary>
public sealed class DemoRecords(AppDb db, RecordWriter writer)
{
    private readonly DateTime _now = db.Clock.UtcNow;
    private Dictionary<string, ActivityKind> _kinds = [];

    public async Task LoadAsync()
    {
        if (await db.Activities.IgnoreQueryFilters().AnyAsync(a => a.Source == RecordSource.Demo)) return;
        if (!await db.Units.AnyAsync(u => u.Code == "DEMO-KT-P2")) return;
        // One transaction for the whole load: RecordWriter joins it, so a failure leaves nothing half-loaded.
        await using var tx = await db.Database.BeginTransactionAsync();
        // A failure rolls the whole load back anyway: no savepoint around each of the ~2,000 saves.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            _kinds = await db.ActivityKinds.AsNoTracking().ToDictionaryAsync(k => k.Code);
            await Phuong2Async();
            await SaiDongAsync();
            await SongCauAsync();
            await NgocLamAsync();
            await BatTrangAsync();
            await BoDeAsync();
            await KienTuongAsync();
            await tx.CommitAsync();
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    // ------------------------------------------------------------------ Phường 2, Kiến Tường (2024S1)

    private static readonly (string Title, DateOnly From, DateOnly To)[] Phuong2Topics =
    [
        ("Tuyên truyền thực hiện Quy tắc ứng xử nơi công cộng, giữ gìn vệ sinh môi trường khu dân cư", new(2024, 1, 8), new(2024, 1, 20)),
        ("Tuyên truyền phòng, chống cháy nổ, giữ gìn an ninh trật tự dịp Tết Nguyên đán", new(2024, 1, 15), new(2024, 2, 6)),
        ("Tuyên truyền kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2024)", new(2024, 1, 22), new(2024, 2, 3)),
        ("Tuyên truyền mừng Đảng, mừng Xuân Giáp Thìn 2024", new(2024, 1, 25), new(2024, 2, 8)),
        ("Tuyên truyền cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”", new(2024, 2, 19), new(2024, 3, 10)),
        ("Tuyên truyền cảnh giác với các thủ đoạn lừa đảo trên không gian mạng", new(2024, 2, 26), new(2024, 3, 20)),
        ("Tuyên truyền Ngày Quốc tế Phụ nữ 8/3, phòng, chống bạo lực gia đình", new(2024, 3, 1), new(2024, 3, 8)),
        ("Tuyên truyền phát triển công dân số, sử dụng dịch vụ công trực tuyến", new(2024, 3, 4), new(2024, 3, 29)),
        ("Tuyên truyền kỷ niệm 93 năm Ngày thành lập Đoàn TNCS Hồ Chí Minh (26/3/1931 – 26/3/2024)", new(2024, 3, 15), new(2024, 3, 26)),
        ("Tuyên truyền Đại hội đại biểu MTTQ Việt Nam Phường 2, nhiệm kỳ 2024–2029", new(2024, 4, 1), new(2024, 4, 19)),
        ("Tuyên truyền kỷ niệm 49 năm Ngày giải phóng miền Nam, thống nhất đất nước (30/4/1975 – 30/4/2024)", new(2024, 4, 20), new(2024, 4, 29)),
        ("Tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ (07/5/1954 – 07/5/2024)", new(2024, 5, 2), new(2024, 5, 7)),
        ("Tuyên truyền kỷ niệm 134 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/2024)", new(2024, 5, 10), new(2024, 5, 19)),
        ("Tuyên truyền vận động người dân tham gia bảo hiểm y tế hộ gia đình, bảo hiểm xã hội tự nguyện", new(2024, 5, 20), new(2024, 6, 5)),
        ("Tuyên truyền phòng, chống sốt xuất huyết, bệnh tay chân miệng", new(2024, 5, 27), new(2024, 6, 14)),
        ("Tuyên truyền phòng, chống đuối nước cho trẻ em dịp hè", new(2024, 6, 3), new(2024, 6, 21)),
        ("Tuyên truyền Ngày Gia đình Việt Nam 28/6", new(2024, 6, 20), new(2024, 6, 28)),
    ];

    /// <summary>
    /// "77 cuộc/2288 lượt người; pháp luật 08 cuộc/296 lượt; 607 phần quà trị giá trên 214 triệu; sinh kế 3 triệu;
    /// tiếp xúc cử tri 5 cuộc/300 lượt/38 ý kiến; trên 10 lượt ý kiến góp ý dự thảo; giám sát theo Quy định 124".
    /// </summary>
    private async Task Phuong2Async()
    {
        var on = new DateOnly(2024, 6, 30);
        var p2 = await VersionAsync("DEMO-KT-P2", on);
        var quarters = await ChildrenAsync(p2, on);
        var committee = await OrgAsync(p2.Id, OrganisationKind.FrontCommittee);
        var boards = new Dictionary<int, int?>();
        foreach (var q in quarters) boards[q.Id] = await OrgAsync(q.Id, OrganisationKind.ResidentialBoard);
        int? By(Unit u) => u.Id == p2.Id ? committee : boards[u.Id];
        var rng = new Random(2024);

        // Propaganda: every topic at ward level (17), ten of them in each of the 6 quarters (60) = 77 sessions.
        var sessions = Phuong2Topics.Select(t => (Unit: p2, Topic: t)).ToList();
        foreach (var q in quarters)
            sessions.AddRange(Phuong2Topics.OrderBy(_ => rng.Next()).Take(10).OrderBy(t => t.From).Select(t => (Unit: q, Topic: t)));
        var attendances = Split(2288, [.. sessions.Select(s => (s.Unit.Id == p2.Id ? 1.6 : 1.0) * Jitter(rng))]);
        for (var i = 0; i < sessions.Count; i++)
        {
            var (unit, topic) = sessions[i];
            await SaveAsync(new Activity
            {
                UnitId = unit.Id, KindId = K("tuyen_truyen"), Date = Between(rng, topic.From, topic.To), Title = topic.Title,
                Sessions = 1, Attendances = attendances[i],
                Participants = unit.Id == p2.Id ? "Ủy ban MTTQ phường, các đoàn thể chính trị – xã hội phường" : "Ban Công tác Mặt trận khu phố, chi hội phụ nữ, chi hội cựu chiến binh",
            }, By(unit));
        }

        // Legal education with the ward's justice officer: 08 sessions, 296 people.
        (string Title, DateOnly Date, int Unit, int People)[] legal =
        [
            ("Phổ biến Luật Căn cước năm 2023", new(2024, 1, 17), -1, 45),
            ("Phổ biến Luật Đất đai năm 2024", new(2024, 3, 13), -1, 38),
            ("Phổ biến pháp luật về phòng, chống bạo lực gia đình", new(2024, 3, 21), 0, 32),
            ("Phổ biến pháp luật về trật tự, an toàn giao thông đường bộ", new(2024, 4, 10), 1, 36),
            ("Phổ biến Luật Thực hiện dân chủ ở cơ sở", new(2024, 4, 24), 2, 34),
            ("Phổ biến pháp luật về phòng, chống ma túy", new(2024, 5, 15), 3, 41),
            ("Phổ biến pháp luật về hòa giải ở cơ sở", new(2024, 6, 5), 4, 37),
            ("Phổ biến Luật Phòng cháy và chữa cháy", new(2024, 6, 19), 5, 33),
        ];
        foreach (var (title, date, u, people) in legal)
        {
            var unit = u < 0 ? p2 : quarters[u];
            await SaveAsync(new Activity
            {
                UnitId = unit.Id, KindId = K("pho_bien_phap_luat"), Date = date, Title = title, Sessions = 1, Attendances = people,
                Participants = "Phối hợp với công chức Tư pháp – Hộ tịch phường",
            }, By(unit));
        }

        // Tết gifts: 607 gifts worth 214.350.000 đồng ("trên 214 triệu").
        await SaveAsync(new Activity
        {
            UnitId = p2.Id, KindId = K("tang_qua"), Date = new(2024, 1, 26), Title = "Trao quà Tết Giáp Thìn cho hộ nghèo, hộ cận nghèo",
            Sessions = 1, Gifts = 150, Money = 75_000_000, Note = "Mỗi phần quà 500.000 đồng.",
        }, committee);
        await SaveAsync(new Activity
        {
            UnitId = p2.Id, KindId = K("tang_qua"), Date = new(2024, 2, 1), Title = "Thăm, tặng quà gia đình chính sách, người có công nhân dịp Tết Nguyên đán",
            Sessions = 1, Gifts = 62, Money = 37_200_000,
        }, committee);
        await SaveAsync(new Activity
        {
            UnitId = p2.Id, KindId = K("tang_qua"), Date = new(2024, 2, 5), Title = "Vận động nhà hảo tâm tặng quà Tết cho hộ có hoàn cảnh khó khăn, trẻ em mồ côi",
            Sessions = 1, Gifts = 45, Money = 15_750_000,
        }, committee);
        int[] quarterGifts = [62, 55, 60, 58, 57, 58];
        long[] quarterMoney = [15_500_000, 13_750_000, 15_000_000, 14_500_000, 14_250_000, 13_400_000];
        for (var i = 0; i < quarters.Count; i++)
            await SaveAsync(new Activity
            {
                UnitId = quarters[i].Id, KindId = K("tang_qua"), Date = new(2024, 1, 29 + i % 3), Title = "Chăm lo Tết cho hộ nghèo, hộ cận nghèo, hộ có hoàn cảnh khó khăn trong khu phố",
                Sessions = 1, Gifts = quarterGifts[i % 6], Money = quarterMoney[i % 6], Participants = "Ban Công tác Mặt trận khu phố vận động các hộ kinh doanh, nhà hảo tâm",
            }, boards[quarters[i].Id]);

        await SaveAsync(new Activity
        {
            UnitId = p2.Id, KindId = K("ho_tro_sinh_ke"), Date = new(2024, 5, 17),
            Title = "Trao tặng phương tiện sinh kế cho hộ cận nghèo (mô hình “Hỗ trợ phương tiện sinh kế cho hộ nghèo, hộ cận nghèo”)",
            Households = 2, Money = 3_000_000, Note = "Hai xe đạp chở hàng, mỗi chiếc 1.500.000 đồng (minh họa).",
        }, committee);

        // The voter meetings (5 meetings, 300 people, 38 opinions) are a voter-contact round with its petitions: DemoPetitions.

        // Comments on drafts of the Party committee and the ward: 11 ("trên 10 lượt ý kiến").
        (string Title, DateOnly Date, int Opinions)[] drafts =
        [
            ("Góp ý dự thảo Nghị quyết của Đảng ủy Phường 2 về lãnh đạo thực hiện nhiệm vụ năm 2024", new(2024, 1, 10), 4),
            ("Góp ý dự thảo Quy chế phối hợp giữa UBND và Ủy ban MTTQ Phường 2", new(2024, 3, 27), 3),
            ("Góp ý dự thảo Kế hoạch cải cách hành chính, chuyển đổi số năm 2024 của UBND Phường 2", new(2024, 5, 22), 4),
        ];
        await CriticiseAsync(p2.Id, CriticismKind.Feedback, drafts[0].Date, drafts[0].Title.Replace("Góp ý d", "D"), "Đảng ủy Phường 2", drafts[0].Opinions);
        await CriticiseAsync(p2.Id, CriticismKind.Feedback, drafts[1].Date, drafts[1].Title.Replace("Góp ý d", "D"), "UBND Phường 2", drafts[1].Opinions,
            "Ban Thường trực, các tổ chức thành viên",
            [
                ("Bổ sung trách nhiệm của UBND phường trong việc thông tin định kỳ cho Ủy ban MTTQ về tình hình kinh tế – xã hội.", "Hội Cựu chiến binh phường", CommentResponse.Accepted, "Đã bổ sung vào Điều 4 của Quy chế."),
                ("Quy định thời hạn UBND phường trả lời kiến nghị của Ủy ban MTTQ là 15 ngày.", "Hội Liên hiệp Phụ nữ phường", CommentResponse.PartlyAccepted, "Tiếp thu thời hạn trả lời, nhưng giữ 30 ngày với kiến nghị cần ý kiến cấp trên."),
                ("Mời đại diện Ban Công tác Mặt trận khu phố dự các cuộc họp giao ban hằng tháng của UBND phường.", "Ban Công tác Mặt trận khu phố 3", CommentResponse.NotAccepted, "Giao ban hằng tháng là họp nội bộ của UBND; Ban Công tác Mặt trận được mời khi bàn việc của khu phố."),
            ]);
        await CriticiseAsync(p2.Id, CriticismKind.Feedback, drafts[2].Date, drafts[2].Title.Replace("Góp ý d", "D"), "UBND Phường 2", drafts[2].Opinions);

        await SuperviseAsync(p2.Id, new(2024, 5, 29),
            "Giám sát việc tu dưỡng, rèn luyện đạo đức, lối sống của Bí thư chi bộ khu phố 1 theo Quy định 124-QĐ/TW", "Bí thư chi bộ khu phố 1",
            people: 1, basis: "Quy định 124-QĐ/TW ngày 02/10/2023 của Ban Bí thư", team: "Ban Thường trực Ủy ban MTTQ phường, Ban Công tác Mặt trận khu phố 1",
            findings: "Đồng chí Bí thư chi bộ gương mẫu, giữ gìn đạo đức, lối sống; được nhân dân khu phố tín nhiệm.");

        await SaveAsync(new Conference
        {
            UnitId = p2.Id, Date = new(2024, 7, 8), Type = ConferenceType.CommitteeSession, SessionNumber = 2,
            Title = "Hội nghị Ủy ban MTTQ Phường 2 lần thứ II, nhiệm kỳ 2024–2029: sơ kết công tác Mặt trận 6 tháng đầu năm, chương trình thống nhất hành động 6 tháng cuối năm 2024",
            Minutes = "Sơ kết 6 tháng đầu năm 2024: kiện toàn Ban Công tác Mặt trận 6 khu phố, tổ chức Đại hội MTTQ phường nhiệm kỳ 2024–2029; "
                + "tuyên truyền, an sinh, tiếp xúc cử tri, góp ý xây dựng Đảng, chính quyền và giám sát theo Quy định 124-QĐ/TW. "
                + "Nhiệm vụ 6 tháng cuối năm: thực hiện các chỉ tiêu thi đua năm 2024, nâng cao chất lượng giám sát, tổ chức tốt Ngày hội Đại đoàn kết toàn dân tộc.",
        });
    }

    // ------------------------------------------------------------------ Sài Đồng (2023Q1)

    private static readonly string[] UrbanModels =
    [
        "Tuyến ngõ xanh – sạch – đẹp – văn minh", "Ngõ phố không rác thải", "Trồng hoa, cây xanh trên tuyến ngõ", "Tuyến phố văn minh đô thị",
        "Thắp sáng ngõ xóm, camera an ninh", "Vỉa hè thông thoáng, trả lại lối đi cho người đi bộ", "Phân loại rác thải tại nguồn",
    ];

    private static readonly string[] CareModels =
    [
        "Nồi cháo yêu thương", "Quỹ khuyến học", "Tủ đồ chia sẻ", "Đỡ đầu hộ cận nghèo vươn lên", "Chăm sóc người cao tuổi cô đơn",
        "Bữa cơm nghĩa tình", "Sổ tiết kiệm tình thương",
    ];

    /// <summary>
    /// "3 buổi tuyên truyền/179 người; tặng quà 48.800.000 đồng; hội nghị ĐBND tổ dân phố và cấp phường: mời 2500, có mặt 1160;
    /// 51 ý kiến; 36 mô hình (20 chỉnh trang đô thị + 16 chăm lo đời sống); 6 buổi vệ sinh môi trường; 8 buổi tuyên truyền chỉnh trang đô thị".
    /// </summary>
    private async Task SaiDongAsync()
    {
        var on = new DateOnly(2023, 3, 31);
        var ward = await VersionAsync("DEMO-SD", on);
        var groups = await ChildrenAsync(ward, on);
        var committee = await OrgAsync(ward.Id, OrganisationKind.FrontCommittee);
        var rng = new Random(2023);

        (string Title, DateOnly Date, int People)[] talks =
        [
            ("Tuyên truyền kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2023)", new(2023, 2, 2), 62),
            ("Tuyên truyền Bộ Quy tắc ứng xử nơi công cộng trên địa bàn quận Long Biên", new(2023, 2, 22), 58),
            ("Tuyên truyền chủ đề năm 2023 “Năm chỉnh trang đô thị, chăm lo đời sống người dân”", new(2023, 3, 15), 59),
        ];
        foreach (var (title, date, people) in talks)
            await SaveAsync(new Activity { UnitId = ward.Id, KindId = K("tuyen_truyen"), Date = date, Title = title, Sessions = 1, Attendances = people }, committee);

        (string Title, DateOnly Date, int Gifts, long Money)[] gifts =
        [
            ("Thăm, tặng quà gia đình chính sách nhân dịp Tết Quý Mão 2023", new(2023, 1, 12), 40, 20_000_000),
            ("Trao quà Tết từ Quỹ “Vì người nghèo” cho hộ nghèo, hộ cận nghèo, hộ khó khăn", new(2023, 1, 14), 24, 12_000_000),
            ("Vận động nhà hảo tâm tặng quà các cháu mồ côi, khuyết tật", new(2023, 1, 16), 18, 9_000_000),
            ("Thăm, tặng quà người bị ảnh hưởng chất độc da cam/dioxin", new(2023, 1, 17), 13, 7_800_000),
        ];
        foreach (var (title, date, count, money) in gifts)
            await SaveAsync(new Activity { UnitId = ward.Id, KindId = K("tang_qua"), Date = date, Title = title, Sessions = 1, Gifts = count, Money = money, Participants = "Phối hợp với UBND phường và các đoàn thể" }, committee);

        // Residents' conferences: one in each residential group (early January and early February, around Tết) and the ward's; the 51 opinions raised there are petitions (DemoPetitions).
        var invited = Split(2500 - 160, [.. groups.Select(g => (double)(g.Households ?? 150))]);
        var present = Split(1160 - 132, [.. invited.Select(i => i * Jitter(rng))]);
        for (var i = 0; i < groups.Count; i++)
        {
            var date = i < 11 ? new DateOnly(2023, 1, 4 + i) : new DateOnly(2023, 2, 2 + (i - 11) % 12);
            await SaveAsync(new Conference
            {
                UnitId = groups[i].Id, Date = date, Type = ConferenceType.ResidentsConference, Title = $"Hội nghị đại biểu nhân dân tổ dân phố {groups[i].Name} năm 2023",
                Invited = invited[i], Present = present[i],
                Minutes = "Bàn biện pháp nâng cao chất lượng xây dựng đời sống văn hóa ở cơ sở, tổ dân phố xanh – sạch – đẹp – văn minh.",
            });
        }
        await SaveAsync(new Conference
        {
            UnitId = ward.Id, Date = new(2023, 2, 24), Type = ConferenceType.ResidentsConference, Title = "Hội nghị đại biểu nhân dân phường Sài Đồng năm 2023",
            Invited = 160, Present = 132,
            Minutes = "Ý kiến tập trung vào 4 nhóm: an toàn giao thông, tệ nạn xã hội, phòng cháy chữa cháy; trật tự xây dựng, trật tự đô thị, vệ sinh môi trường; "
                + "chất lượng gia đình văn hóa, tổ dân phố văn hóa; thực hiện Quy tắc ứng xử nơi công cộng.",
        });

        // 36 initiatives registered by the ward and its groups: 20 urban upgrading + 16 care for residents.
        await SaveAsync(new Initiative { UnitId = ward.Id, Name = "Tổ dân phố chia sẻ yêu thương", Field = "cham_lo_doi_song", RegisteredOn = new(2023, 2, 6), Note = "Mô hình của MTTQ phường, triển khai đến các tổ dân phố." });
        await SaveAsync(new Initiative { UnitId = ward.Id, Name = "Tuyến phố Sài Đồng xanh – sạch – đẹp – văn minh", Field = "chinh_trang_do_thi", RegisteredOn = new(2023, 2, 6) });
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var first = i < 19 ? ("chinh_trang_do_thi", UrbanModels[i % UrbanModels.Length]) : ("cham_lo_doi_song", CareModels[i % CareModels.Length]);
            await SaveAsync(new Initiative { UnitId = g.Id, Name = $"{first.Item2} tổ dân phố {g.Name}", Field = first.Item1, RegisteredOn = new DateOnly(2023, 2, 8).AddDays((2 * i) % 40), Note = "Đăng ký thực hiện chủ đề năm 2023." });
            if (i % 2 == 0 || i == groups.Count - 1)
                await SaveAsync(new Initiative { UnitId = g.Id, Name = $"{CareModels[(i + 3) % CareModels.Length]} tổ dân phố {g.Name}", Field = "cham_lo_doi_song", RegisteredOn = new DateOnly(2023, 2, 10).AddDays((3 * i) % 40), Note = "Đăng ký thực hiện chủ đề năm 2023." });
        }

        DateOnly[] cleanUps = [new(2023, 1, 8), new(2023, 1, 15), new(2023, 2, 12), new(2023, 2, 26), new(2023, 3, 12), new(2023, 3, 26)];
        foreach (var date in cleanUps)
            await SaveAsync(new Activity
            {
                UnitId = ward.Id, KindId = K("ve_sinh_moi_truong"), Date = date, Title = date.Month == 1 ? "Ra quân tổng vệ sinh môi trường đón Tết Quý Mão" : "Ra quân vệ sinh môi trường “Ngày Chủ nhật xanh”",
                Sessions = 1, Attendances = 60 + rng.Next(90), Participants = "Ban Công tác Mặt trận các tổ dân phố, đoàn viên thanh niên, hội viên phụ nữ",
            }, committee);
        for (var i = 0; i < 8; i++)
            await SaveAsync(new Activity
            {
                UnitId = ward.Id, KindId = K("tuyen_truyen_chinh_trang"), Date = new DateOnly(2023, 2, 4).AddDays(7 * i),
                Title = "Tuyên truyền chỉnh trang đô thị, vận động hộ kinh doanh không lấn chiếm vỉa hè tuyến phố Sài Đồng",
                Sessions = 1, Attendances = 25 + rng.Next(20), Participants = "Tổ dân vận khéo số 1, 2, 3 và Ban Công tác Mặt trận các tổ dân phố ven tuyến",
            }, committee);

        await SaveAsync(new Conference
        {
            UnitId = ward.Id, Date = new(2023, 3, 31), Type = ConferenceType.Review,
            Title = "Hội nghị sơ kết công tác Mặt trận, Thanh tra nhân dân, giám sát đầu tư của cộng đồng quý I năm 2023",
            Minutes = "Đánh giá kết quả quý I năm 2023 và thống nhất 9 nhiệm vụ trọng tâm quý II năm 2023.",
        });
    }

    // ------------------------------------------------------------------ Sông Cầu (term 2019–2024)

    private static readonly string[] Surnames = ["Hoàng", "Nông", "Triệu", "Lục", "Ma", "Hà", "Nguyễn", "Đàm", "Bế", "Lường", "Trần", "Phùng", "Lý", "Đinh"];
    private static readonly string[] MaleNames = ["Văn Thắng", "Văn Dũng", "Đức Toàn", "Văn Hải", "Minh Quang", "Văn Mạnh", "Xuân Tiến", "Văn Long", "Hữu Sơn", "Đình Khánh"];
    private static readonly string[] FemaleNames = ["Thị Hoa", "Thị Lan", "Thị Huyền", "Thu Hà", "Thị Hương", "Thị Nga", "Thị Mai", "Thanh Thảo", "Hải Yến", "Thị Hằng"];
    private static readonly string[] GroupBodies = ["Tổ dân phố {0}", "Ban Công tác Mặt trận tổ {0}", "Chi hội Phụ nữ tổ {0}", "Chi hội Cựu chiến binh tổ {0}", "Chi hội Người cao tuổi tổ {0}", "Chi đoàn Thanh niên tổ {0}", "Chi hội Nông dân tổ {0}"];
    private static readonly string[] GroupRoles = ["Trưởng ban Công tác Mặt trận tổ {0}", "Bí thư chi bộ tổ {0}", "Tổ trưởng tổ dân phố {0}", "Chi hội trưởng Phụ nữ tổ {0}", "Ủy viên Ban Công tác Mặt trận tổ {0}"];

    private static string PersonName(int i) =>
        $"{Surnames[i % Surnames.Length]} {(i % 2 == 0 ? MaleNames[i / 2 % MaleNames.Length] : FemaleNames[i / 2 % FemaleNames.Length])}";

    /// <summary>
    /// "18 cuộc giám sát, 07 kiến nghị; 10 buổi giám sát cùng HĐND; 04 hội nghị phản biện; 04 đối thoại; 570 người được hỗ trợ
    /// 470.250.000 đồng; 21/21 tổ dân phố tổ chức Ngày hội hằng năm, trên 80 % hộ dự; khen thưởng 45 + 25, 21 + 12, 05 + 03, đề nghị 02".
    /// The term's records end with the 2024 congress (mid-2024), so Unity Day is counted for 2019–2023.
    /// </summary>
    private async Task SongCauAsync()
    {
        var ward = await VersionAsync("DEMO-SC", new(2022, 1, 1));
        var groups = await ChildrenAsync(ward, new(2022, 1, 1));
        var rng = new Random(2019);

        (DateOnly Date, string Title, int Recommendations, int? People)[] supervisions =
        [
            (new(2019, 11, 20), "Giám sát quy trình rà soát hộ nghèo, hộ cận nghèo năm 2019", 1, null),
            (new(2020, 4, 22), "Giám sát việc thực hiện chính sách hỗ trợ người dân gặp khó khăn do đại dịch COVID-19 (Nghị quyết 42/NQ-CP)", 1, null),
            (new(2020, 9, 16), "Giám sát công tác vệ sinh môi trường, thu gom rác thải tại các tổ dân phố", 1, null),
            (new(2020, 11, 18), "Giám sát quy trình rà soát hộ nghèo, hộ cận nghèo năm 2020", 0, null),
            (new(2021, 3, 24), "Giám sát việc lập, niêm yết danh sách cử tri bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021–2026", 0, null),
            (new(2021, 5, 23), "Giám sát cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp tại các khu vực bỏ phiếu", 0, null),
            (new(2021, 8, 25), "Giám sát việc hỗ trợ người dân gặp khó khăn do đại dịch COVID-19 theo Nghị quyết 68/NQ-CP", 1, null),
            (new(2021, 10, 20), "Giám sát các khoản thu, chi do nhân dân đóng góp năm 2021", 1, null),
            (new(2021, 11, 17), "Giám sát quy trình rà soát hộ nghèo, hộ cận nghèo năm 2021", 0, null),
            (new(2022, 3, 16), "Giám sát chương trình hoạt động của đại biểu HĐND phường", 0, null),
            (new(2022, 6, 15), "Giám sát việc thực hiện việc mới, việc khó của các đồng chí lãnh đạo chủ chốt phường", 0, 3),
            (new(2022, 9, 21), "Giám sát công tác vệ sinh môi trường khu dân cư", 1, null),
            (new(2022, 11, 16), "Giám sát quy trình rà soát hộ nghèo, hộ cận nghèo năm 2022", 0, null),
            (new(2023, 4, 19), "Giám sát các khoản thu, chi do nhân dân đóng góp năm 2022–2023", 1, null),
            (new(2023, 6, 14), "Giám sát chương trình hoạt động của đại biểu HĐND phường, thành phố", 0, null),
            (new(2023, 8, 16), "Giám sát việc thực hiện việc mới, việc khó của các đồng chí lãnh đạo chủ chốt phường năm 2023", 0, 3),
            (new(2023, 11, 15), "Giám sát quy trình rà soát hộ nghèo, hộ cận nghèo năm 2023", 0, null),
            (new(2024, 4, 17), "Giám sát các khoản thu, chi do nhân dân đóng góp năm 2024", 0, null),
        ];
        foreach (var (date, title, recommendations, people) in supervisions)
            await SuperviseAsync(ward.Id, date, title, people is null ? "UBND phường Sông Cầu" : "Các đồng chí lãnh đạo chủ chốt phường", recommendations, people: people);

        (DateOnly Date, string Subject)[] joint =
        [
            (new(2019, 10, 23), "việc thực hiện nhiệm vụ thu ngân sách của UBND phường"),
            (new(2020, 6, 24), "công tác cải cách hành chính tại bộ phận tiếp nhận và trả kết quả"),
            (new(2020, 10, 21), "công tác quản lý đất đai, trật tự xây dựng"),
            (new(2021, 4, 21), "việc thực hiện chính sách bảo trợ xã hội"),
            (new(2021, 9, 22), "công tác phòng, chống dịch COVID-19 trên địa bàn phường"),
            (new(2022, 4, 20), "công tác bảo đảm an toàn thực phẩm"),
            (new(2022, 10, 19), "công tác tiếp công dân, giải quyết đơn thư"),
            (new(2023, 5, 17), "việc thực hiện chuyển đổi số, dịch vụ công trực tuyến"),
            (new(2023, 10, 18), "công tác quản lý chợ và trật tự đô thị"),
            (new(2024, 3, 20), "việc thực hiện Quy chế dân chủ ở cơ sở"),
        ];
        foreach (var (date, subject) in joint)
            await SuperviseAsync(ward.Id, date, $"Tham gia Đoàn giám sát của Thường trực HĐND phường về {subject}", "UBND phường Sông Cầu",
                role: SupervisionRole.Joint, ledBy: "Thường trực HĐND phường Sông Cầu", findings: "Kết quả giám sát do Thường trực HĐND phường tổng hợp, thông báo.");

        (DateOnly Date, string Title, int Opinions)[] criticism =
        [
            (new(2020, 10, 14), "Hội nghị phản biện xã hội dự thảo Kế hoạch phát triển kinh tế – xã hội phường giai đoạn 2021–2025", 6),
            (new(2022, 5, 11), "Hội nghị góp ý, phản biện dự thảo Quy hoạch tỉnh Bắc Kạn thời kỳ 2021–2030, tầm nhìn đến năm 2050", 9),
            (new(2023, 2, 15), "Hội nghị lấy ý kiến nhân dân, chuyên gia vào dự thảo Luật Đất đai (sửa đổi)", 7),
            (new(2023, 10, 11), "Hội nghị phản biện dự thảo Quy chế dân chủ ở cơ sở trên địa bàn phường Sông Cầu", 5),
        ];
        foreach (var (date, title, opinions) in criticism)
            await CriticiseAsync(ward.Id, CriticismKind.SocialCriticism, date, "D" + title[(title.IndexOf("dự thảo", StringComparison.Ordinal) + 1)..],
                title.Contains("Luật", StringComparison.Ordinal) ? "Quốc hội (qua Ủy ban MTTQ tỉnh)" : title.Contains("tỉnh", StringComparison.Ordinal) ? "UBND tỉnh Bắc Kạn" : "UBND phường Sông Cầu",
                opinions, "Tổ tư vấn, giám sát và phản biện xã hội (07 thành viên)");

        for (var y = 2020; y <= 2023; y++)
            await SaveAsync(new Activity
            {
                UnitId = ward.Id, KindId = K("doi_thoai"), Date = new(y, 9, 8 + y % 5), Title = $"Hội nghị đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền phường với nhân dân năm {y}",
                Sessions = 1, Attendances = 80 + rng.Next(40), Opinions = 8 + rng.Next(8),
            });

        // COVID-19 support of 2021 by the policy council (Nghị quyết 68/NQ-CP): 570 people, 470.250.000 đồng.
        (DateOnly Date, string Who, int People, long Money)[] support =
        [
            (new(2021, 7, 26), "người có công với cách mạng", 82, 123_000_000),
            (new(2021, 7, 28), "thân nhân người có công với cách mạng", 38, 57_000_000),
            (new(2021, 8, 5), "người hưởng trợ cấp bảo trợ xã hội", 97, 145_500_000),
            (new(2021, 8, 12), "người thuộc hộ nghèo", 113, 84_750_000),
            (new(2021, 8, 20), "người thuộc hộ cận nghèo", 240, 60_000_000),
        ];
        foreach (var (date, who, people, money) in support)
            await SaveAsync(new Activity
            {
                UnitId = ward.Id, KindId = K("ho_tro_kho_khan"), Date = date, Title = $"Tham gia Hội đồng chính sách xét, hỗ trợ {who} gặp khó khăn do đại dịch COVID-19",
                People = people, Money = money,
            });

        // Unity Day in all 21 groups every year, with 82–94 % of households.
        for (var y = 2019; y <= 2023; y++)
            for (var i = 0; i < groups.Count; i++)
            {
                var total = groups[i].Households ?? 120;
                await SaveAsync(new UnityDay
                {
                    UnitId = groups[i].Id, Year = y, Held = true, Date = new DateOnly(y, 11, 1 + (3 * i + y) % 17),
                    HouseholdsTotal = total, HouseholdsAttending = (int)Math.Round(total * (0.82 + 0.12 * rng.NextDouble())),
                    Note = "Tổ chức phần lễ và bữa cơm đại đoàn kết.",
                });
            }

        // Commendations of the term by level. Names and decision numbers are illustrative.
        var n = 0;
        async Task AwardAsync(DateOnly date, CommendationForm form, AwardLevel level, bool collective, string recipient, string? decision, bool proposed = false)
        {
            await SaveAsync(new Commendation
            {
                UnitId = ward.Id, Date = date, Form = form, Level = level, Collective = collective, Recipient = recipient, DecisionNumber = decision, Proposed = proposed,
                Note = "Tên người, tập thể được khen và số quyết định là minh họa.",
            });
            n++;
        }
        int[] communeCollectives = [7, 9, 9, 10, 10], communeIndividuals = [4, 5, 5, 5, 6], cityCollectives = [3, 4, 4, 5, 5], cityIndividuals = [2, 2, 3, 2, 3];
        string[] provinceCollectives = ["Ủy ban MTTQ Việt Nam phường Sông Cầu", "Ban Công tác Mặt trận tổ 17", "Hội Liên hiệp Phụ nữ phường Sông Cầu", "Ban Công tác Mặt trận tổ 5", "Tổ dân phố 9"];
        for (var k = 0; k < 5; k++)
        {
            var y = 2019 + k;
            for (var i = 0; i < communeCollectives[k]; i++)
                await AwardAsync(new(y, 12, 26), CommendationForm.Certificate, AwardLevel.Commune, true, string.Format(GroupBodies[(n + i) % GroupBodies.Length], (7 * n + i) % 21 + 1), $"{20 + k:00}/QĐ-MTTQ");
            for (var i = 0; i < communeIndividuals[k]; i++)
                await AwardAsync(new(y, 12, 26), CommendationForm.Certificate, AwardLevel.Commune, false, $"{PersonName(n)}, {string.Format(GroupRoles[n % GroupRoles.Length], n % 21 + 1)}", $"{20 + k:00}/QĐ-MTTQ");
            for (var i = 0; i < cityCollectives[k]; i++)
                await AwardAsync(new(y + 1, 1, 12), CommendationForm.Certificate, AwardLevel.District, true, string.Format(GroupBodies[(n + 2 * i) % GroupBodies.Length], (5 * n + i) % 21 + 1), $"{105 + 12 * k}/QĐ-UBND");
            for (var i = 0; i < cityIndividuals[k]; i++)
                await AwardAsync(new(y + 1, 1, 12), CommendationForm.Certificate, AwardLevel.District, false, $"{PersonName(n)}, {string.Format(GroupRoles[n % GroupRoles.Length], n % 21 + 1)}", $"{105 + 12 * k}/QĐ-UBND");
            if (k >= 1)
                await AwardAsync(new(y + 1, 1, 25), CommendationForm.Merit, AwardLevel.Province, true, provinceCollectives[k - 1], $"{40 + k}/QĐ-MTTQ tỉnh");
            if (k == 4)
                await AwardAsync(new(y + 1, 1, 25), CommendationForm.Merit, AwardLevel.Province, true, provinceCollectives[4], $"{40 + k}/QĐ-MTTQ tỉnh");
            if (k >= 2)
                await AwardAsync(new(y + 1, 1, 25), CommendationForm.Merit, AwardLevel.Province, false, $"{PersonName(n)}, Ủy viên Ủy ban MTTQ phường", $"{40 + k}/QĐ-MTTQ tỉnh");
        }
        await AwardAsync(new(2024, 5, 15), CommendationForm.Medal, AwardLevel.Central, false, "Phạm Xuân Vũ, Tổ trưởng Tổ tư vấn Ủy ban MTTQ phường", null, proposed: true);
        await AwardAsync(new(2024, 5, 15), CommendationForm.Medal, AwardLevel.Central, false, $"{PersonName(n)}, Trưởng ban Công tác Mặt trận tổ 17", null, proposed: true);
    }

    // ------------------------------------------------------------------ Ngọc Lâm (2020)

    /// <summary>"Giám sát ... đối với 68 người được giám sát"; kỳ họp thứ V ngày 10/7/2020 với 5 ý kiến phát biểu, kiện toàn 14 Ủy viên (100 %).</summary>
    private async Task NgocLamAsync()
    {
        var ward = await VersionAsync("DEMO-NL", new(2020, 7, 10));
        var committee = await OrgAsync(ward.Id, OrganisationKind.FrontCommittee);
        var women = await OrgAsync(ward.Id, OrganisationKind.WomenUnion);

        await SuperviseAsync(ward.Id, new(2020, 4, 28),
            "Giám sát việc rà soát, xét duyệt đối tượng được hỗ trợ do ảnh hưởng của dịch COVID-19 theo Nghị quyết 42/NQ-CP", "UBND phường Ngọc Lâm",
            basis: "Nghị quyết 42/NQ-CP ngày 09/4/2020 của Chính phủ");
        (DateOnly Date, string Whom, int People)[] conduct =
        [
            (new(2020, 5, 20), "cán bộ, công chức UBND phường", 31),
            (new(2020, 6, 3), "cán bộ chuyên trách các đoàn thể phường", 14),
            (new(2020, 6, 17), "bí thư chi bộ, tổ trưởng tổ dân phố", 23),
        ];
        foreach (var (date, whom, people) in conduct)
            await SuperviseAsync(ward.Id, date, $"Giám sát thực hiện Nghị quyết Trung ương 4 (khóa XII), Chỉ thị 05-CT/TW và quy tắc ứng xử đối với {whom}",
                char.ToUpperInvariant(whom[0]) + whom[1..], people: people, basis: "Kế hoạch liên tịch giữa MTTQ và các đoàn thể phường",
                team: "Ủy ban MTTQ phường, Hội Liên hiệp Phụ nữ và các đoàn thể phường");
        await SaveAsync(new Activity
        {
            UnitId = ward.Id, KindId = K("tuyen_truyen"), Date = new(2020, 6, 10), Sessions = 1, Attendances = 85,
            Title = "Tuyên truyền, vận động nhân dân thực hiện giải phóng mặt bằng đường 40 m",
        }, committee);
        await SaveAsync(new Activity
        {
            UnitId = ward.Id, KindId = K("tuyen_truyen"), Date = new(2020, 3, 5), Sessions = 1, Attendances = 60,
            Title = "Tuyên truyền chủ đề “Hành động vì một Long Biên xanh, sạch, đẹp, văn minh”",
        }, committee, women);

        await SaveAsync(new Conference
        {
            UnitId = ward.Id, Date = new(2020, 7, 10), Type = ConferenceType.CommitteeSession, SessionNumber = 5,
            Title = "Kỳ họp thứ V Ủy ban MTTQ phường Ngọc Lâm nhiệm kỳ 2019–2024: sơ kết công tác Mặt trận 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2020",
            Invited = 50, Present = 45, Opinions = 5,
            Minutes = "Các ý kiến thống nhất với báo cáo; nêu khó khăn sau khi sáp nhập tổ dân phố; kiến nghị về giải phóng mặt bằng đường 40 m, "
                + "vận động các loại quỹ, thu gom rác, vệ sinh môi trường; đề nghị tập huấn nghiệp vụ cho cán bộ Mặt trận cơ sở. "
                + "Trong số 5 đại biểu phát biểu có ông Đặng Đình Chiến, Trưởng Ban Công tác Mặt trận tổ dân phố 11. (Số đại biểu là minh họa.)",
            Decisions = [new ConferenceDecision { Subject = "Hiệp thương kiện toàn bổ sung 14 Ủy viên Ủy ban MTTQ phường nhiệm kỳ 2019–2024", Present = 45, For = 45, Against = 0 }],
        });
    }

    // ------------------------------------------------------------------ Bát Tràng (2019–2022, working session 18/4/2022)

    /// <summary>
    /// The commune before 1/7/2025 (under Gia Lâm): records of 2019 – April 2022, the district Standing Board's working
    /// session and illustrative targets, some met (propaganda, Unity Day coverage), some in progress.
    /// </summary>
    private async Task BatTrangAsync()
    {
        var on = new DateOnly(2022, 4, 18);
        var commune = await VersionAsync("DEMO-BT-OLD", on);
        var villages = await ChildrenAsync(commune, on);
        var rng = new Random(2022);
        Unit At(int v) => v < 0 || villages.Count == 0 ? commune : villages[v % villages.Count];

        (DateOnly Date, string Title, int Where)[] talks =
        [
            (new(2019, 8, 28), "Tuyên truyền kỷ niệm 74 năm Cách mạng Tháng Tám và Quốc khánh 2/9", -1),
            (new(2019, 9, 10), "Tuyên truyền an toàn giao thông trên tuyến đê tả sông Hồng", 1),
            (new(2019, 10, 10), "Tuyên truyền cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”", -1),
            (new(2019, 11, 12), "Tuyên truyền 89 năm Ngày truyền thống MTTQ Việt Nam (18/11/1930 – 18/11/2019)", -1),
            (new(2019, 12, 15), "Tuyên truyền giữ gìn vệ sinh môi trường làng nghề gốm sứ", 0),
            (new(2020, 1, 15), "Tuyên truyền mừng Đảng, mừng Xuân Canh Tý 2020", -1),
            (new(2020, 2, 20), "Tuyên truyền phòng, chống dịch COVID-19", -1),
            (new(2020, 3, 5), "Tuyên truyền phòng, chống dịch COVID-19 tại thôn", 1),
            (new(2020, 3, 25), "Tuyên truyền thực hiện giãn cách xã hội, phòng, chống dịch COVID-19", 0),
            (new(2020, 6, 10), "Tuyên truyền Đại hội Đảng bộ xã Bát Tràng nhiệm kỳ 2020–2025", -1),
            (new(2020, 8, 20), "Tuyên truyền phát triển du lịch làng nghề gắn với giữ gìn trật tự, văn minh", 0),
            (new(2020, 10, 15), "Tuyên truyền bảo vệ môi trường làng nghề", 0),
            (new(2020, 11, 10), "Tuyên truyền Ngày hội Đại đoàn kết toàn dân tộc năm 2020", -1),
            (new(2020, 12, 5), "Tuyên truyền phòng, chống cháy nổ trong các hộ sản xuất gốm", 1),
            (new(2021, 1, 20), "Tuyên truyền Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", -1),
            (new(2021, 3, 15), "Tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021–2026", -1),
            (new(2021, 5, 10), "Tuyên truyền, vận động cử tri đi bầu cử ngày 23/5/2021", 0),
            (new(2021, 6, 15), "Tuyên truyền phòng, chống dịch COVID-19, thực hiện thông điệp 5K", -1),
            (new(2021, 7, 20), "Tuyên truyền phòng, chống dịch COVID-19 trong đợt cao điểm", 1),
            (new(2021, 8, 5), "Tuyên truyền, vận động người dân tiêm vắc xin phòng COVID-19", -1),
            (new(2021, 9, 20), "Tuyên truyền, vận động ủng hộ Quỹ phòng, chống dịch COVID-19", 0),
            (new(2021, 11, 15), "Tuyên truyền Ngày hội Đại đoàn kết toàn dân tộc năm 2021", -1),
            (new(2021, 12, 10), "Tuyên truyền phục hồi sản xuất, kinh doanh làng nghề sau dịch", 0),
            (new(2022, 1, 18), "Tuyên truyền mừng Đảng, mừng Xuân Nhâm Dần 2022", -1),
            (new(2022, 3, 8), "Tuyên truyền các tiêu chí xây dựng phường, phấn đấu đưa huyện Gia Lâm trở thành quận", -1),
            (new(2022, 4, 12), "Tuyên truyền bầu cử trưởng thôn nhiệm kỳ 2022–2025", 1),
        ];
        foreach (var (date, title, where) in talks)
            await SaveAsync(new Activity { UnitId = At(where).Id, KindId = K("tuyen_truyen"), Date = date, Title = title, Sessions = 1, Attendances = 40 + rng.Next(80) });

        (DateOnly Date, string Title)[] supervisions =
        [
            (new(2019, 9, 25), "Giám sát công tác vệ sinh môi trường làng nghề"),
            (new(2019, 11, 20), "Giám sát quy trình rà soát hộ nghèo, hộ cận nghèo năm 2019"),
            (new(2020, 4, 24), "Giám sát việc hỗ trợ người dân gặp khó khăn do dịch COVID-19 (Nghị quyết 42/NQ-CP)"),
            (new(2020, 7, 15), "Giám sát thi công công trình đường giao thông thôn Giang Cao"),
            (new(2020, 10, 21), "Giám sát các khoản thu, chi do nhân dân đóng góp năm 2020"),
            (new(2020, 11, 18), "Giám sát quy trình rà soát hộ nghèo, hộ cận nghèo năm 2020"),
            (new(2021, 3, 17), "Giám sát việc lập danh sách cử tri bầu cử đại biểu Quốc hội khóa XV và HĐND các cấp"),
            (new(2021, 5, 23), "Giám sát cuộc bầu cử tại các khu vực bỏ phiếu"),
            (new(2021, 8, 18), "Giám sát việc hỗ trợ người dân gặp khó khăn do dịch COVID-19 (Nghị quyết 68/NQ-CP)"),
            (new(2021, 10, 20), "Giám sát các khoản thu, chi do nhân dân đóng góp năm 2021"),
            (new(2021, 11, 17), "Giám sát quy trình rà soát hộ nghèo, hộ cận nghèo năm 2021"),
            (new(2022, 3, 22), "Giám sát việc thực hiện quy chế dân chủ ở cơ sở năm 2022"),
        ];
        foreach (var (date, title) in supervisions)
            await SuperviseAsync(commune.Id, date, title, "UBND xã Bát Tràng");

        for (var y = 2019; y <= 2021; y++)
            foreach (var v in villages)
            {
                var total = v.Households ?? 1000;
                await SaveAsync(new UnityDay
                {
                    UnitId = v.Id, Year = y, Held = true, Date = new(y, 11, 14 + y % 4), HouseholdsTotal = total,
                    HouseholdsAttending = (int)Math.Round(total * (y == 2021 ? 0.55 : 0.78 + 0.1 * rng.NextDouble())),
                    Note = y == 2021 ? "Tổ chức quy mô nhỏ, bảo đảm phòng, chống dịch COVID-19." : null,
                });
            }

        (DateOnly Date, string Name, string Field, int Where)[] models =
        [
            (new(2019, 10, 15), "Làng nghề gốm sứ xanh – sạch – đẹp", "moi_truong", 0),
            (new(2020, 3, 10), "Tuyến đường nở hoa", "van_hoa", 1),
            (new(2020, 9, 8), "Camera an ninh khu dân cư", "an_ninh_trat_tu", -1),
            (new(2021, 4, 6), "Phân loại rác thải tại nguồn ở hộ sản xuất gốm", "moi_truong", 0),
            (new(2022, 2, 22), "Chợ gốm văn minh, an toàn", "van_hoa", 0),
            (new(2022, 3, 15), "Mỗi hộ sản xuất đỡ đầu một hộ khó khăn", "giam_ngheo", -1),
        ];
        foreach (var (date, name, field, where) in models)
            await SaveAsync(new Initiative { UnitId = At(where).Id, Name = name, Field = field, RegisteredOn = date, Status = InitiativeStatus.Active, Note = "Mô hình “Đoàn kết sáng tạo” (minh họa)." });

        (DateOnly Date, string Recipient)[] awards =
        [
            (new(2019, 12, 27), "Thôn Bát Tràng"), (new(2019, 12, 27), "Chi hội Phụ nữ thôn Giang Cao"),
            (new(2020, 12, 28), "Thôn Giang Cao"), (new(2020, 12, 28), "Ban Công tác Mặt trận thôn Bát Tràng"),
            (new(2021, 12, 27), "Ban Công tác Mặt trận thôn Giang Cao"), (new(2021, 12, 27), "Chi hội Cựu chiến binh thôn Bát Tràng"), (new(2021, 12, 27), "Chi đoàn Thanh niên thôn Giang Cao"),
        ];
        foreach (var (date, recipient) in awards)
            await SaveAsync(new Commendation
            {
                UnitId = commune.Id, Date = date, Form = CommendationForm.Certificate, Level = AwardLevel.Commune, Collective = true, Recipient = recipient,
                DecisionNumber = $"{date.Year % 100 + 30}/QĐ-MTTQ", Note = "Minh họa.",
            });

        await SaveAsync(new Conference
        {
            UnitId = commune.Id, Date = new(2022, 4, 18), Type = ConferenceType.WorkingSession,
            Title = "Buổi làm việc của Ban Thường trực Ủy ban MTTQ Việt Nam huyện Gia Lâm với xã Bát Tràng về thực hiện các chỉ tiêu Nghị quyết Đại hội MTTQ nhiệm kỳ 2019–2024 và Chương trình công tác năm 2022",
            Minutes = "Đánh giá kết quả thực hiện chỉ tiêu Nghị quyết Đại hội và công tác năm 2021; rà soát chỉ tiêu chưa đạt, có kế hoạch hoàn thành; "
                + "đẩy mạnh phong trào “Đoàn kết sáng tạo”, giám sát thực chất hơn, quản lý các loại quỹ công khai, minh bạch.",
        });

        (string Indicator, string Period, double Value, string Label, TargetSource Source)[] targets =
        [
            // A target row on a coverage indicator counts residential units (here both villages = 100 %).
            ("ngay_hoi.khu_dan_cu", "2019-2024", villages.Count, "100 % thôn tổ chức Ngày hội Đại đoàn kết toàn dân tộc hằng năm (minh họa)", TargetSource.CongressResolution),
            ("tuyen_truyen.cuoc", "2019-2024", 24, "Tổ chức ít nhất 24 cuộc tuyên truyền, vận động trong nhiệm kỳ (minh họa)", TargetSource.CongressResolution),
            ("giam_sat.cuoc", "2019-2024", 15, "Chủ trì ít nhất 15 cuộc giám sát trong nhiệm kỳ (minh họa)", TargetSource.CongressResolution),
            ("mo_hinh", "2019-2024", 10, "Xây dựng ít nhất 10 mô hình “Đoàn kết sáng tạo” gắn với cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” (minh họa)", TargetSource.CongressResolution),
            ("khen_thuong.tap_the", "2019-2024", 10, "Khen thưởng ít nhất 10 tập thể có thành tích trong công tác Mặt trận (minh họa)", TargetSource.CongressResolution),
            ("tuyen_truyen.cuoc", "2022", 8, "Tổ chức 8 cuộc tuyên truyền, vận động trong năm 2022 (minh họa)", TargetSource.YearlyProgramme),
            ("giam_sat.cuoc", "2022", 3, "Chủ trì 3 cuộc giám sát trong năm 2022 (minh họa)", TargetSource.YearlyProgramme),
            ("ngay_hoi.khu_dan_cu", "2022", villages.Count, "100 % thôn tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2022 (minh họa)", TargetSource.YearlyProgramme),
            ("mo_hinh", "2022", 2, "Đăng ký 2 mô hình mới trong năm 2022 (minh họa)", TargetSource.YearlyProgramme),
        ];
        foreach (var (indicator, period, value, label, source) in targets)
            db.Targets.Add(new Target { UnitId = commune.Id, Indicator = indicator, Period = period, Value = value, Label = label, Source = source, CreatedAt = _now });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    // ------------------------------------------------------------------ current units (2026)

    /// <summary>Phường Bồ Đề and its groups in 2026: ward work, weekly entries of four groups, Unity Day in 9 of 14 groups.</summary>
    private async Task BoDeAsync()
    {
        var ward = await CurrentAsync("DEMO-BODE");
        var groups = await ChildrenAsync(ward, null);
        var committee = await OrgAsync(ward.Id, OrganisationKind.FrontCommittee);
        var women = await OrgAsync(ward.Id, OrganisationKind.WomenUnion);
        var veterans = await OrgAsync(ward.Id, OrganisationKind.VeteransAssociation);
        var rng = new Random(2026);

        (DateOnly Date, string Title, int People)[] talks =
        [
            (new(2026, 1, 20), "Tuyên truyền mừng Đảng, mừng Xuân Bính Ngọ 2026", 95),
            (new(2026, 2, 3), "Tuyên truyền kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2026)", 120),
            (new(2026, 2, 26), "Tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu HĐND các cấp nhiệm kỳ 2026–2031", 150),
            (new(2026, 3, 10), "Tuyên truyền, vận động cử tri đi bầu cử ngày 15/3/2026", 135),
            (new(2026, 4, 24), "Tuyên truyền kỷ niệm 51 năm Ngày giải phóng miền Nam, thống nhất đất nước", 80),
            (new(2026, 8, 28), "Tuyên truyền kỷ niệm 81 năm Cách mạng Tháng Tám và Quốc khánh 2/9", 90),
            (new(2026, 11, 10), "Tuyên truyền 96 năm Ngày truyền thống MTTQ Việt Nam và Ngày hội Đại đoàn kết toàn dân tộc", 110),
        ];
        foreach (var (date, title, people) in talks)
            await SaveAsync(new Activity { UnitId = ward.Id, KindId = K("tuyen_truyen"), Date = date, Title = title, Sessions = 1, Attendances = people }, committee, veterans);
        await SaveAsync(new Activity
        {
            UnitId = ward.Id, KindId = K("tang_qua"), Date = new(2026, 2, 5), Title = "Trao quà Tết Bính Ngọ cho hộ nghèo, hộ cận nghèo, gia đình chính sách",
            Sessions = 1, Gifts = 180, Money = 90_000_000,
        }, committee, women);
        await SaveAsync(new Activity
        {
            UnitId = ward.Id, KindId = K("tang_qua"), Date = new(2026, 2, 10), Title = "Thăm, tặng quà người cao tuổi cô đơn, trẻ em có hoàn cảnh đặc biệt",
            Sessions = 1, Gifts = 45, Money = 18_000_000,
        }, women, committee);
        await SaveAsync(new Activity
        {
            UnitId = ward.Id, KindId = K("tiep_xuc_cu_tri"), Date = new(2026, 3, 3), Title = "Hội nghị cử tri gặp gỡ người ứng cử đại biểu HĐND phường nhiệm kỳ 2026–2031",
            Sessions = 1, Attendances = 140, Opinions = 12,
        }, committee);
        await SaveAsync(new Activity
        {
            UnitId = ward.Id, KindId = K("tiep_xuc_cu_tri"), Date = new(2026, 6, 16), Title = "Tiếp xúc cử tri trước kỳ họp thường lệ giữa năm 2026 của HĐND phường",
            Sessions = 1, Attendances = 110, Opinions = 9,
        }, committee);
        await SaveAsync(new Activity
        {
            UnitId = ward.Id, KindId = K("tap_huan"), Date = new(2026, 3, 24), Title = "Tập huấn nghiệp vụ công tác Mặt trận cho Ban Công tác Mặt trận các tổ dân phố",
            Sessions = 1, Attendances = 70,
        }, committee);
        await SaveAsync(new Activity
        {
            UnitId = ward.Id, KindId = K("pho_bien_phap_luat"), Date = new(2026, 6, 9), Title = "Phổ biến Luật Trật tự, an toàn giao thông đường bộ",
            Sessions = 1, Attendances = 85,
        }, committee, veterans);
        // This year's supervision plan: two done with recommendations still waiting (overdue), one planned; the boards' work; a draft's feedback.
        await SuperviseAsync(ward.Id, new(2026, 5, 20), "Giám sát việc giải quyết thủ tục hành chính tại Trung tâm phục vụ hành chính công phường",
            "Trung tâm phục vụ hành chính công phường", 2, resolved: 1);
        await SuperviseAsync(ward.Id, new(2026, 9, 15), "Giám sát việc thu gom, vận chuyển rác thải sinh hoạt trên địa bàn phường",
            "UBND phường, đơn vị thu gom rác thải", 3, resolved: 2, team: "Ban Thường trực Ủy ban MTTQ phường, Hội Cựu chiến binh phường");
        db.Supervisions.Add(new Supervision
        {
            UnitId = ward.Id, Year = 2026, PlannedMonth = 12, Status = SupervisionStatus.Planned, CreatedAt = _now,
            Title = "Giám sát việc thực hiện chính sách bảo hiểm y tế cho hộ cận nghèo năm 2026", Subject = "UBND phường Bồ Đề, Bảo hiểm xã hội khu vực",
        });
        await db.SaveChangesAsync();
        await SuperviseAsync(ward.Id, new(2026, 4, 14), "Giám sát việc thu, chi quỹ vệ sinh môi trường của tổ dân phố 5", "Tổ dân phố 5",
            2, resolved: 1, board: SupervisionBoard.InspectionBoard, team: "Ban Thanh tra nhân dân phường (05 thành viên)");
        await SuperviseAsync(ward.Id, new(2026, 8, 11), "Giám sát việc giải quyết đơn thư của công dân tại UBND phường", "UBND phường Bồ Đề",
            1, board: SupervisionBoard.InspectionBoard, team: "Ban Thanh tra nhân dân phường (05 thành viên)");
        await SuperviseAsync(ward.Id, new(2026, 6, 23), "Giám sát thi công công trình cải tạo nhà văn hóa tổ dân phố 9", "Chủ đầu tư và nhà thầu thi công",
            2, resolved: 1, board: SupervisionBoard.InvestmentBoard, team: "Ban Giám sát đầu tư của cộng đồng phường");
        await CriticiseAsync(ward.Id, CriticismKind.SocialCriticism, new(2026, 10, 20), "Dự thảo Kế hoạch phát triển kinh tế – xã hội phường Bồ Đề năm 2027",
            "UBND phường Bồ Đề", 5, "Tổ tư vấn phản biện xã hội, các tổ chức thành viên",
            [
                ("Ưu tiên vốn cải tạo hệ thống thoát nước các ngõ thường ngập khi mưa lớn.", "Tổ tư vấn phản biện xã hội", CommentResponse.Accepted, "Đã đưa vào danh mục công trình năm 2027."),
                ("Bổ sung chỉ tiêu tỷ lệ hộ dân sử dụng dịch vụ công trực tuyến.", "Đoàn Thanh niên phường", CommentResponse.PartlyAccepted, "Bổ sung chỉ tiêu chung của phường, chưa giao chỉ tiêu đến từng tổ dân phố."),
                ("Bố trí thêm điểm sinh hoạt cộng đồng cho người cao tuổi.", "Hội Người cao tuổi phường", CommentResponse.Pending, null),
            ]);
        await SaveAsync(new Conference
        {
            UnitId = ward.Id, Date = new(2026, 7, 8), Type = ConferenceType.Review, Title = "Hội nghị sơ kết công tác Mặt trận 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2026",
            Invited = 90, Present = 82, Opinions = 6,
        });

        // Weekly entries of four groups for the five weeks before this one, by the app's clock (tổ 11 has
        // already sent this week's), so the weekly screens look current whenever the demo is loaded.
        var weekly = groups.Where(g => g.Name is "3" or "7" or "11" or "13").ToList();
        var thisWeek = Indicators.FigureText.WeekOf(db.Clock.Today);
        foreach (var (week, w) in WeeksBefore(thisWeek, 5).Select((week, i) => (week, i)))
            foreach (var g in weekly)
                await WeekAsync(g, week, rng, (w + g.Id) % 2 == 0 ? "ve_sinh_moi_truong" : "nam_tinh_hinh");
        if (groups.FirstOrDefault(g => g.Code == "DEMO-NL-TDP11") is { } to11)
            await WeekAsync(to11, thisWeek, rng, "tham_hoi");

        // Unity Day 2026: 9 of the 14 groups so far.
        var held = groups.Where(g => g.Name is not ("4" or "8" or "12" or "13" or "14")).ToList();
        for (var i = 0; i < held.Count; i++)
        {
            var total = held[i].Households ?? 200;
            await SaveAsync(new UnityDay
            {
                UnitId = held[i].Id, Year = 2026, Held = true, Date = new(2026, 11, 8 + i), HouseholdsTotal = total,
                HouseholdsAttending = (int)Math.Round(total * (0.7 + 0.2 * rng.NextDouble())),
            });
        }
    }

    /// <summary>Phường Kiến Tường and its quarters in 2026.</summary>
    private async Task KienTuongAsync()
    {
        var ward = await CurrentAsync("DEMO-KIENTUONG");
        var quarters = await ChildrenAsync(ward, null);
        var rng = new Random(72);
        (DateOnly Date, string Title, int People)[] talks =
        [
            (new(2026, 1, 22), "Tuyên truyền mừng Đảng, mừng Xuân Bính Ngọ 2026", 85),
            (new(2026, 3, 5), "Tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu HĐND các cấp nhiệm kỳ 2026–2031", 130),
            (new(2026, 5, 14), "Tuyên truyền phòng, chống sốt xuất huyết mùa mưa", 60),
            (new(2026, 9, 24), "Tuyên truyền phòng, chống lừa đảo trên không gian mạng", 70),
        ];
        foreach (var (date, title, people) in talks)
            await SaveAsync(new Activity { UnitId = ward.Id, KindId = K("tuyen_truyen"), Date = date, Title = title, Sessions = 1, Attendances = people });
        await SaveAsync(new Activity
        {
            UnitId = ward.Id, KindId = K("tang_qua"), Date = new(2026, 2, 6), Title = "Trao quà Tết cho hộ nghèo, hộ cận nghèo, hộ có hoàn cảnh khó khăn",
            Sessions = 1, Gifts = 210, Money = 105_000_000,
        });
        await SaveAsync(new Activity
        {
            UnitId = ward.Id, KindId = K("tiep_xuc_cu_tri"), Date = new(2026, 6, 18), Title = "Tiếp xúc cử tri trước kỳ họp giữa năm 2026 của HĐND phường",
            Sessions = 1, Attendances = 95, Opinions = 11,
        });
        await SaveAsync(new Conference
        {
            UnitId = ward.Id, Date = new(2026, 7, 10), Type = ConferenceType.Review, Title = "Hội nghị sơ kết công tác Mặt trận 6 tháng đầu năm 2026",
            Invited = 70, Present = 64, Opinions = 5,
        });
        foreach (var q in quarters.Take(2))
            foreach (var week in WeeksBefore(Indicators.FigureText.WeekOf(db.Clock.Today), 3))
                await WeekAsync(q, week, rng, "ve_sinh_moi_truong");
        for (var i = 0; i < quarters.Count - 1; i++)
        {
            var total = quarters[i].Households ?? 300;
            await SaveAsync(new UnityDay
            {
                UnitId = quarters[i].Id, Year = 2026, Held = true, Date = new(2026, 11, 12 + i), HouseholdsTotal = total,
                HouseholdsAttending = (int)Math.Round(total * (0.75 + 0.15 * rng.NextDouble())),
            });
        }
    }

    /// <summary>
    /// What a board head sends on the weekly screen: sometimes the residents' meeting, and one other kind; as the
    /// screen saves them, dated on the week's Monday and titled "kind tuần 48/2026 (23/11–29/11/2026)".
    /// </summary>
    private async Task WeekAsync(Unit group, Period week, Random rng, string other)
    {
        var label = $" tuần {week.Id[^2..]}/{week.Id[..4]} {week.Label[week.Label.IndexOf('(', StringComparison.Ordinal)..]}";
        if (rng.Next(3) == 0)
            await SaveAsync(new Activity
            {
                UnitId = group.Id, KindId = K("hop_dan"), Date = week.From, Title = _kinds["hop_dan"].Name + label,
                Sessions = 1, Attendances = 25 + rng.Next(30), Opinions = rng.Next(4), Source = RecordSource.Weekly, Week = week.Id,
            });
        var a = new Activity { UnitId = group.Id, KindId = K(other), Date = week.From, Title = _kinds[other].Name + label, Source = RecordSource.Weekly, Week = week.Id };
        switch (other)
        {
            case "ve_sinh_moi_truong": a.Sessions = 1; a.Attendances = 15 + rng.Next(25); break;
            case "nam_tinh_hinh": a.Opinions = 1 + rng.Next(4); break;
            case "tham_hoi": a.Households = 1 + rng.Next(4); break;
        }
        await SaveAsync(a);
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>The <paramref name="count"/> weeks before <paramref name="week"/>, oldest first.</summary>
    private static IEnumerable<Period> WeeksBefore(Period week, int count)
    {
        var weeks = new Period[count];
        for (var i = count - 1; i >= 0; i--) weeks[i] = week = week.Previous();
        return weeks;
    }

    private int K(string code) => _kinds[code].Id;

    private Task<Unit> VersionAsync(string code, DateOnly on) =>
        db.Units.AsNoTracking().ValidOn(on).FirstAsync(u => u.Code == code);

    private Task<Unit> CurrentAsync(string code) =>
        db.Units.AsNoTracking().FirstAsync(u => u.Code == code && u.ValidTo == null);

    /// <summary>The children valid on the date (current ones when null), in number order (tổ 2 before tổ 10).</summary>
    private async Task<List<Unit>> ChildrenAsync(Unit parent, DateOnly? on)
    {
        var q = db.Units.AsNoTracking().Where(u => u.ParentId == parent.Id);
        q = on is DateOnly d ? q.ValidOn(d) : q.Where(u => u.ValidTo == null);
        var list = await q.ToListAsync();
        return [.. list.OrderBy(u => int.TryParse(u.Name, out var n) ? n : int.MaxValue).ThenBy(u => u.Name)];
    }

    private async Task<int?> OrgAsync(int unitId, OrganisationKind kind) =>
        await db.Organisations.AsNoTracking().Where(o => o.UnitId == unitId && o.Kind == kind).OrderBy(o => o.Id).Select(o => (int?)o.Id).FirstOrDefaultAsync();

    /// <summary>Splits a total into parts proportional to the weights; the parts always add up to the total.</summary>
    private static int[] Split(int total, IReadOnlyList<double> weights)
    {
        var sum = weights.Sum();
        var parts = weights.Select(w => (int)Math.Floor(total * w / sum)).ToArray();
        for (var (i, rest) = (0, total - parts.Sum()); rest > 0; i = (i + 1) % parts.Length, rest--) parts[i]++;
        return parts;
    }

    private static double Jitter(Random rng) => 0.7 + 0.6 * rng.NextDouble();

    private static DateOnly Between(Random rng, DateOnly from, DateOnly to) => from.AddDays(rng.Next(to.DayNumber - from.DayNumber + 1));

    // Every record goes through RecordWriter; the tracker is cleared after each so the load stays linear.
    private async Task SaveAsync(Activity a, params int?[] organisers)
    {
        if (a.Source == RecordSource.Form) a.Source = RecordSource.Demo;
        a.CreatedAt = _now;
        foreach (var id in organisers.OfType<int>().Distinct())
            a.Organisers.Add(new ActivityOrganiser { OrganisationId = id, Lead = a.Organisers.Count == 0 });
        db.Activities.Add(a);
        await writer.SaveAsync(a);
        db.ChangeTracker.Clear();
    }

    private async Task SaveAsync(Conference c)
    {
        c.CreatedAt = _now;
        db.Conferences.Add(c);
        await writer.SaveAsync(c);
        db.ChangeTracker.Clear();
    }

    private async Task SaveAsync(Initiative i)
    {
        i.CreatedAt = _now;
        db.Initiatives.Add(i);
        await writer.SaveAsync(i);
        db.ChangeTracker.Clear();
    }

    private async Task SaveAsync(UnityDay d)
    {
        d.CreatedAt = _now;
        db.UnityDays.Add(d);
        await writer.SaveAsync(d);
        db.ChangeTracker.Clear();
    }

    private async Task SaveAsync(Commendation c)
    {
        c.CreatedAt = _now;
        db.Commendations.Add(c);
        await writer.SaveAsync(c);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// A supervision carried out on one day (with its session) and its recommendations; <paramref name="resolved"/> of them were
    /// answered and resolved, the rest wait for an answer by a due date a month after.
    /// </summary>
    private async Task SuperviseAsync(int unitId, DateOnly date, string title, string subject, int recommendations = 0, int? resolved = null,
        int? people = null, string? basis = null, string? team = null, SupervisionBoard board = SupervisionBoard.Committee,
        SupervisionRole role = SupervisionRole.Lead, string? ledBy = null, string? findings = null)
    {
        var s = new Supervision
        {
            UnitId = unitId, Year = date.Year, Board = board, Role = role, Title = title, Subject = subject, PeopleSupervised = people, Basis = basis,
            Team = team ?? (role == SupervisionRole.Lead ? "Ban Thường trực Ủy ban MTTQ, đại diện các tổ chức thành viên" : "Đại diện Ban Thường trực Ủy ban MTTQ"),
            LedBy = ledBy, PlannedMonth = date.Month, Status = SupervisionStatus.Done, StartedOn = date, EndedOn = date,
            Findings = findings ?? (recommendations == 0 ? "Cơ bản thực hiện đúng quy định; không có kiến nghị." : "Cơ bản thực hiện đúng quy định; còn một số hạn chế, đoàn giám sát đã kiến nghị khắc phục."),
            CreatedAt = _now,
        };
        db.Supervisions.Add(s);
        await db.SaveChangesAsync();
        db.SupervisionSessions.Add(new SupervisionSession { SupervisionId = s.Id, Date = date, Content = $"Làm việc với {subject}" });
        var today = db.Clock.Today;
        for (var i = 0; i < recommendations; i++)
        {
            var done = i < (resolved ?? recommendations);
            var answered = date.AddDays(15) <= today ? date.AddDays(15) : today;
            db.Recommendations.Add(new Recommendation
            {
                SupervisionId = s.Id, Addressee = subject, IssuedOn = date, DueDate = date.AddDays(30),
                Content = recommendations == 1 ? "Khắc phục những hạn chế đoàn giám sát đã chỉ ra, báo cáo kết quả với Ban Thường trực Ủy ban MTTQ."
                    : $"Kiến nghị {i + 1}: khắc phục hạn chế thứ {i + 1} đoàn giám sát đã chỉ ra, báo cáo kết quả với Ban Thường trực Ủy ban MTTQ.",
                Status = done ? RecommendationStatus.Resolved : RecommendationStatus.Issued,
                Response = done ? "Đã tiếp thu và khắc phục." : null, RespondedOn = done ? answered : null, ResolvedOn = done ? answered : null,
            });
        }
        await writer.SaveAsync(s);
        db.ChangeTracker.Clear();
    }

    /// <summary>A criticism conference or feedback on a draft: <paramref name="comments"/> written out with the drafting body's response, or only counted.</summary>
    private async Task CriticiseAsync(int unitId, CriticismKind kind, DateOnly date, string draft, string draftingBody, int count,
        string? participants = null, (string Content, string By, CommentResponse Response, string? Explanation)[]? comments = null)
    {
        var c = new SocialCriticism
        {
            UnitId = unitId, Kind = kind, Date = date, Draft = draft, DraftingBody = draftingBody, Participants = participants,
            CommentCount = count > (comments?.Length ?? 0) ? count : null, CreatedAt = _now,
        };
        db.SocialCriticisms.Add(c);
        await db.SaveChangesAsync();
        foreach (var (content, by, response, explanation) in comments ?? [])
            db.CriticismComments.Add(new CriticismComment
            {
                CriticismId = c.Id, Content = content, By = by, Response = response, Explanation = explanation,
                RespondedOn = response == CommentResponse.Pending ? null : date.AddDays(10),
            });
        await writer.SaveAsync(c);
        db.ChangeTracker.Clear();
    }
}
