using System.Globalization;
using DoanKet.Data;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Indicators;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Reports;

/// <summary>A generated sentence and the indicators whose values it states (its provenance).</summary>
public sealed record ReportSentence(string Text, IReadOnlyList<string> Codes);

/// <summary>A line of a section's table: the figure, the previous period's and the change.</summary>
public sealed record ReportRow(string Code, string Name, string Value, string Previous, string Change);

public sealed record ReportSection(string Number, string Title, List<ReportSentence> Sentences, List<ReportRow> Rows);

/// <summary>One computed figure as the json output lists it.</summary>
public sealed record ReportFigure(string Code, string Label, double Value, double? Of, string Display, string UnitOfMeasure, string Period, string Unit);

/// <summary>The computed part of a report: what a submitted report keeps as it was sent (<see cref="Domain.Reports.ReviewReport.Snapshot"/>).</summary>
public sealed record ReportContent(string Kind, string Title, List<ReportSection> Results, List<string> Targets, List<ReportFigure> Figures);

public sealed record Report(Unit Unit, Period Period, FigureMode Mode, ReportContent Content)
{
    /// <summary>The parts the officers write themselves (situation, assessment, tasks, proposals), with what each should say.</summary>
    public static readonly (string Number, string Title, string Guide)[] Prose =
    [
        ("I", "ĐẶC ĐIỂM TÌNH HÌNH", "Tình hình kinh tế – xã hội, an ninh trật tự của địa phương và tư tưởng của nhân dân trong kỳ."),
        ("III", "ĐÁNH GIÁ CHUNG", "Ưu điểm, hạn chế và nguyên nhân; bài học kinh nghiệm."),
        ("IV", "PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", "Các nhiệm vụ trọng tâm theo chương trình công tác của kỳ tới."),
        ("V", "ĐỀ XUẤT, KIẾN NGHỊ", "Đề xuất, kiến nghị với cấp ủy, chính quyền và Ủy ban MTTQ cấp trên."),
    ];

    public string Kind => Content.Kind;
    public string Title => Content.Title;
    public List<ReportSection> Results => Content.Results;
    public List<string> Targets => Content.Targets;
    public List<ReportFigure> Figures => Content.Figures;

    /// <summary>What the officers wrote for each part of <see cref="Prose"/>, in order; null or blank shows the guide.</summary>
    public IReadOnlyList<string?> Written { get; init; } = [null, null, null, null];

    /// <summary>The document number once issued ("12" of "Số: 12/BC-MTTQ").</summary>
    public int? Number { get; init; }

    /// <summary>The text of a part as paragraphs, or null when nothing was written.</summary>
    public IReadOnlyList<string>? Paragraphs(int part) => Written[part] is { } w && !string.IsNullOrWhiteSpace(w)
        ? w.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;
}

