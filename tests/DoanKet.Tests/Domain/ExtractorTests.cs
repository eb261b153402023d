using System.Globalization;
using System.Text;
using CsCheck;
using DoanKet.Domain.Extraction;
using DoanKet.Features.History;
using Xunit.Abstractions;

namespace DoanKet.Tests.Extraction;

public class ExtractorTests(ITestOutputHelper output)
{
    public static string Seed(string prefix)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Seeds");
        var file = Directory.GetFiles(dir, prefix + "_*.txt").Single();
        return SourceText.Read(file, File.ReadAllBytes(file)).Text!;
    }

    /// <summary>Every figure the seeds' README lists, as (seed, span it starts with, quantity, unit, category, of).</summary>
    public static TheoryData<string, string, string, string, string, string?> SeedFigures => new()
    {
        { "000", "trên 109 triệu đồng", "109000000", "đồng", "fund", null },
        { "000", "trên 130 triệu đồng", "130000000", "đồng", "fund", null },
        { "000", "68 người", "68", "người", "supervision", null },
        { "000", "5 ý kiến", "5", "ý kiến", "meeting", null },
        { "000", "14 ông, bà", "14", "người", "membership", null },
        { "000", "100%", "100", "%", "meeting", null },
        { "000", "14 TDP", "14", "tổ dân phố", "other", null },
        { "001", "3 buổi", "3", "buổi", "propaganda", null },
        { "001", "179 người", "179", "người", "attendance", null },
        { "001", "48.800.000 đồng", "48800000", "đồng", "gifts", null },
        { "001", "1160/2500", "1160", "đại biểu", "attendance", "2500" },
        { "001", "46,6%", "46.6", "%", "attendance", null },
        { "001", "51 ý kiến", "51", "ý kiến", "meeting", null },
        { "001", "4 nhóm", "4", "nhóm", "meeting", null },
        { "001", "36 mô hình", "36", "mô hình", "model", null },
        { "001", "20 mô hình", "20", "mô hình", "model", null },
        { "001", "16 mô hình", "16", "mô hình", "model", null },
        { "001", "3 tổ", "3", "tổ", "other", null },
        { "001", "6 buổi", "6", "buổi", "meeting", null },
        { "001", "8 buổi", "8", "buổi", "propaganda", null },
        { "002", "18 cuộc", "18", "cuộc", "supervision", null },
        { "002", "10 buổi", "10", "buổi", "supervision", null },
        { "002", "07 kiến nghị", "7", "kiến nghị", "supervision", null },
        { "002", "07 thành viên", "7", "thành viên", "membership", null },
        { "002", "04 hội nghị", "4", "hội nghị", "criticism", null },
        { "002", "63.230.000 đồng", "63230000", "đồng", "fund", null },
        { "002", "113.000.000 đồng", "113000000", "đồng", "fund", null },
        { "002", "570 người", "570", "người", "household", null },
        { "002", "470.250.000đ", "470250000", "đồng", "household", null },
        { "002", "21/21 tổ dân phố", "21", "tổ dân phố", "other", "21" },
        { "002", "trên 80%", "80", "%", "attendance", null },
        { "002", "45 tập thể", "45", "tập thể", "award", null },
        { "002", "25 cá nhân", "25", "cá nhân", "award", null },
        { "002", "21 tập thể", "21", "tập thể", "award", null },
        { "002", "12 cá nhân", "12", "cá nhân", "award", null },
        { "002", "05 tập thể", "5", "tập thể", "award", null },
        { "002", "03 cá nhân", "3", "cá nhân", "award", null },
        { "002", "02 cá nhân", "2", "cá nhân", "award", null },
        { "004", "6 khu phố", "6", "khu phố", "meeting", null },
        { "004", "77 cuộc", "77", "cuộc", "propaganda", null },
        { "004", "2288 lượt người", "2288", "lượt người", "attendance", null },
        { "004", "08 cuộc", "8", "cuộc", "propaganda", null },
        { "004", "296 lượt người", "296", "lượt người", "attendance", null },
        { "004", "8.000.000/21.000.000 đồng", "8000000", "đồng", "fund", "21000000" },
        { "004", "607 phần quà", "607", "phần quà", "gifts", null },
        { "004", "trên 214 triệu đồng", "214000000", "đồng", "gifts", null },
        { "004", "3 triệu đồng", "3000000", "đồng", "household", null },
        { "004", "5 cuộc", "5", "cuộc", "meeting", null },
        { "004", "300 lượt người", "300", "lượt người", "attendance", null },
        { "004", "38 ý kiến", "38", "ý kiến", "petition", null },
        { "004", "trên 10 lượt ý kiến", "10", "ý kiến", "criticism", null },
    };

    [Theory]
    [MemberData(nameof(SeedFigures))]
    public void Finds_every_figure_of_the_seeds(string seed, string span, string quantity, string unit, string category, string? of)
    {
        var text = Seed(seed);
        var figures = Extractor.Extract(text);
        var q = decimal.Parse(quantity, CultureInfo.InvariantCulture);
        var hit = figures.FirstOrDefault(f => f.Text == span && f.Quantity == q && f.Unit == unit);
        Assert.True(hit is not null, $"{span} not found in {seed}; found: {string.Join(" | ", figures.Select(f => $"{f.Text}={f.Quantity} {f.Unit}"))}");
        Assert.Equal(category, hit.Category);
        Assert.Equal(of is null ? null : decimal.Parse(of, CultureInfo.InvariantCulture), hit.Of);
        Assert.Equal(text[hit.Start..hit.End], hit.Text);
        Assert.Equal(span.StartsWith("trên", StringComparison.Ordinal) ? "over" : of is null ? "exact" : "fraction", hit.Qualifier);
        Assert.False(hit.Target);
    }

    /// <summary>Dates, times, document numbers, term and session labels, anniversaries, addresses, page furniture.</summary>
    public static TheoryData<string, string> NotFigures => new()
    {
        { "000", "10/07/2020" }, { "000", "14:09" }, { "000", "Lượt xem: 63" }, { "000", "10/7/2020" }, { "000", "2019 – 2024" },
        { "000", "Đề án 15/QU" }, { "000", "Nghị quyết 42/CP" }, { "000", "đường 40m" }, { "000", "TW 4 (khóa 12)" }, { "000", "CT 05/BCT" },
        { "000", "2020 – 2022" }, { "000", "73 năm" }, { "000", "27/7" }, { "000", "tổ 11" },
        { "001", "01/04/2023" }, { "001", "Lượt xem: 201" }, { "001", "31/3/2023" }, { "001", "A3" }, { "001", "mời 2500" },
        { "001", "ngõ 53" }, { "001", "47 năm" }, { "001", "30/4/1975" }, { "001", "lao động 1/5" }, { "001", "20 năm" }, { "001", "phố 22" },
        { "001", "6 quy chế" }, { "001", "1. Tăng" },
        { "002", "10 dấu ấn" }, { "002", "2019-2024" }, { "002", "217, 218-QĐ/TW" }, { "002", "2021-2030" }, { "002", "2050" },
        { "002", "lần thứ IX" }, { "002", "10 chương trình" }, { "002", "covid-19" }, { "002", "3 lĩnh vực" }, { "002", "F0" }, { "002", "tổ 17 năm 2023" },
        { "004", "LẦN THỨ II" }, { "004", "08/7/2024" }, { "004", "Phường 2" }, { "004", "2024-2029" }, { "004", "2024-2026" },
        { "004", "2021-2026" }, { "004", "217-QĐ/TW" }, { "004", "124-QĐ/TW" }, { "004", "khu phố 1" }, { "004", "Đang online: 1" }, { "004", "Tất cả: 1" },
    };

    [Theory]
    [MemberData(nameof(NotFigures))]
    public void Reads_no_figure_in_dates_numbers_labels_and_furniture(string seed, string phrase)
    {
        var text = Seed(seed);
        var figures = Extractor.Extract(text);
        var at = text.IndexOf(phrase, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{phrase} is not in seed {seed}");
        for (; at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            var end = at + phrase.Length;
            Assert.DoesNotContain(figures, f => f.Start < end && at < f.End);
        }
    }

    [Fact]
    public void A_working_session_without_figures_gives_none()
    {
        Assert.Empty(Extractor.Extract(Seed("003")));
    }

    [Fact]
    public void Corpus_recall_and_precision()
    {
        var score = Corpus.Measure(Corpus.Load());
        output.WriteLine($"recall {score.Recall:P1} ({score.Matched}/{score.Expected}), precision {score.Precision:P1} ({score.Matched}/{score.Found}), all attributes right {score.Accuracy:P1}");
        foreach (var m in score.Misses.Concat(score.Extras)) output.WriteLine(m);
        Assert.True(score.Expected >= 50);
        Assert.True(score.Recall >= 0.95, string.Join("\n", score.Misses));
        Assert.True(score.Precision >= 0.95, string.Join("\n", score.Extras));
        Assert.True(score.Accuracy >= 0.9, string.Join("\n", score.Misses));
    }

    [Fact]
    public void The_json_contract()
    {
        var json = ExtractVerb.ToJson(Extractor.Extract("Vận động Quỹ “Vì người nghèo” 8.000.000/21.000.000 đồng và trên 214 triệu đồng."));
        Assert.Equal("""
            {"figures":[{"text":"8.000.000/21.000.000 đồng","start":30,"end":55,"quantity":8000000,"unit":"đồng","category":"fund","qualifier":"fraction","of":21000000,"target":false},{"text":"trên 214 triệu đồng","start":59,"end":78,"quantity":214000000,"unit":"đồng","category":"fund","qualifier":"over","of":null,"target":false}]}
            """, json);
    }

    [Theory]
    [InlineData("8.000.000", "8000000")]
    [InlineData("2288", "2288")]
    [InlineData("46,6", "46.6")]
    [InlineData("1,2", "1.2")]
    [InlineData("1.5", "1.5")]
    [InlineData("2.288", "2288")]
    [InlineData("1.234.567,89", "1234567.89")]
    [InlineData("1,234,567.89", "1234567.89")]
    [InlineData("12,500,000", "12500000")]
    [InlineData("07", "7")]
    public void Parses_numbers_written_the_Vietnamese_way(string written, string value)
    {
        Assert.True(VietNumber.TryParse(written, false, out var v));
        Assert.Equal(decimal.Parse(value, CultureInfo.InvariantCulture), v);
    }

    [Theory]
    [InlineData("0912.345.678")]
    [InlineData("1.2.3")]
    [InlineData("0912345678")]
    [InlineData("1.23.456")]
    [InlineData("1..2")]
    public void Refuses_shapes_that_are_not_quantities(string written)
    {
        Assert.False(VietNumber.TryParse(written, false, out _));
    }

    [Fact]
    public void A_comma_before_tỷ_is_a_decimal_comma()
    {
        Assert.True(VietNumber.TryParse("1,250", decimalHint: true, out var v));
        Assert.Equal(1.25m, v);
        var f = Assert.Single(Extractor.Extract("Tổng số tiền vận động được 1,250 tỷ đồng."));
        Assert.Equal(1_250_000_000m, f.Quantity);
    }

    private static readonly Gen<decimal> GenQuantity = Gen.OneOf(
        Gen.Long[0, 999_999_999_999].Select(n => (decimal)n),
        Gen.Select(Gen.Long[0, 99_999_999], Gen.Int[1, 3]).Select(t => decimal.Round(t.Item1 / (decimal)Math.Pow(10, t.Item2), t.Item2) + 0m));

    [Fact]
    public void Any_number_formatted_the_Vietnamese_way_parses_back_to_itself()
    {
        GenQuantity.Sample(q =>
        {
            var written = VietNumber.Format(q);
            Assert.True(VietNumber.TryParse(written, decimalHint: q != decimal.Truncate(q), out var back), written);
            Assert.Equal(q, back);
        }, iter: 100_000);
    }

    [Fact]
    public void A_formatted_count_or_amount_in_a_sentence_is_read_back()
    {
        Gen.Select(Gen.Long[1, 9_999_999], Gen.Int[0, 2]).Sample(t =>
        {
            var (n, shape) = t;
            var (sentence, expected, unit) = shape switch
            {
                0 => ($"Phối hợp tổ chức {VietNumber.Format(n)} cuộc tuyên truyền.", (decimal)n, "cuộc"),
                1 => ($"Vận động ủng hộ quỹ được {VietNumber.Format(n)} triệu đồng.", n * 1_000_000m, "đồng"),
                _ => ($"Trao {VietNumber.Format(n)} phần quà cho hộ nghèo.", (decimal)n, "phần quà"),
            };
            var f = Assert.Single(Extractor.Extract(sentence));
            Assert.Equal(expected, f.Quantity);
            Assert.Equal(unit, f.Unit);
        }, iter: 20_000);
    }

    private const string Alphabet = "0123456789.,/-:%  \n;đĐơưăâêôáàảãạ()[]“”trênhơngầnkhoảngtriệutỷngườicuộchộquà";

    private static readonly Gen<string> GenNoise = Gen.OneOf(
        Gen.Char[Alphabet].Array[0, 80].Select(cs => new string(cs)),
        Gen.String[Gen.Char.AlphaNumeric, 0, 40],
        Gen.Select(Gen.Char[Alphabet].Array[0, 12].Select(cs => new string(cs)), Gen.Int[1, 8]).Select(t => string.Concat(Enumerable.Repeat(t.Item1, t.Item2))),
        Gen.Char.Array[0, 40].Select(cs => new string(cs)));

    [Fact]
    public void Never_throws_and_every_span_is_the_text_it_claims_on_a_million_random_inputs()
    {
        GenNoise.Sample(s =>
        {
            var text = Extractor.Decode(s);
            foreach (var f in Extractor.Extract(text))
            {
                Assert.InRange(f.Start, 0, text.Length - 1);
                Assert.InRange(f.End, f.Start + 1, text.Length);
                Assert.Equal(text[f.Start..f.End], f.Text);
                Assert.Contains(f.Category, Extractor.Categories.All);
                if (f.Of is { } of) Assert.True(f.Quantity <= of);
            }
        }, iter: 1_000_000);
    }

    [Theory]
    [InlineData("1.")]
    [InlineData("1/")]
    [InlineData("1,1.")]
    [InlineData("trên ")]
    [InlineData("9")]
    [InlineData("1 triệu tỷ nghìn ")]
    [InlineData("1/1/")]
    [InlineData("đ1")]
    public void Adversarial_megabyte_inputs_finish(string piece)
    {
        var sb = new StringBuilder(1 << 20);
        while (sb.Length < 1 << 20) sb.Append(piece);
        var figures = Extractor.Extract(sb.ToString());
        Assert.All(figures, f => Assert.True(f.End > f.Start));
    }
}
