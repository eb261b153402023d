using DoanKet.Data;
using DoanKet.Domain.Funds;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Petitions;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using Microsoft.EntityFrameworkCore;
using M = DoanKet.Domain.Records.Measures;

namespace DoanKet.Features.Indicators;

/// <summary>
/// The starting catalogue of activity kinds and indicators, added to every database after migrating.
/// Rows are added by code when missing and never overwritten, so an administrator's edits stay.
/// </summary>
public static class Catalogue
{
    private const string Safety = "An toàn giao thông, tệ nạn xã hội, phòng cháy chữa cháy";
    private const string Order = "Trật tự xây dựng, trật tự đô thị, vệ sinh môi trường";

    /// <summary>The starting topic groups of opinions; their groups are the way reports gather them ("tập trung vào 4 nhóm").</summary>
    public static readonly Topic[] Topics =
    [
        Topic("atgt", "An toàn giao thông", "ATGT", Safety),
        Topic("tnxh", "Tệ nạn xã hội", "TNXH", Safety),
        Topic("pccc", "Phòng cháy, chữa cháy", "PCCC", Safety),
        Topic("ttxd", "Trật tự xây dựng", "TTXD", Order),
        Topic("ttdt", "Trật tự đô thị", "TTĐT", Order),
        Topic("vsmt", "Vệ sinh môi trường", "VSMT", Order),
        Topic("van_hoa", "Gia đình văn hóa, khu dân cư văn hóa", null, "Xây dựng gia đình văn hóa, tổ dân phố văn hóa"),
        Topic("ung_xu", "Quy tắc ứng xử nơi công cộng", null, "Quy tắc ứng xử nơi công cộng"),
        Topic("dat_dai", "Đất đai, quy hoạch, giải phóng mặt bằng", null, "Đất đai, quy hoạch, hạ tầng"),
        Topic("ha_tang", "Hạ tầng, đường, điện, nước, thoát nước", null, "Đất đai, quy hoạch, hạ tầng"),
        Topic("an_sinh", "Chính sách, an sinh xã hội", null, "Chính sách, an sinh, dịch vụ công"),
        Topic("y_te_giao_duc", "Y tế, giáo dục", null, "Chính sách, an sinh, dịch vụ công"),
        Topic("hanh_chinh", "Thủ tục hành chính, thái độ cán bộ", null, "Chính sách, an sinh, dịch vụ công"),
        Topic("khac", "Vấn đề khác", null, "Khác"),
    ];

    public static readonly ActivityKind[] Kinds =
    [
        Kind("tuyen_truyen", "Tuyên truyền, vận động", "tuyen_truyen", M.Sessions | M.Attendances, weekly: true),
        Kind("pho_bien_phap_luat", "Tuyên truyền, phổ biến, giáo dục pháp luật", "tuyen_truyen", M.Sessions | M.Attendances),
        Kind("tuyen_truyen_chinh_trang", "Tuyên truyền chỉnh trang đô thị, ra quân tại tuyến phố", "tuyen_truyen", M.Sessions | M.Attendances),
        Kind("ve_sinh_moi_truong", "Ra quân vệ sinh môi trường", "phong_trao", M.Sessions | M.Attendances, weekly: true),
        Kind("van_hoa_the_thao", "Hoạt động văn hóa, thể thao", "phong_trao", M.Sessions | M.Attendances),
        Kind("tang_qua", "Thăm hỏi, tặng quà", "an_sinh", M.Sessions | M.Gifts | M.Money, weekly: true),
        Kind("tham_hoi", "Thăm hỏi gia đình chính sách, hộ khó khăn", "an_sinh", M.Households, weekly: true),
        Kind("ho_tro_sinh_ke", "Hỗ trợ sinh kế, giảm nghèo", "an_sinh", M.Households | M.Money),
        Kind("ho_tro_kho_khan", "Hỗ trợ người dân gặp khó khăn (thiên tai, dịch bệnh)", "an_sinh", M.People | M.Money),
        // Recorded as supervisions and social criticism now (Features/Supervisions); retired so nothing is counted twice,
        // kept so that activities recorded before keep their facts.
        Kind("giam_sat", "Giám sát", "giam_sat", M.Sessions | M.People | M.Opinions, retired: true),
        Kind("giam_sat_phoi_hop", "Tham gia giám sát với HĐND, cơ quan chức năng", "giam_sat", M.Sessions, retired: true),
        Kind("phan_bien", "Hội nghị phản biện xã hội", "giam_sat", M.Sessions | M.Opinions, retired: true),
        Kind("gop_y_du_thao", "Góp ý dự thảo văn bản của cấp ủy, chính quyền", "giam_sat", M.Sessions | M.Opinions, retired: true),
        Kind("doi_thoai", "Đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân", "dan_chu", M.Sessions | M.Attendances | M.Opinions),
        Kind("tiep_xuc_cu_tri", "Tiếp xúc cử tri", "dan_chu", M.Sessions | M.Attendances | M.Opinions),
        Kind("hop_dan", "Họp tổ dân phố, thôn, khu dân cư", "dan_chu", M.Sessions | M.Attendances | M.Opinions, weekly: true),
        Kind("nam_tinh_hinh", "Nắm tình hình, ý kiến nhân dân", "dan_chu", M.Opinions, weekly: true),
        Kind("tap_huan", "Tập huấn, bồi dưỡng cán bộ", "to_chuc", M.Sessions | M.Attendances),
    ];