/// <summary>
/// Writes the review report (báo cáo sơ kết / tổng kết) of a unit and a period from its figures: the results section by
/// area, in the Front's wording, each sentence naming the indicators it states, a table per area with the previous
/// period, and the targets' progress. Nothing in it is typed: every number is an indicator's value.
/// </summary>
public sealed class ReportBuilder(AppDb db, Figures figures)
{
    public async Task<Report> BuildAsync(Unit unit, Period period, FigureMode mode = FigureMode.Then)
    {
        var now = (await figures.ComputeAsync(unit, period, mode)).ToDictionary(f => f.Indicator.Code);
        // No previous period before 1945: the tables then show "—".
        Period? previous;
        try { previous = period.Previous(); }
        catch (InvalidOperationException) { previous = null; }
        var before = previous is { } prev ? (await figures.ComputeAsync(unit, prev, mode)).ToDictionary(f => f.Indicator.Code) : [];
        var topicGroups = await db.Topics.AsNoTracking().ToDictionaryAsync(t => "y_kien.chu_de." + t.Code, t => t.Group);
        var w = new Lines(now, before, Against(period.Kind));

        var results = new List<ReportSection>();
        var n = 0;
        foreach (var (area, label) in Areas.All)
        {
            var sentences = Sentences(area, w, topicGroups);
            var rows = now.Values.Where(f => f.Indicator.Area == area && f.Value != 0)
                .OrderByDescending(f => f.Indicator.Main).ThenBy(f => f.Indicator.SortOrder)
                .Select(f => new ReportRow(f.Indicator.Code, f.Indicator.Name, FigureText.Value(f),
                    before.TryGetValue(f.Indicator.Code, out var b) ? FigureText.Value(b) : "—",
                    before.TryGetValue(f.Indicator.Code, out var p) ? FigureText.Change(f, p) : "—"))
                .ToList();
            if (sentences.Count == 0 && rows.Count == 0) continue;
            results.Add(new ReportSection((++n).ToString(CultureInfo.InvariantCulture), label, sentences, rows));
        }

        var targets = (await TargetProgress.LoadAsync(db, figures, unit)).Where(t => t.Period is { } tp && tp.From <= period.To && tp.To >= period.From)
            .Select(ReportOutput.TargetText).ToList();
        var unitName = unit.FullName;
        var list = now.Values.Where(f => f.Value != 0 || f.Of is > 0)
            .Select(f => new ReportFigure(f.Indicator.Code, f.Indicator.Name, f.Value, f.Of, f.Display, f.Indicator.UnitOfMeasure, period.Id, unitName)).ToList();
        var kind = period.Kind is PeriodKind.Year or PeriodKind.Term ? "Tổng kết" : "Sơ kết";
        var title = $"{kind} công tác Mặt trận {Wording.LowerFirst(period.Label)}";
        return new Report(unit, period, mode, new ReportContent(kind, title, results, targets, list));
    }

