using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DoanKet.Data;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Units;
using DoanKet.Features.Indicators;
using DoanKet.Features.Reports;
using DoanKet.Infrastructure;
using DoanKet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Features.Reports;

/// <summary>
/// The review report generated from the demo records reproduces each seed article's figures in the Front's wording, and
/// every number of a generated sentence is the value of an indicator the sentence names.
/// </summary>
public sealed partial class ReportTests
{
    private static async Task<(Report Report, Dictionary<string, (Figure Now, Figure? Before)> Figures)> BuildAsync(TestApp app, string code, DateOnly on, string period) =>
        await app.DbAsync(async db =>
        {
            var unit = await db.Units.AsNoTracking().ValidOn(on).SingleAsync(u => u.Code == code);
            var figures = new Figures(db);
            var report = await new ReportBuilder(db, figures).BuildAsync(unit, Period.Parse(period));
            var before = (await figures.ComputeAsync(unit, Period.Parse(period).Previous(), FigureMode.Then)).ToDictionary(f => f.Indicator.Code);
            var values = (await figures.ComputeAsync(unit, Period.Parse(period), FigureMode.Then))
                .ToDictionary(f => f.Indicator.Code, f => (f, before.GetValueOrDefault(f.Indicator.Code)));
            return (report, values);
        });

    private static void HasAll(Report report, params string[] phrases)
    {
        var text = ReportOutput.Markdown(report);
        foreach (var p in phrases) Assert.True(text.Contains(p, StringComparison.Ordinal), $"the report lacks “{p}”:\n{text}");
    }

    [GeneratedRegex(@"\d[\d.]*(?:,\d+)?")]
    private static partial Regex Number();

    /// <summary>
    /// Each number of each sentence is a value (or its part, or its rounding in words) of an indicator the sentence names,
    /// or its change from the previous period.
    /// </summary>
    private static void NumbersAreFigures(Report report, Dictionary<string, (Figure Now, Figure? Before)> figures)
    {
        foreach (var sentence in report.Results.SelectMany(s => s.Sentences))
        {
            var allowed = new HashSet<double>();
            foreach (var code in sentence.Codes)
            {
                var (f, before) = figures[code];
                allowed.UnionWith([f.Value, Math.Round(f.Value, 1), f.Of ?? -1, f.Parts?.Numerator ?? -1, f.Parts?.Denominator ?? -1,
                    Math.Floor(f.Value / 1_000_000), Math.Floor(f.Value / 100_000_000) / 10, Math.Abs(Math.Round(f.Value) - Math.Round(before?.Value ?? 0))]);
            }
            // A count of topic groups is at most the number of topics named.
            var groups = sentence.Codes.Count(c => c.StartsWith("y_kien.chu_de.", StringComparison.Ordinal));
            foreach (Match m in Number().Matches(sentence.Text))
            {
                var v = double.Parse(m.Value.Replace(".", "", StringComparison.Ordinal).Replace(',', '.'), CultureInfo.InvariantCulture);
                Assert.True(allowed.Contains(v) || (groups > 0 && v <= groups), $"“{m.Value}” in “{sentence.Text}” is not a value of {string.Join(", ", sentence.Codes)}");
            }
        }
    }

    [DatabaseTheory]
    public async Task Seed_004_Phuong_2_first_half_of_2024(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (report, figures) = await BuildAsync(app, "DEMO-KT-P2", new(2024, 6, 30), "2024S1");
        Assert.Equal("Sơ kết công tác Mặt trận 6 tháng đầu năm 2024", report.Title);
        HasAll(report, "77 cuộc/2.288 lượt người", "08 cuộc/296 lượt người", "607 phần quà trị giá 214.350.000 đồng (trên 214 triệu đồng)",
            "Hỗ trợ sinh kế, giảm nghèo 3.000.000 đồng (3 triệu đồng)", "05 cuộc tiếp xúc cử tri/300 lượt người tham dự, tổng hợp 38 ý kiến",
            "11 lượt ý kiến", "Chủ trì 01 cuộc giám sát đối với 01 người được giám sát");
        NumbersAreFigures(report, figures);
        // The json output lists every figure stated, with its indicator.
        var json = ReportOutput.Json(report);
        Assert.Contains("\"indicator\": \"tuyen_truyen.luot_nguoi\"", json);
        Assert.Contains("\"value\": 2288", json);
    }

    [DatabaseTheory]
    public async Task Seed_001_Sai_Dong_first_quarter_of_2023(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (report, figures) = await BuildAsync(app, "DEMO-SD", new(2023, 3, 31), "2023Q1");
        HasAll(report, "03 cuộc/179 lượt người", "trị giá 48.800.000 đồng", "1.160/2.500 đại biểu có mặt, đạt 46,4%",
            "Tiếp nhận 51 ý kiến, kiến nghị của nhân dân, tập trung vào 04 nhóm vấn đề", "36 mô hình", "vệ sinh môi trường 06 buổi", "chỉnh trang đô thị 08 buổi");
        NumbersAreFigures(report, figures);
    }