    public static readonly Indicator[] Indicators =
    [
        // Propaganda and mobilisation
        Sum("tuyen_truyen.cuoc", "Tuyên truyền, vận động: số cuộc", "cuộc", "tuyen_truyen", "tuyen_truyen.cuoc", main: true),
        Sum("tuyen_truyen.luot_nguoi", "Tuyên truyền, vận động: lượt người dự", "lượt người", "tuyen_truyen", "tuyen_truyen.luot_nguoi", main: true),
        Sum("pho_bien_phap_luat.cuoc", "Phổ biến, giáo dục pháp luật: số cuộc", "cuộc", "tuyen_truyen", "pho_bien_phap_luat.cuoc"),
        Sum("pho_bien_phap_luat.luot_nguoi", "Phổ biến, giáo dục pháp luật: lượt người dự", "lượt người", "tuyen_truyen", "pho_bien_phap_luat.luot_nguoi"),
        Sum("tuyen_truyen_chinh_trang.cuoc", "Tuyên truyền chỉnh trang đô thị: số buổi", "buổi", "tuyen_truyen", "tuyen_truyen_chinh_trang.cuoc"),
        // Movements, initiatives, Unity Day
        Sum("mo_hinh", "Mô hình đăng ký thực hiện", "mô hình", "phong_trao",
            string.Join('|', Initiative.Fields.Select(f => "mo_hinh." + f.Code)), main: true),
        .. Initiative.Fields.Select((f, n) => Sum("mo_hinh." + f.Code, "Mô hình lĩnh vực " + f.Label.ToLowerInvariant(), "mô hình", "phong_trao", "mo_hinh." + f.Code, order: n)),
        Sum("ve_sinh_moi_truong.cuoc", "Ra quân vệ sinh môi trường: số buổi", "buổi", "phong_trao", "ve_sinh_moi_truong.cuoc"),
        new Indicator
        {
            Code = "ngay_hoi.khu_dan_cu", Name = "Khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc", UnitOfMeasure = "khu dân cư",
            Area = "phong_trao", Rule = IndicatorRule.Coverage, Facts = "ngay_hoi.to_chuc", CoverageLevel = UnitLevel.ResidentialGroup, Main = true,
        },
        Sum("ngay_hoi.ho_du", "Ngày hội Đại đoàn kết: hộ dân tham dự", "hộ", "phong_trao", "ngay_hoi.ho_du"),
        Sum("ngay_hoi.ho", "Ngày hội Đại đoàn kết: tổng số hộ của khu dân cư tổ chức", "hộ", "phong_trao", "ngay_hoi.ho"),
        Ratio("ngay_hoi.ty_le_ho", "Ngày hội Đại đoàn kết: tỷ lệ hộ dân tham dự", "phong_trao", "ngay_hoi.ho_du", "ngay_hoi.ho"),
        // Social welfare
        Sum("tang_qua.phan_qua", "Tặng quà: số phần quà", "phần quà", "an_sinh", "tang_qua.phan_qua", main: true),
        Sum("tang_qua.dong", "Tặng quà: trị giá", "đồng", "an_sinh", "tang_qua.dong", main: true),
        Sum("tham_hoi.ho", "Thăm hỏi: số hộ", "hộ", "an_sinh", "tham_hoi.ho"),
        Sum("ho_tro_sinh_ke.dong", "Hỗ trợ sinh kế, giảm nghèo: trị giá", "đồng", "an_sinh", "ho_tro_sinh_ke.dong"),
        Sum("ho_tro_kho_khan.nguoi", "Hỗ trợ người dân gặp khó khăn: số người", "người", "an_sinh", "ho_tro_kho_khan.nguoi"),
        Sum("ho_tro_kho_khan.dong", "Hỗ trợ người dân gặp khó khăn: số tiền", "đồng", "an_sinh", "ho_tro_kho_khan.dong"),
        // Funds (from the ledger: Features/Funds)
        Sum("quy.tien", "Vận động ủng hộ các quỹ: tiền", "đồng", "an_sinh", FundKeys("tien"), main: true),
        Sum("quy.hien_vat", "Vận động ủng hộ các quỹ: hiện vật quy ra tiền", "đồng", "an_sinh", FundKeys("hien_vat")),
        .. Enum.GetValues<FundKind>().Select((k, n) => Sum("quy." + Fund.KindCode(k), (Fund.KindLabel(k).StartsWith("Vận động", StringComparison.Ordinal) ? "" : "Vận động ") + Fund.KindLabel(k) + " (tiền và hiện vật)", "đồng", "an_sinh",
            $"quy.{Fund.KindCode(k)}.tien|quy.{Fund.KindCode(k)}.hien_vat", order: n)),
        Sum("chi.dong", "Chi hỗ trợ từ các quỹ", "đồng", "an_sinh", PurposeKeys("dong"), main: true),
        Sum("chi.qua.phan_qua", "Chi quỹ: số phần quà", "phần quà", "an_sinh", "chi.qua.phan_qua"),
        Sum("chi.qua.dong", "Chi quỹ: trị giá quà tặng", "đồng", "an_sinh", "chi.qua.dong"),
        Sum("chi.ho", "Hộ được hỗ trợ từ quỹ", "hộ", "an_sinh", PurposeKeys("ho")),
        Sum("chi.nguoi", "Người được hỗ trợ từ quỹ", "người", "an_sinh", PurposeKeys("nguoi")),
        Sum("chi.nha.can", "Nhà Đại đoàn kết xây mới, sửa chữa", "căn", "an_sinh", "chi.nha.can"),
        Sum("chi.nha.dong", "Chi xây, sửa nhà", "đồng", "an_sinh", "chi.nha.dong"),
        Sum("chi.sinh_ke.dong", "Chi hỗ trợ sinh kế", "đồng", "an_sinh", "chi.sinh_ke.dong"),
        Sum("chi.ho_tro.dong", "Chi hỗ trợ người khó khăn", "đồng", "an_sinh", "chi.ho_tro.dong"),
        // Supervision, social criticism, feedback
        Sum("giam_sat.cuoc", "Giám sát: số cuộc", "cuộc", "giam_sat", "giam_sat.cuoc", main: true),
        Sum("giam_sat.nguoi", "Giám sát: số người được giám sát", "người", "giam_sat", "giam_sat.nguoi"),
        Sum("giam_sat.kien_nghi", "Giám sát: số kiến nghị", "kiến nghị", "giam_sat", "giam_sat.y_kien"),
        Sum("giam_sat_phoi_hop.cuoc", "Tham gia giám sát với HĐND, cơ quan chức năng: số buổi", "buổi", "giam_sat", "giam_sat_phoi_hop.cuoc"),
        Sum("giam_sat.kien_nghi_giai_quyet", "Giám sát: kiến nghị đã được giải quyết", "kiến nghị", "giam_sat", "giam_sat.kien_nghi_giai_quyet"),
        Sum("phan_bien.cuoc", "Hội nghị phản biện xã hội", "hội nghị", "giam_sat", "phan_bien.cuoc"),
        Sum("phan_bien.y_kien", "Phản biện xã hội: ý kiến phản biện", "ý kiến", "giam_sat", "phan_bien.y_kien"),
        Sum("phan_bien.tiep_thu", "Phản biện xã hội: ý kiến được tiếp thu", "ý kiến", "giam_sat", "phan_bien.tiep_thu"),
        Sum("gop_y_du_thao.cuoc", "Góp ý dự thảo văn bản: số văn bản", "văn bản", "giam_sat", "gop_y_du_thao.cuoc"),
        Sum("gop_y_du_thao.y_kien", "Góp ý dự thảo văn bản: lượt ý kiến", "lượt ý kiến", "giam_sat", "gop_y_du_thao.y_kien"),
        Sum("gop_y_du_thao.tiep_thu", "Góp ý dự thảo văn bản: ý kiến được tiếp thu", "ý kiến", "giam_sat", "gop_y_du_thao.tiep_thu"),
        // The People's Inspection Board and the community investment supervision board
        Sum("ttnd.cuoc", "Ban Thanh tra nhân dân: vụ việc giám sát", "vụ việc", "giam_sat", "ttnd.cuoc"),
        Sum("ttnd.kien_nghi", "Ban Thanh tra nhân dân: kiến nghị", "kiến nghị", "giam_sat", "ttnd.y_kien"),
        Sum("ttnd.kien_nghi_giai_quyet", "Ban Thanh tra nhân dân: kiến nghị đã được giải quyết", "kiến nghị", "giam_sat", "ttnd.kien_nghi_giai_quyet"),
        Sum("gsdtcd.cuoc", "Ban Giám sát đầu tư của cộng đồng: công trình, dự án giám sát", "công trình", "giam_sat", "gsdtcd.cuoc"),
        Sum("gsdtcd.kien_nghi", "Ban Giám sát đầu tư của cộng đồng: kiến nghị", "kiến nghị", "giam_sat", "gsdtcd.y_kien"),
        Sum("gsdtcd.kien_nghi_giai_quyet", "Ban Giám sát đầu tư của cộng đồng: kiến nghị đã được giải quyết", "kiến nghị", "giam_sat", "gsdtcd.kien_nghi_giai_quyet"),
        // Democracy, voter contact, dialogue, opinions
        Sum("tiep_xuc_cu_tri.cuoc", "Tiếp xúc cử tri: số cuộc", "cuộc", "dan_chu", "tiep_xuc_cu_tri.cuoc"),
        Sum("tiep_xuc_cu_tri.luot_nguoi", "Tiếp xúc cử tri: lượt người dự", "lượt người", "dan_chu", "tiep_xuc_cu_tri.luot_nguoi"),
        Sum("tiep_xuc_cu_tri.y_kien", "Tiếp xúc cử tri: ý kiến tổng hợp", "ý kiến", "dan_chu", "tiep_xuc_cu_tri.y_kien"),
        Sum("doi_thoai.cuoc", "Hội nghị đối thoại", "hội nghị", "dan_chu", "doi_thoai.cuoc"),
        Sum("hop_dan.cuoc", "Họp khu dân cư: số cuộc", "cuộc", "dan_chu", "hop_dan.cuoc"),
        Sum("y_kien_nhan_dan", "Ý kiến, kiến nghị của nhân dân ghi nhận", "ý kiến", "dan_chu",
            OpinionFacts, main: true),
        // Petitions recorded one by one (Features/Petitions)
        Sum("y_kien.nhan", "Ý kiến, kiến nghị tiếp nhận (ghi từng ý kiến)", "ý kiến", "dan_chu", "y_kien.nhan"),
        .. Enum.GetValues<PetitionChannel>().Select(c => Sum("y_kien.kenh." + PetitionLabels.ChannelKey(c), "Ý kiến tiếp nhận qua " + PetitionLabels.Channel(c).ToLowerInvariant(), "ý kiến", "dan_chu", "y_kien.kenh." + PetitionLabels.ChannelKey(c))),
        .. Topics.Select(t => Sum("y_kien.chu_de." + t.Code, "Ý kiến về " + t.Name.ToLowerInvariant(), "ý kiến", "dan_chu", "y_kien.chu_de." + t.Code)),
        Sum("y_kien.chuyen", "Ý kiến chuyển cơ quan có thẩm quyền", "ý kiến", "dan_chu", "y_kien.chuyen"),
        Sum("y_kien.tra_loi", "Ý kiến đã được trả lời", "ý kiến", "dan_chu", "y_kien.tra_loi_dung_han|y_kien.tra_loi_tre_han"),
        Sum("y_kien.tra_loi_dung_han", "Ý kiến được trả lời đúng hạn", "ý kiến", "dan_chu", "y_kien.tra_loi_dung_han"),
        Sum("y_kien.tra_loi_tre_han", "Ý kiến trả lời quá hạn", "ý kiến", "dan_chu", "y_kien.tra_loi_tre_han"),
        Ratio("y_kien.ty_le_dung_han", "Tỷ lệ ý kiến được trả lời đúng hạn", "dan_chu", "y_kien.tra_loi_dung_han", "y_kien.tra_loi"),
        Sum("y_kien.cong_bo", "Trả lời ý kiến đã công khai", "ý kiến", "dan_chu", "y_kien.cong_bo"),
        // Conferences
        Sum("hoi_nghi.cuoc", "Hội nghị đã tổ chức", "hội nghị", "to_chuc",
            "hoi_nghi.so_ket.cuoc|hoi_nghi.uy_ban.cuoc|hoi_nghi.dan_cu.cuoc|hoi_nghi.lam_viec.cuoc|hoi_nghi.hiep_thuong.cuoc|hoi_nghi.khac.cuoc"),
        Sum("hoi_nghi.dan_cu.moi", "Hội nghị đại biểu nhân dân: đại biểu được mời", "đại biểu", "dan_chu", "hoi_nghi.dan_cu.moi"),
        Sum("hoi_nghi.dan_cu.du", "Hội nghị đại biểu nhân dân: đại biểu có mặt", "đại biểu", "dan_chu", "hoi_nghi.dan_cu.du"),
        Ratio("hoi_nghi.dan_cu.ty_le", "Hội nghị đại biểu nhân dân: tỷ lệ đại biểu có mặt", "dan_chu", "hoi_nghi.dan_cu.du", "hoi_nghi.dan_cu.moi"),
        Sum("hoi_nghi.lam_viec.cuoc", "Buổi làm việc của cấp trên", "buổi", "to_chuc", "hoi_nghi.lam_viec.cuoc"),
        // Commendations
        Sum("khen_thuong.tap_the", "Khen thưởng: tập thể", "tập thể", "to_chuc",
            "khen_thuong.cap_xa.tap_the|khen_thuong.cap_huyen.tap_the|khen_thuong.cap_tinh.tap_the|khen_thuong.trung_uong.tap_the", main: true),
        Sum("khen_thuong.ca_nhan", "Khen thưởng: cá nhân", "cá nhân", "to_chuc",
            "khen_thuong.cap_xa.ca_nhan|khen_thuong.cap_huyen.ca_nhan|khen_thuong.cap_tinh.ca_nhan|khen_thuong.trung_uong.ca_nhan", main: true),
        .. new[] { AwardLevel.Commune, AwardLevel.District, AwardLevel.Province, AwardLevel.Central }.SelectMany(l => new[]
        {
            Sum($"khen_thuong.{Commendation.LevelKey(l)}.tap_the", $"Khen thưởng {Commendation.LevelLabel(l).ToLowerInvariant()}: tập thể", "tập thể", "to_chuc", $"khen_thuong.{Commendation.LevelKey(l)}.tap_the"),
            Sum($"khen_thuong.{Commendation.LevelKey(l)}.ca_nhan", $"Khen thưởng {Commendation.LevelLabel(l).ToLowerInvariant()}: cá nhân", "cá nhân", "to_chuc", $"khen_thuong.{Commendation.LevelKey(l)}.ca_nhan"),
        }),
        Sum("khen_thuong.de_nghi", "Đề nghị cấp trên khen thưởng", "trường hợp", "to_chuc",
            "khen_thuong.cap_huyen.tap_the.de_nghi|khen_thuong.cap_huyen.ca_nhan.de_nghi|khen_thuong.cap_tinh.tap_the.de_nghi|khen_thuong.cap_tinh.ca_nhan.de_nghi|khen_thuong.trung_uong.tap_the.de_nghi|khen_thuong.trung_uong.ca_nhan.de_nghi"),
        Sum("tap_huan.cuoc", "Tập huấn, bồi dưỡng cán bộ: số lớp", "lớp", "to_chuc", "tap_huan.cuoc"),
    ];