    /// <summary>The sentences of one area, each written only when its first figure is not zero.</summary>
    private static List<ReportSentence> Sentences(string area, Lines w, IReadOnlyDictionary<string, string> topicGroups)
    {
        switch (area)
        {
            case "tuyen_truyen":
                w.Add("tuyen_truyen.cuoc", v => $"Tổ chức tuyên truyền, vận động {Wording.Pair(v[0], "cuộc", v[1], "lượt người")} tham dự.", "tuyen_truyen.luot_nguoi");
                w.Add("pho_bien_phap_luat.cuoc", v => $"Tuyên truyền, phổ biến, giáo dục pháp luật {Wording.Pair(v[0], "cuộc", v[1], "lượt người")}.", "pho_bien_phap_luat.luot_nguoi");
                w.Add("tuyen_truyen_chinh_trang.cuoc", v => $"Ra quân tuyên truyền chỉnh trang đô thị {Wording.Count(v[0], "buổi")}.");
                break;
            case "phong_trao":
                w.Add("mo_hinh", v => $"Các khu dân cư, tổ chức thành viên đăng ký thực hiện {Wording.Count(v[0], "mô hình")}.");
                w.Add("ve_sinh_moi_truong.cuoc", v => $"Ra quân vệ sinh môi trường {Wording.Count(v[0], "buổi")}.");
                w.AddFigure("ngay_hoi.khu_dan_cu", f =>
                    $"{Wording.Fraction(f.Value, f.Of ?? 0, "khu dân cư")} tổ chức Ngày hội Đại đoàn kết toàn dân tộc"
                    + (w.Get("ngay_hoi.ho_du") is { Value: > 0 } du ? $", thu hút {Wording.Count(du.Value, "hộ")} dân tham dự" : "")
                    + (w.Get("ngay_hoi.ty_le_ho") is { Parts.Denominator: > 0 } r ? $", đạt {Wording.Rate(r.Value)} số hộ" : "") + ".",
                    "ngay_hoi.ho_du", "ngay_hoi.ty_le_ho");
                break;
            case "an_sinh":
                w.Add("tang_qua.phan_qua", v => $"Thăm hỏi, tặng {Wording.Count(v[0], "phần quà")}" + (v[1] > 0 ? $" trị giá {Wording.Money(v[1])}" : "") + ".", "tang_qua.dong");
                w.Add("tham_hoi.ho", v => $"Thăm hỏi {Wording.Count(v[0], "hộ")} gia đình chính sách, hộ khó khăn.");
                w.Add("ho_tro_sinh_ke.dong", v => $"Hỗ trợ sinh kế, giảm nghèo {Wording.Money(v[0])}.");
                w.Add("ho_tro_kho_khan.nguoi", v => $"Hỗ trợ {Wording.Count(v[0], "người")} gặp khó khăn" + (v[1] > 0 ? $" với số tiền {Wording.Money(v[1])}" : "") + ".", "ho_tro_kho_khan.dong");
                w.Add("quy.tien", v => $"Vận động ủng hộ các quỹ được {Wording.Money(v[0])}" + (v[1] > 0 ? $" và hiện vật quy ra tiền {Wording.Money(v[1])}" : "") + ".", "quy.hien_vat");
                w.Add("chi.dong", v => $"Chi hỗ trợ từ các quỹ {Wording.Money(v[0])}" + (v[1] > 0 ? $", trong đó {Wording.Count(v[1], "hộ")} được hỗ trợ" : "") + ".", "chi.ho");
                break;
            case "giam_sat":
                w.Add("giam_sat.cuoc", v => $"Chủ trì {Wording.Count(v[0], "cuộc giám sát")}" + (v[1] > 0 ? $" đối với {Wording.Count(v[1], "người")} được giám sát" : "")
                    + (v[2] > 0 ? $"; qua giám sát đã đưa ra {Wording.Count(v[2], "kiến nghị")}" + (v[3] > 0 ? $", {Wording.Count(v[3])} kiến nghị đã được giải quyết" : "") : "") + ".",
                    "giam_sat.nguoi", "giam_sat.kien_nghi", "giam_sat.kien_nghi_giai_quyet");
                w.Add("giam_sat_phoi_hop.cuoc", v => $"Tham gia {Wording.Count(v[0], "buổi")} giám sát cùng HĐND, cơ quan chức năng.");
                w.Add("phan_bien.cuoc", v => $"Tổ chức {Wording.Count(v[0], "hội nghị phản biện xã hội")}" + (v[1] > 0 ? $" với {Wording.Count(v[1], "ý kiến")}" : "")
                    + (v[2] > 0 ? $", cơ quan soạn thảo tiếp thu {Wording.Count(v[2], "ý kiến")}" : "") + ".", "phan_bien.y_kien", "phan_bien.tiep_thu");
                w.Add("gop_y_du_thao.y_kien", v => (v[1] > 0 ? $"Góp ý {Wording.Count(v[1], "dự thảo văn bản")} của cấp ủy, chính quyền với " : "Góp ý dự thảo văn bản của cấp ủy, chính quyền với ")
                    + $"{Wording.Count(v[0], "lượt ý kiến")}" + (v[2] > 0 ? $", được tiếp thu {Wording.Count(v[2], "ý kiến")}" : "") + ".", "gop_y_du_thao.cuoc", "gop_y_du_thao.tiep_thu");
                w.Add("ttnd.cuoc", v => $"Ban Thanh tra nhân dân giám sát {Wording.Count(v[0], "vụ việc")}" + (v[1] > 0 ? $", kiến nghị {Wording.Count(v[1], "nội dung")}" + (v[2] > 0 ? $", đã giải quyết {Wording.Count(v[2])}" : "") : "") + ".",
                    "ttnd.kien_nghi", "ttnd.kien_nghi_giai_quyet");
                w.Add("gsdtcd.cuoc", v => $"Ban Giám sát đầu tư của cộng đồng giám sát {Wording.Count(v[0], "công trình, dự án")}" + (v[1] > 0 ? $", kiến nghị {Wording.Count(v[1], "nội dung")}" + (v[2] > 0 ? $", đã giải quyết {Wording.Count(v[2])}" : "") : "") + ".",
                    "gsdtcd.kien_nghi", "gsdtcd.kien_nghi_giai_quyet");
                break;
            case "dan_chu":
                w.Add("tiep_xuc_cu_tri.cuoc", v => $"Phối hợp tổ chức {Wording.Pair(v[0], "cuộc tiếp xúc cử tri", v[1], "lượt người")} tham dự"
                    + (v[2] > 0 ? $", tổng hợp {Wording.Count(v[2], "ý kiến")}, kiến nghị của cử tri" : "") + ".", "tiep_xuc_cu_tri.luot_nguoi", "tiep_xuc_cu_tri.y_kien");
                w.Add("doi_thoai.cuoc", v => $"Tổ chức {Wording.Count(v[0], "hội nghị đối thoại")} giữa người đứng đầu cấp ủy, chính quyền với nhân dân.");
                w.Add("hop_dan.cuoc", v => $"Các khu dân cư tổ chức {Wording.Count(v[0], "cuộc họp")} dân.");
                // Topic groups that received opinions: a count of groups with a nonzero figure, never typed.
                var groups = topicGroups.Where(g => w.Get(g.Key) is { Value: > 0 }).Select(g => g.Value).Distinct().Count();
                w.Add("y_kien.nhan", v => $"Tiếp nhận {Wording.Count(v[0], "ý kiến")}, kiến nghị của nhân dân"
                    + (groups > 1 ? $", tập trung vào {Wording.Count(groups, "nhóm")} vấn đề" : "")
                    + (v[1] > 0 ? $"; đã chuyển cơ quan có thẩm quyền {Wording.Count(v[1])}" : "")
                    + (v[2] > 0 ? $"; {Wording.Count(v[2])} ý kiến đã được trả lời" + (w.Get("y_kien.ty_le_dung_han") is { Parts.Denominator: > 0 } r ? $" (đúng hạn {Wording.Rate(r.Value)})" : "") : "")
                    + (v[3] > 0 ? $"; công khai {Wording.Count(v[3])} trả lời" : "") + ".",
                    ["y_kien.chuyen", "y_kien.tra_loi", "y_kien.cong_bo", "y_kien.ty_le_dung_han", .. topicGroups.Keys]);
                w.AddFigure("hoi_nghi.dan_cu.ty_le", r => r.Parts is { Denominator: > 0 } p
                    ? $"Hội nghị đại biểu nhân dân: {Wording.Fraction(p.Numerator, p.Denominator, "đại biểu")} có mặt, đạt {Wording.Rate(r.Value)}." : null);
                w.Add("y_kien_nhan_dan", v => $"Tổng hợp chung, ghi nhận {Wording.Count(v[0], "ý kiến")}, kiến nghị của nhân dân qua các hội nghị, họp dân và tiếp nhận trực tiếp.");
                break;
            case "to_chuc":
                w.Add("hoi_nghi.cuoc", v => $"Tổ chức {Wording.Count(v[0], "hội nghị")}.");
                w.Add("tap_huan.cuoc", v => $"Tập huấn, bồi dưỡng {Wording.Count(v[0], "lớp")} cho cán bộ Mặt trận.");
                // By level, as the Front reports them: "cấp xã 45 tập thể, 25 cá nhân; cấp huyện …".
                string[] levels = ["cap_xa", "cap_huyen", "cap_tinh", "trung_uong"];
                string[] awardCodes = [.. levels.SelectMany(l => new[] { $"khen_thuong.{l}.tap_the", $"khen_thuong.{l}.ca_nhan" })];
                w.AddAny(awardCodes, v => "Khen thưởng " + string.Join("; ", levels.Select((l, i) => (l, Collective: v[2 * i], Individual: v[2 * i + 1]))
                        .Where(x => x.Collective + x.Individual > 0)
                        .Select(x => $"{Commendation.LevelLabel(Enum.GetValues<AwardLevel>().First(a => Commendation.LevelKey(a) == x.l)).ToLowerInvariant()} "
                            + string.Join(", ", new[] { x.Collective > 0 ? Wording.Count(x.Collective, "tập thể") : null, x.Individual > 0 ? Wording.Count(x.Individual, "cá nhân") : null }.OfType<string>())))
                    + (w.Get("khen_thuong.de_nghi") is { Value: > 0 } proposed ? $"; đề nghị cấp trên khen thưởng {Wording.Count(proposed.Value, "trường hợp")}" : "") + ".",
                    "khen_thuong.de_nghi");
                break;
        }
        return w.Take();
    }