    [DatabaseTheory]
    public async Task A_figure_is_set_against_the_previous_period_in_words(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        // Sông Cầu's supervisions in the demo: 4 in 2023, 1 in 2024.
        var (report, figures) = await BuildAsync(app, "DEMO-SC", new(2024, 6, 1), "2024");
        HasAll(report, "Chủ trì 01 cuộc giám sát (giảm 03 cuộc so với năm trước).");
        Assert.Equal((1, 4), (figures["giam_sat.cuoc"].Now.Value, figures["giam_sat.cuoc"].Before!.Value));
        NumbersAreFigures(report, figures);
    }

    [DatabaseTheory]
    public async Task Seed_002_Song_Cau_term_2019_2024(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (report, figures) = await BuildAsync(app, "DEMO-SC", new(2022, 1, 1), "2019-2024");
        Assert.Equal("Tổng kết công tác Mặt trận nhiệm kỳ 2019–2024", report.Title);
        HasAll(report, "Chủ trì 18 cuộc giám sát", "đã đưa ra 07 kiến nghị", "Tham gia 10 buổi giám sát", "04 hội nghị phản biện xã hội", "04 hội nghị đối thoại",
            "Hỗ trợ 570 người gặp khó khăn với số tiền 470.250.000 đồng", "21/21 khu dân cư tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
            "cấp xã 45 tập thể, 25 cá nhân; cấp huyện 21 tập thể, 12 cá nhân; cấp tỉnh 05 tập thể, 03 cá nhân; đề nghị cấp trên khen thưởng 02 trường hợp");
        Assert.True(figures["ngay_hoi.ty_le_ho"].Now.Value > 80);
        NumbersAreFigures(report, figures);
    }

    [DatabaseTheory]
    public async Task Seed_000_Ngoc_Lam_first_half_of_2020(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (report, figures) = await BuildAsync(app, "DEMO-NL", new(2020, 6, 30), "2020S1");
        HasAll(report, "Chủ trì 04 cuộc giám sát đối với 68 người được giám sát");
        NumbersAreFigures(report, figures);
        // The fifth session of 10/7/2020 heard 5 opinions: in the second half's report.
        var (second, _) = await BuildAsync(app, "DEMO-NL", new(2020, 7, 10), "2020S2");
        HasAll(second, "ghi nhận 05 ý kiến");
    }

    [Fact]
    public void Money_and_counts_read_the_way_the_Front_writes_them()
    {
        Assert.Equal("214.350.000 đồng (trên 214 triệu đồng)", Wording.Money(214_350_000));
        Assert.Equal("3.000.000 đồng (3 triệu đồng)", Wording.Money(3_000_000));
        Assert.Equal("1.200.000.000 đồng (1,2 tỷ đồng)", Wording.Money(1_200_000_000));
        Assert.Equal("850.000 đồng", Wording.Money(850_000));
        Assert.Equal(("07 kiến nghị", "2.288", "77 cuộc/2.288 lượt người", "21/21 tổ dân phố", "46,4%"),
            (Wording.Count(7, "kiến nghị"), Wording.Count(2288), Wording.Pair(77, "cuộc", 2288, "lượt người"), Wording.Fraction(21, 21, "tổ dân phố"), Wording.Rate(46.4)));
    }

    [DatabaseTheory]
    public async Task The_Word_report_has_the_Fronts_layout(string engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var (report, _) = await BuildAsync(app, "DEMO-KT-P2", new(2024, 6, 30), "2024S1");
        var bytes = ReportOutput.Word(report, new DateOnly(2024, 7, 5));
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = doc.MainDocumentPart!.Document.Body!;
        var text = string.Join("\n", body.Descendants<Paragraph>().Select(p => p.InnerText));
        foreach (var line in new[] { "ỦY BAN MTTQ VIỆT NAM", "PHƯỜNG 2", "BAN THƯỜNG TRỰC", "/BC-MTTQ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            "Phường 2, ngày 05 tháng 07 năm 2024", "BÁO CÁO", "Sơ kết công tác Mặt trận 6 tháng đầu năm 2024", "77 cuộc/2.288 lượt người", "Nơi nhận:", "TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH" })
            Assert.Contains(line, text);
        var section = body.GetFirstChild<SectionProperties>()!;
        var size = section.GetFirstChild<PageSize>()!;
        var margin = section.GetFirstChild<PageMargin>()!;
        // A4; 20 mm top and bottom, 30 left, 20 right (in twentieths of a point); numbers from page 2.
        Assert.Equal((11906U, 16838U), (size.Width!.Value, size.Height!.Value));
        Assert.Equal((1134, 1134, 1701U, 1134U), (margin.Top!.Value, margin.Bottom!.Value, margin.Left!.Value, margin.Right!.Value));
        Assert.NotNull(section.GetFirstChild<TitlePage>());
        Assert.Contains("PAGE", doc.MainDocumentPart.FooterParts.Single().Footer!.InnerText);
        var fonts = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.Descendants<RunFonts>().First();
        Assert.Equal("Times New Roman", fonts.Ascii!.Value);
    }
}