    /// <summary>Opinions of the people: counted at meetings and conferences, and recorded one by one as petitions.</summary>
    public const string OpinionFacts = "hop_dan.y_kien|nam_tinh_hinh.y_kien|doi_thoai.y_kien|hoi_nghi.dan_cu.y_kien|hoi_nghi.so_ket.y_kien|hoi_nghi.uy_ban.y_kien|y_kien.nhan";

    private static Topic Topic(string code, string name, string? abbreviation, string group) => new() { Code = code, Name = name, Abbreviation = abbreviation, Group = group };

    private static ActivityKind Kind(string code, string name, string area, Measures measures, bool weekly = false, bool retired = false) =>
        new() { Code = code, Name = name, Area = area, Measures = measures, Weekly = weekly, Retired = retired };

    private static string FundKeys(string suffix) => string.Join('|', Enum.GetValues<FundKind>().Select(k => $"quy.{Fund.KindCode(k)}.{suffix}"));
    private static string PurposeKeys(string suffix) => string.Join('|', Enum.GetValues<Purpose>().Select(p => $"chi.{MoneyEntry.PurposeKey(p)}.{suffix}"));

    private static Indicator Sum(string code, string name, string unit, string area, string facts, bool main = false, int order = 0) =>
        new() { Code = code, Name = name, UnitOfMeasure = unit, Area = area, Rule = IndicatorRule.Sum, Facts = facts, Main = main, SortOrder = order };