    /// <summary>What the previous period is called in a comparison ("so với quý trước", "so với cùng kỳ năm trước").</summary>
    private static string Against(PeriodKind kind) => kind switch
    {
        PeriodKind.Week => "tuần trước",
        PeriodKind.Month => "tháng trước",
        PeriodKind.Quarter => "quý trước",
        PeriodKind.FirstHalf or PeriodKind.SecondHalf => "6 tháng trước đó",
        PeriodKind.NineMonths => "cùng kỳ năm trước",
        PeriodKind.Year => "năm trước",
        PeriodKind.Term => "nhiệm kỳ trước",
        _ => "kỳ trước",
    };

    /// <summary>Collects the sentences of a section from the figures, by indicator code.</summary>
    private sealed class Lines(IReadOnlyDictionary<string, Figure> figures, IReadOnlyDictionary<string, Figure> before, string against)
    {
        private List<ReportSentence> _lines = [];

        public Figure? Get(string code) => figures.GetValueOrDefault(code);

        private double V(string code) => figures.TryGetValue(code, out var f) ? f.Value : 0;

        public void Add(string first, Func<double[], string> text, params string[] more)
        {
            if (V(first) == 0) return;
            _lines.Add(new ReportSentence(Compared(text([V(first), .. more.Select(V)]), first, more), [first, .. more.Where(c => V(c) != 0)]));
        }

