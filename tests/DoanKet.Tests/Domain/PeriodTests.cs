using System.Globalization;
using CsCheck;
using DoanKet.Domain.Periods;

namespace DoanKet.Tests.Rules; // not DoanKet.Tests.Domain: that namespace would capture "Domain.Units..." in other test files

public sealed class PeriodTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // ------------------------------------------------------------------ ids

    [Theory]
    [InlineData("2024W05", "2024W05")]
    [InlineData("2024w05", "2024W05")]
    [InlineData("202407", "202407")]
    [InlineData("2024Q1", "2024Q1")]
    [InlineData("2024q4", "2024Q4")]
    [InlineData("2024S1", "2024S1")]
    [InlineData("2024s2", "2024S2")]
    [InlineData("2024n9", "2024N9")]
    [InlineData("2024", "2024")]
    [InlineData("2019-2024", "2019-2024")]
    [InlineData("2019\u20132024", "2019-2024")]
    [InlineData("2024-01-01..2024-03-31", "2024-01-01..2024-03-31")]
    [InlineData(" 2024Q1 ", "2024Q1")]
    public void Parse_gives_the_canonical_id(string input, string canonical)
    {
        var p = Period.Parse(input);
        Assert.Equal(canonical, p.Id);
        Assert.Equal(canonical, p.ToString());
        Assert.Equal(p, Period.Parse(p.Id));
        Assert.True(Period.TryParse(input, out var q));
        Assert.Equal(p, q);
    }

    [Theory]
    [InlineData("2024W05", PeriodKind.Week, "2024-01-29", "2024-02-04")]
    [InlineData("2020W53", PeriodKind.Week, "2020-12-28", "2021-01-03")]
    [InlineData("2025W01", PeriodKind.Week, "2024-12-30", "2025-01-05")]
    [InlineData("202402", PeriodKind.Month, "2024-02-01", "2024-02-29")]
    [InlineData("202302", PeriodKind.Month, "2023-02-01", "2023-02-28")]
    [InlineData("2024Q1", PeriodKind.Quarter, "2024-01-01", "2024-03-31")]
    [InlineData("2024Q4", PeriodKind.Quarter, "2024-10-01", "2024-12-31")]
    [InlineData("2024S1", PeriodKind.FirstHalf, "2024-01-01", "2024-06-30")]
    [InlineData("2024S2", PeriodKind.SecondHalf, "2024-07-01", "2024-12-31")]
    [InlineData("2024N9", PeriodKind.NineMonths, "2024-01-01", "2024-09-30")]
    [InlineData("2024", PeriodKind.Year, "2024-01-01", "2024-12-31")]
    [InlineData("2019-2024", PeriodKind.Term, "2019-01-01", "2024-12-31")]
    [InlineData("2024-01-01..2024-03-31", PeriodKind.Range, "2024-01-01", "2024-03-31")]
    [InlineData("2024-05-17..2024-05-17", PeriodKind.Range, "2024-05-17", "2024-05-17")]
    public void Parse_gives_the_dates(string id, PeriodKind kind, string from, string to)
    {
        var p = Period.Parse(id);
        Assert.Equal(kind, p.Kind);
        Assert.Equal(D(from), p.From);
        Assert.Equal(D(to), p.To);
    }

    [Fact]
    public void Factories_equal_parsed_ids()
    {
        Assert.Equal(Period.Parse("2024W05"), Period.Week(2024, 5));
        Assert.Equal(Period.Parse("202407"), Period.Month(2024, 7));
        Assert.Equal(Period.Parse("2024Q3"), Period.Quarter(2024, 3));
        Assert.Equal(Period.Parse("2024S1"), Period.FirstHalf(2024));
        Assert.Equal(Period.Parse("2024S2"), Period.SecondHalf(2024));
        Assert.Equal(Period.Parse("2024N9"), Period.NineMonths(2024));
        Assert.Equal(Period.Parse("2024"), Period.Year(2024));
        Assert.Equal(Period.Parse("2019-2024"), Period.Term(2019, 2024));
        Assert.Equal(Period.Parse("2024-01-01..2024-03-31"), Period.Range(D("2024-01-01"), D("2024-03-31")));
    }

    [Fact]
    public void Week_53_exists_only_in_long_iso_years()
    {
        Assert.True(Period.TryParse("2020W53", out _));
        Assert.False(Period.TryParse("2021W53", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Week(2021, 53));
    }

    [Fact]
    public void A_range_equal_to_a_named_period_stays_a_range()
    {
        var p = Period.Parse("2024-01-01..2024-03-31");
        Assert.Equal(PeriodKind.Range, p.Kind);
        Assert.NotEqual(Period.Quarter(2024, 1), p);
        Assert.Equal("2024-01-01..2024-03-31", p.Id);
    }

    [Fact]
    public void Range_may_span_exactly_twenty_years_but_not_more()
    {
        Assert.True(Period.TryParse("2000-01-01..2020-01-01", out _));
        Assert.False(Period.TryParse("2000-01-01..2020-01-02", out _));
    }

    // ------------------------------------------------------------------ labels

    [Theory]
    [InlineData("2024W05", "Tuần 05 năm 2024 (29/01–04/02/2024)")]
    [InlineData("2025W01", "Tuần 01 năm 2025 (30/12/2024–05/01/2025)")]
    [InlineData("202407", "Tháng 7 năm 2024")]
    [InlineData("202412", "Tháng 12 năm 2024")]
    [InlineData("2023Q1", "Quý I năm 2023")]
    [InlineData("2023Q2", "Quý II năm 2023")]
    [InlineData("2023Q3", "Quý III năm 2023")]
    [InlineData("2023Q4", "Quý IV năm 2023")]
    [InlineData("2024S1", "6 tháng đầu năm 2024")]
    [InlineData("2024S2", "6 tháng cuối năm 2024")]
    [InlineData("2024N9", "9 tháng đầu năm 2024")]
    [InlineData("2024", "Năm 2024")]
    [InlineData("2019-2024", "nhiệm kỳ 2019–2024")]
    [InlineData("2024-01-01..2024-03-31", "Từ 01/01/2024 đến 31/03/2024")]
    public void Labels(string id, string label)
    {
        Assert.Equal(label, Period.Parse(id).Label);
    }

    [Fact]
    public void Term_label_uses_an_en_dash()
    {
        Assert.Contains('\u2013', Period.Term(2019, 2024).Label);
    }

    [Fact]
    public void Ids_and_labels_ignore_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            // Hijri calendar and Arabic digits would leak into any culture-sensitive formatting.
            CultureInfo.CurrentCulture = new CultureInfo("ar-SA");
            var p = Period.Parse("2024-01-01..2024-03-31");
            Assert.Equal("2024-01-01..2024-03-31", p.Id);
            Assert.Equal("Từ 01/01/2024 đến 31/03/2024", p.Label);
            Assert.Equal("Tuần 05 năm 2024 (29/01–04/02/2024)", Period.Parse("2024W05").Label);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    // ------------------------------------------------------------------ navigation

    [Theory]
    [InlineData("2024W05", "2024W04")]
    [InlineData("2024W01", "2023W52")]
    [InlineData("2021W01", "2020W53")]
    [InlineData("202401", "202312")]
    [InlineData("202403", "202402")]
    [InlineData("2024Q1", "2023Q4")]
    [InlineData("2024Q3", "2024Q2")]
    [InlineData("2024S1", "2023S2")]
    [InlineData("2024S2", "2024S1")]
    [InlineData("2024N9", "2023N9")]
    [InlineData("2024", "2023")]
    [InlineData("2019-2024", "2014-2019")]
    [InlineData("2024-01-01..2024-03-31", "2023-10-02..2023-12-31")]
    [InlineData("2024-03-01..2024-03-31", "2024-01-30..2024-02-29")]
    public void Previous(string id, string previous)
    {
        Assert.Equal(previous, Period.Parse(id).Previous().Id);
    }

    [Theory]
    [InlineData("2024W05", "2023W05")]
    [InlineData("2020W53", "2019W52")]
    [InlineData("202407", "202307")]
    [InlineData("202502", "202402")]
    [InlineData("2024Q1", "2023Q1")]
    [InlineData("2024S1", "2023S1")]
    [InlineData("2024S2", "2023S2")]
    [InlineData("2024N9", "2023N9")]
    [InlineData("2024", "2023")]
    [InlineData("2019-2024", "2014-2019")]
    [InlineData("2024-01-01..2024-03-31", "2023-01-01..2023-03-31")]
    [InlineData("2024-02-29..2024-03-10", "2023-02-28..2023-03-10")]
    [InlineData("2023-03-01..2024-02-29", "2022-03-01..2023-02-28")]
    public void Same_period_last_year(string id, string expected)
    {
        Assert.Equal(expected, Period.Parse(id).SamePeriodLastYear().Id);
    }

    [Fact]
    public void Same_month_last_year_recomputes_the_end_of_february()
    {
        Assert.Equal(D("2024-02-29"), Period.Month(2025, 2).SamePeriodLastYear().To);
        Assert.Equal(D("2023-02-28"), Period.Month(2024, 2).SamePeriodLastYear().To);
    }

    [Fact]
    public void Navigation_before_1945_throws()
    {
        Assert.Throws<InvalidOperationException>(() => Period.Year(1945).Previous());
        Assert.Throws<InvalidOperationException>(() => Period.Week(1945, 1).Previous());
        Assert.Throws<InvalidOperationException>(() => Period.Quarter(1945, 2).SamePeriodLastYear());
        Assert.Throws<InvalidOperationException>(() => Period.Term(1950, 1960).Previous());
    }

    [Fact]
    public void Contains_and_days()
    {
        var feb = Period.Month(2024, 2);
        Assert.Equal(29, feb.Days);
        Assert.True(feb.Contains(D("2024-02-01")));
        Assert.True(feb.Contains(D("2024-02-29")));
        Assert.False(feb.Contains(D("2024-01-31")));
        Assert.False(feb.Contains(D("2024-03-01")));
        Assert.Equal(7, Period.Week(2024, 5).Days);
        Assert.Equal(1, Period.Parse("2024-05-17..2024-05-17").Days);
        Assert.Equal(366, Period.Year(2024).Days);
    }

    // ------------------------------------------------------------------ invalid input

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("2024Q5")]
    [InlineData("2024Q0")]
    [InlineData("202413")]
    [InlineData("202400")]
    [InlineData("2024W54")]
    [InlineData("2024W00")]
    [InlineData("2021W53")]
    [InlineData("2024W5")]
    [InlineData("2024W005")]
    [InlineData("2024S3")]
    [InlineData("2024N6")]
    [InlineData("20241")]
    [InlineData("1944")]
    [InlineData("2101")]
    [InlineData("1944Q1")]
    [InlineData("+2024")]
    [InlineData("２０２４")]
    [InlineData("2024-2024")]
    [InlineData("2024-2019")]
    [InlineData("2010-2021")]
    [InlineData("2024\u20142029")]
    [InlineData("2024/2029")]
    [InlineData("2024-02-30..2024-03-01")]
    [InlineData("2025-01-01..2024-01-01")]
    [InlineData("2000-01-01..2020-01-02")]
    [InlineData("1944-12-31..1945-01-31")]
    [InlineData("2024-1-01..2024-02-01")]
    [InlineData("2024-01-01..")]
    [InlineData("..2024-01-01")]
    [InlineData("2024-01-01...2024-02-01")]
    [InlineData("2024-01-01..2024-02-01..2024-03-01")]
    [InlineData("99999999999999999999")]
    [InlineData("Quý I năm 2023")]
    public void Invalid_ids_are_rejected_with_a_FormatException_only(string input)
    {
        Assert.False(Period.TryParse(input, out _));
        var ex = Assert.Throws<FormatException>(() => Period.Parse(input));
        Assert.Contains("Các dạng được chấp nhận", ex.Message);
        Assert.Contains("2024W05", ex.Message);
    }

    [Fact]
    public void Null_is_rejected()
    {
        Assert.False(Period.TryParse(null, out _));
        Assert.Throws<FormatException>(() => Period.Parse(null!));
    }

    [Fact]
    public void Factories_and_constructor_reject_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Month(2024, 13));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Quarter(2024, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Year(1944));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Term(2019, 2019));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Term(2010, 2021));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Range(D("2024-02-01"), D("2024-01-01")));
        // Not a month: its Id would not parse back to it.
        Assert.Throws<ArgumentException>(() => new Period(PeriodKind.Month, D("2024-01-05"), D("2024-02-04")));
        Assert.Throws<ArgumentException>(() => new Period(PeriodKind.Week, D("2024-01-30"), D("2024-02-05")));
    }

    // ------------------------------------------------------------------ properties

    private static Gen<Period> GenPeriod(int minYear) =>
        Gen.Select(Gen.Int[0, 8], Gen.Int[minYear, Period.MaxYear], Gen.Int[1, 53], Gen.Int[0, 366], Gen.Int[0, 7400])
            .Select((kind, y, n, day, length) => kind switch
            {
                0 => Period.Week(y, Math.Min(n, ISOWeek.GetWeeksInYear(y))),
                1 => Period.Month(y, (n - 1) % 12 + 1),
                2 => Period.Quarter(y, (n - 1) % 4 + 1),
                3 => Period.FirstHalf(y),
                4 => Period.SecondHalf(y),
                5 => Period.NineMonths(y),
                6 => Period.Year(y),
                7 => Period.Term(Math.Min(y, Period.MaxYear - 1), Math.Min(Period.MaxYear, Math.Min(y, Period.MaxYear - 1) + (n - 1) % 10 + 1)),
                _ => RandomRange(new DateOnly(y, 1, 1).AddDays(Math.Min(day, y == Period.MaxYear ? 364 : 366)), length),
            });

    private static Period RandomRange(DateOnly from, int length)
    {
        var to = from.AddDays(length);
        var max = from.AddYears(Period.MaxRangeYears);
        if (to > max) to = max;
        if (to.Year > Period.MaxYear) to = new DateOnly(Period.MaxYear, 12, 31);
        return Period.Range(from, to);
    }

    [Fact]
    public void Every_period_round_trips_through_its_id()
    {
        GenPeriod(Period.MinYear).Sample(p =>
        {
            Assert.Equal(p, Period.Parse(p.Id));
            Assert.Equal(p, Period.Parse(p.Id.ToLowerInvariant()));
            Assert.True(p.From <= p.To);
            Assert.Equal(p.To.DayNumber - p.From.DayNumber + 1, p.Days);
            Assert.True(p.Contains(p.From) && p.Contains(p.To));
            Assert.False(p.Contains(p.From.AddDays(-1)) || p.Contains(p.To.AddDays(1)));
            Assert.False(string.IsNullOrWhiteSpace(p.Label));
        }, iter: 5000);
    }

    [Fact]
    public void Previous_is_the_adjacent_comparable_period()
    {
        // From 1966 on, nothing steps back before 1945 (a term reaches 10 years back, a range 20).
        GenPeriod(1966).Sample(p =>
        {
            var q = p.Previous();
            Assert.Equal(q, Period.Parse(q.Id));
            Assert.True(q.From < p.From && q.To < p.To);
            var expectedKind = p.Kind switch
            {
                PeriodKind.FirstHalf => PeriodKind.SecondHalf,
                PeriodKind.SecondHalf => PeriodKind.FirstHalf,
                _ => p.Kind,
            };
            Assert.Equal(expectedKind, q.Kind);
            switch (p.Kind)
            {
                case PeriodKind.NineMonths:
                    // Jan–Sep of the year before: a gap of Oct–Dec.
                    Assert.Equal(p.SamePeriodLastYear(), q);
                    Assert.Equal(p.From.AddYears(-1), q.From);
                    break;
                case PeriodKind.Term:
                    // Same length, and the two terms share the congress year.
                    Assert.Equal(p.From.Year, q.To.Year);
                    Assert.Equal(p.To.Year - p.From.Year, q.To.Year - q.From.Year);
                    break;
                default:
                    Assert.Equal(p.From.AddDays(-1), q.To);
                    break;
            }
            if (p.Kind is PeriodKind.Week or PeriodKind.Range) Assert.Equal(p.Days, q.Days);
        }, iter: 5000);
    }

    [Fact]
    public void Same_period_last_year_is_one_year_earlier()
    {
        GenPeriod(1966).Sample(p =>
        {
            var q = p.SamePeriodLastYear();
            Assert.Equal(q, Period.Parse(q.Id));
            Assert.Equal(p.Kind, q.Kind);
            switch (p.Kind)
            {
                case PeriodKind.Week:
                    var (y, w) = (ISOWeek.GetYear(p.From.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(p.From.ToDateTime(TimeOnly.MinValue)));
                    Assert.Equal(y - 1, ISOWeek.GetYear(q.From.ToDateTime(TimeOnly.MinValue)));
                    Assert.Equal(Math.Min(w, ISOWeek.GetWeeksInYear(y - 1)), ISOWeek.GetWeekOfYear(q.From.ToDateTime(TimeOnly.MinValue)));
                    break;
                case PeriodKind.Term:
                    Assert.Equal(p.Previous(), q);
                    break;
                case PeriodKind.Range:
                    Assert.Equal(p.From.AddYears(-1), q.From);
                    Assert.Equal(p.To.AddYears(-1), q.To);
                    break;
                default:
                    Assert.Equal(p.From.AddYears(-1), q.From);
                    Assert.Equal(p.To.Year - 1, q.To.Year);
                    Assert.Equal(p.To.Month, q.To.Month);
                    break;
            }
        }, iter: 5000);
    }

    [Fact]
    public void Parse_throws_nothing_but_FormatException()
    {
        var gen = Gen.Char["0123456789wqsnWQSN-\u2013. x"].Array[0, 24].Select(cs => new string(cs));
        gen.Sample(s =>
        {
            if (Period.TryParse(s, out var p))
            {
                Assert.Equal(p, Period.Parse(s));
                Assert.Equal(p, Period.Parse(p.Id));
            }
            else
            {
                Assert.Throws<FormatException>(() => Period.Parse(s));
            }
        }, iter: 20000);
    }
}