    private static Indicator Ratio(string code, string name, string area, string numerator, string denominator) =>
        new() { Code = code, Name = name, UnitOfMeasure = "%", Area = area, Rule = IndicatorRule.Ratio, Numerator = numerator, Denominator = denominator, Scale = 100 };

    /// <summary>Adds the kinds and indicators that are missing (by code); runs after every migration.</summary>
    public static async Task EnsureAsync(AppDb db)
    {
        var kinds = await db.ActivityKinds.Select(k => k.Code).ToListAsync();
        var order = 0;
        foreach (var k in Kinds)
        {
            order += 10;
            if (!kinds.Contains(k.Code))
                db.ActivityKinds.Add(new ActivityKind { Code = k.Code, Name = k.Name, Area = k.Area, Measures = k.Measures, Weekly = k.Weekly, Retired = k.Retired, SortOrder = order });
        }
        var topics = await db.Topics.Select(t => t.Code).ToListAsync();
        order = 0;
        foreach (var t in Topics)
        {
            order += 10;
            if (!topics.Contains(t.Code)) db.Topics.Add(new Topic { Code = t.Code, Name = t.Name, Abbreviation = t.Abbreviation, Group = t.Group, SortOrder = order });
        }
        var indicators = await db.Indicators.Select(i => i.Code).ToListAsync();
        var coverageAdded = false;
        order = 0;
        foreach (var i in Indicators)
        {
            order += 10;
            if (indicators.Contains(i.Code)) continue;
            coverageAdded |= i.Rule == IndicatorRule.Coverage;
            db.Indicators.Add(new Indicator
            {
                Code = i.Code, Name = i.Name, UnitOfMeasure = i.UnitOfMeasure, Area = i.Area, Rule = i.Rule, Facts = i.Facts,
                CoverageLevel = i.CoverageLevel, Numerator = i.Numerator, Denominator = i.Denominator, Scale = i.Scale, Main = i.Main,
                SortOrder = order + i.SortOrder,
            });
        }
        await db.SaveChangesAsync();
        // A new coverage indicator, or records older than the coverage months: build them now.
        var writer = new RecordWriter(db);
        if ((coverageAdded && indicators.Count > 0) || await writer.CoverageMissingAsync()) await writer.RebuildCoverageAsync();
    }

    /// <summary>Migrates the database and makes sure the catalogue is there: every start and verb uses this.</summary>
    public static async Task MigrateAsync(AppDb db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        await EnsureAsync(db);
        await OptimizeAsync(db, ct);
    }

    /// <summary>
    /// SQLite's planner picks a selective index only with statistics (a search by reference over a million entries:
    /// 485 ms without, 1 ms with; sampled statistics were not enough for a name) and keeps them only if asked;
    /// PostgreSQL's autovacuum keeps its own. Run at start and after each import: SQLite analyses only the tables
    /// that grew or shrank a lot since.
    /// </summary>
    public static async Task OptimizeAsync(AppDb db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA optimize = 0x10002", ct);
    }
}