        /// <summary>A sentence over several figures, written when any of them is not zero.</summary>
        public void AddAny(string[] codes, Func<double[], string> text, params string[] more)
        {
            if (codes.All(c => V(c) == 0)) return;
            _lines.Add(new ReportSentence(text([.. codes.Select(V)]), [.. codes.Concat(more).Where(c => V(c) != 0)]));
        }

        public void AddFigure(string code, Func<Figure, string?> text, params string[] more)
        {
            if (Get(code) is not { Value: > 0 } f || text(f) is not { } s) return;
            _lines.Add(new ReportSentence(s, [code, .. more.Where(c => V(c) != 0)]));
        }

        /// <summary>
        /// The sentence with its first figure set against the previous period, as the Front writes it: "(tăng 12 cuộc so
        /// với kỳ trước)". Only for counts and sums, and only when the previous period had some.
        /// </summary>
        private string Compared(string sentence, string code, string[] others)
        {
            if (!figures.TryGetValue(code, out var now) || now.Indicator.Rule != IndicatorRule.Sum
                || !before.TryGetValue(code, out var prev) || prev.Value < 0.5 || !sentence.EndsWith('.')) return sentence;
            // At the end of the sentence the note must not read as if about a later figure in the same unit ("… đồng").
            if (others.Any(c => V(c) != 0 && figures[c].Indicator.UnitOfMeasure == now.Indicator.UnitOfMeasure)) return sentence;
            var diff = Math.Round(now.Value) - Math.Round(prev.Value);
            var uom = now.Indicator.UnitOfMeasure;
            var amount = uom == "đồng" ? Fmt.Money((long)Math.Abs(diff)) : Wording.Count(Math.Abs(diff), uom);
            var words = diff == 0 ? $"không thay đổi so với {against}" : $"{(diff > 0 ? "tăng" : "giảm")} {amount} so với {against}";
            return $"{sentence[..^1]} ({words}).";
        }

        public List<ReportSentence> Take()
        {
            var l = _lines;
            _lines = [];
            return l;
        }
    }
}
