using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace DoanKet.Domain.Periods;

public enum PeriodKind { Week, Month, Quarter, FirstHalf, SecondHalf, NineMonths, Year, Term, Range }

/// <summary>
/// A reporting period, From..To inclusive. Ids are the stable form used in URLs and stored data
/// (2024W05, 202407, 2024Q1, 2024S1, 2024S2, 2024N9, 2024, 2019-2024, 2024-01-01..2024-03-31);
/// labels are for people.
/// </summary>
/// <remarks>
/// The constructor rejects any (Kind, From, To) that is not exactly a period of that kind, so that
/// <c>Parse(p.Id) == p</c> always holds. <c>default(Period)</c> is not a valid period.
/// </remarks>
public readonly record struct Period(PeriodKind Kind, DateOnly From, DateOnly To) : IParsable<Period>
{
    public const int MinYear = 1945;
    public const int MaxYear = 2100;
    public const int MaxTermYears = 10;
    public const int MaxRangeYears = 20;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // Get-only (no init), so that "with" cannot produce an inconsistent period.
    public PeriodKind Kind { get; } = Kind;
    public DateOnly From { get; } = From;
    public DateOnly To { get; } = IsWellFormed(Kind, From, To)
        ? To
        : throw new ArgumentException(string.Create(Inv, $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd} is not a valid {Kind} period."), nameof(To));

    public string Id => Kind switch
    {
        PeriodKind.Week => string.Create(Inv, $"{IsoYear:D4}W{IsoWeek:D2}"),
        PeriodKind.Month => string.Create(Inv, $"{From.Year:D4}{From.Month:D2}"),
        PeriodKind.Quarter => string.Create(Inv, $"{From.Year:D4}Q{QuarterNumber}"),
        PeriodKind.FirstHalf => string.Create(Inv, $"{From.Year:D4}S1"),
        PeriodKind.SecondHalf => string.Create(Inv, $"{From.Year:D4}S2"),
        PeriodKind.NineMonths => string.Create(Inv, $"{From.Year:D4}N9"),
        PeriodKind.Year => string.Create(Inv, $"{From.Year:D4}"),
        PeriodKind.Term => string.Create(Inv, $"{From.Year:D4}-{To.Year:D4}"),
        _ => string.Create(Inv, $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}"),
    };

    public string Label => Kind switch
    {
        PeriodKind.Week => string.Create(Inv, $"Tuần {IsoWeek:D2} năm {IsoYear} ({WeekDates()})"),
        PeriodKind.Month => string.Create(Inv, $"Tháng {From.Month} năm {From.Year}"),
        PeriodKind.Quarter => string.Create(Inv, $"Quý {Roman[QuarterNumber - 1]} năm {From.Year}"),
        PeriodKind.FirstHalf => string.Create(Inv, $"6 tháng đầu năm {From.Year}"),
        PeriodKind.SecondHalf => string.Create(Inv, $"6 tháng cuối năm {From.Year}"),
        PeriodKind.NineMonths => string.Create(Inv, $"9 tháng đầu năm {From.Year}"),
        PeriodKind.Year => string.Create(Inv, $"Năm {From.Year}"),
        // Lower case: the label is used inside sentences ("Báo cáo nhiệm kỳ 2019–2024").
        PeriodKind.Term => string.Create(Inv, $"nhiệm kỳ {From.Year}\u2013{To.Year}"),
        _ => string.Create(Inv, $"Từ {From:dd/MM/yyyy} đến {To:dd/MM/yyyy}"),
    };

    public int Days => To.DayNumber - From.DayNumber + 1;

    public bool Contains(DateOnly d) => From <= d && d <= To;

    public override string ToString() => Id;

    private int IsoYear => ISOWeek.GetYear(From.ToDateTime(TimeOnly.MinValue));
    private int IsoWeek => ISOWeek.GetWeekOfYear(From.ToDateTime(TimeOnly.MinValue));
    private int QuarterNumber => (From.Month - 1) / 3 + 1;
    private static readonly string[] Roman = ["I", "II", "III", "IV"];

    // "29/01–04/02/2024", or both full dates when the week straddles New Year.
    private string WeekDates() => From.Year == To.Year
        ? string.Create(Inv, $"{From:dd/MM}\u2013{To:dd/MM/yyyy}")
        : string.Create(Inv, $"{From:dd/MM/yyyy}\u2013{To:dd/MM/yyyy}");

    // ------------------------------------------------------------------ factories

    public static Period Week(int isoYear, int week)
    {
        CheckYear(isoYear, nameof(isoYear));
        var weeks = ISOWeek.GetWeeksInYear(isoYear);
        if (week < 1 || week > weeks)
            throw new ArgumentOutOfRangeException(nameof(week), week, $"ISO year {isoYear} has weeks 1..{weeks}.");
        var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(isoYear, week, DayOfWeek.Monday));
        return new(PeriodKind.Week, monday, monday.AddDays(6));
    }

    public static Period Month(int year, int month)
    {
        CheckYear(year, nameof(year));
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "Month must be 1..12.");
        return Calendar(PeriodKind.Month, new DateOnly(year, month, 1));
    }

    public static Period Quarter(int year, int quarter)
    {
        CheckYear(year, nameof(year));
        if (quarter is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "Quarter must be 1..4.");
        return Calendar(PeriodKind.Quarter, new DateOnly(year, quarter * 3 - 2, 1));
    }

    public static Period FirstHalf(int year) => Calendar(PeriodKind.FirstHalf, new DateOnly(CheckYear(year, nameof(year)), 1, 1));

    public static Period SecondHalf(int year) => Calendar(PeriodKind.SecondHalf, new DateOnly(CheckYear(year, nameof(year)), 7, 1));

    public static Period NineMonths(int year) => Calendar(PeriodKind.NineMonths, new DateOnly(CheckYear(year, nameof(year)), 1, 1));

    public static Period Year(int year) => Calendar(PeriodKind.Year, new DateOnly(CheckYear(year, nameof(year)), 1, 1));

    /// <summary>
    /// A Front term, given by its congress years. The exact congress dates differ from unit to unit,
    /// so a term covers whole calendar years (Jan 1 of the first .. Dec 31 of the last); consecutive
    /// terms therefore share the congress year (2014-2019, 2019-2024).
    /// </summary>
    public static Period Term(int fromYear, int toYear)
    {
        CheckYear(fromYear, nameof(fromYear));
        CheckYear(toYear, nameof(toYear));
        if (!IsTermLength(toYear - fromYear))
            throw new ArgumentOutOfRangeException(nameof(toYear), toYear, $"A term ends 1..{MaxTermYears} years after it starts.");
        return new(PeriodKind.Term, new DateOnly(fromYear, 1, 1), new DateOnly(toYear, 12, 31));
    }

    /// <summary>An explicit range, both ends inclusive; To is at most 20 years after From.</summary>
    public static Period Range(DateOnly from, DateOnly to)
    {
        CheckYear(from.Year, nameof(from));
        CheckYear(to.Year, nameof(to));
        if (!IsRangeSpan(from, to))
            throw new ArgumentOutOfRangeException(nameof(to), to, $"A range needs From <= To and at most {MaxRangeYears} years.");
        return new(PeriodKind.Range, from, to);
    }

    // ------------------------------------------------------------------ navigation

    /// <summary>
    /// The comparable period just before. Contiguous (Previous().To == From - 1 day) for every kind but
    /// NineMonths (the previous year's Jan–Sep) and Term (same length, sharing the congress year).
    /// </summary>
    /// <exception cref="InvalidOperationException">The result would fall outside 1945–2100.</exception>
    public Period Previous() => Kind switch
    {
        PeriodKind.Week => Derived(Kind, From.AddDays(-7), From.AddDays(-1)),
        PeriodKind.Month => Derived(Kind, From.AddMonths(-1), From.AddDays(-1)),
        PeriodKind.Quarter => Derived(Kind, From.AddMonths(-3), From.AddDays(-1)),
        PeriodKind.FirstHalf => Derived(PeriodKind.SecondHalf, From.AddMonths(-6), From.AddDays(-1)),
        PeriodKind.SecondHalf => Derived(PeriodKind.FirstHalf, From.AddMonths(-6), From.AddDays(-1)),
        PeriodKind.NineMonths or PeriodKind.Year => ShiftedYear(),
        PeriodKind.Term => Derived(Kind, new DateOnly(2 * From.Year - To.Year, 1, 1), new DateOnly(From.Year, 12, 31)),
        PeriodKind.Range => Derived(Kind, From.AddDays(-Days), From.AddDays(-1)),
        _ => throw new InvalidOperationException($"Unknown period kind {Kind}."),
    };

    /// <summary>
    /// The same period one year earlier: the same ISO week number (53 becomes 52 when the previous ISO
    /// year has no week 53), a Range shifted by a year (Feb 29 becomes Feb 28), and for a Term the
    /// previous term.
    /// </summary>
    /// <exception cref="InvalidOperationException">The result would fall outside 1945–2100.</exception>
    public Period SamePeriodLastYear()
    {
        switch (Kind)
        {
            case PeriodKind.Week:
                var year = IsoYear - 1;
                if (year < MinYear) throw OutOfYears();
                var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, Math.Min(IsoWeek, ISOWeek.GetWeeksInYear(year)), DayOfWeek.Monday));
                return Derived(Kind, monday, monday.AddDays(6));
            case PeriodKind.Term:
                return Previous();
            case PeriodKind.Range:
                return Derived(Kind, From.AddYears(-1), To.AddYears(-1));
            default:
                return ShiftedYear();
        }
    }

    // Calendar kinds start on the 1st of a month, so moving From by a year is exact; To is recomputed
    // (February of a leap year).
    private Period ShiftedYear() => Derived(Kind, From.AddYears(-1), EndOf(Kind, From.AddYears(-1)));

    private static Period Derived(PeriodKind kind, DateOnly from, DateOnly to) =>
        IsWellFormed(kind, from, to) ? new(kind, from, to) : throw OutOfYears();

    private static InvalidOperationException OutOfYears() =>
        new($"The resulting period falls outside the years {MinYear}..{MaxYear}.");

    // ------------------------------------------------------------------ parsing

    private const string AcceptedFormats =
        "Các dạng được chấp nhận: 2024W05 (tuần ISO), 202407 (tháng), 2024Q1 (quý), " +
        "2024S1 / 2024S2 (6 tháng đầu / cuối năm), 2024N9 (9 tháng đầu năm), 2024 (năm), " +
        "2019-2024 (nhiệm kỳ, tối đa 10 năm), 2024-01-01..2024-03-31 (khoảng ngày, tối đa 20 năm); " +
        "năm từ 1945 đến 2100.";

    /// <exception cref="FormatException">The id is not one of the accepted formats (never another exception).</exception>
    public static Period Parse(string id)
    {
        if (TryParse(id, out var period)) return period;
        var shown = id is null ? "" : id.Length > 40 ? id[..40] + "…" : id;
        throw new FormatException($"Kỳ báo cáo không hợp lệ: \"{shown}\". {AcceptedFormats}");
    }

    public static bool TryParse([NotNullWhen(true)] string? id, out Period period)
    {
        period = default;
        if (id is null) return false;
        var s = id.AsSpan().Trim();

        var dots = s.IndexOf("..", StringComparison.Ordinal);
        if (dots >= 0)
        {
            if (!TryParseDate(s[..dots], out var from) || !TryParseDate(s[(dots + 2)..], out var to)) return false;
            if (!InYears(from.Year) || !InYears(to.Year) || !IsRangeSpan(from, to)) return false;
            period = Range(from, to);
            return true;
        }

        if (s.Length < 4 || !TryDigits(s[..4], out var y) || !InYears(y)) return false;
        var rest = s[4..];
        switch (rest.Length)
        {
            case 0:
                period = Year(y);
                return true;
            case 2 when TryDigits(rest, out var m):
                if (m is < 1 or > 12) return false;
                period = Month(y, m);
                return true;
            case 2:
                switch (char.ToUpperInvariant(rest[0]), rest[1])
                {
                    case ('Q', >= '1' and <= '4'): period = Quarter(y, rest[1] - '0'); return true;
                    case ('S', '1'): period = FirstHalf(y); return true;
                    case ('S', '2'): period = SecondHalf(y); return true;
                    case ('N', '9'): period = NineMonths(y); return true;
                    default: return false;
                }
            case 3 when char.ToUpperInvariant(rest[0]) == 'W' && TryDigits(rest[1..], out var w):
                if (w < 1 || w > ISOWeek.GetWeeksInYear(y)) return false;
                period = Week(y, w);
                return true;
            case 5 when rest[0] is '-' or '\u2013' && TryDigits(rest[1..], out var y2):
                if (!InYears(y2) || !IsTermLength(y2 - y)) return false;
                period = Term(y, y2);
                return true;
            default:
                return false;
        }
    }

    static Period IParsable<Period>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<Period>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Period result) =>
        TryParse(s, out result);

    // Only ASCII digits: int.Parse would also take signs and surrounding white space.
    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 8) return false;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    // yyyy-MM-dd exactly, checked by hand so that no culture or lenient parsing gets in.
    private static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
        if (!TryDigits(s[..4], out var y) || !TryDigits(s[5..7], out var m) || !TryDigits(s[8..], out var d)) return false;
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    // ------------------------------------------------------------------ rules

    private static bool InYears(int year) => year is >= MinYear and <= MaxYear;

    private static int CheckYear(int year, string paramName) => InYears(year)
        ? year
        : throw new ArgumentOutOfRangeException(paramName, year, $"Years must be {MinYear}..{MaxYear}.");

    private static bool IsTermLength(int years) => years is >= 1 and <= MaxTermYears;

    // "At most 20 years" lets To reach From + 20 years exactly: with that bound, shifting a range back
    // a year (which may clamp From from Feb 29 to Feb 28) never makes it too long.
    private static bool IsRangeSpan(DateOnly from, DateOnly to) => from <= to && to <= from.AddYears(MaxRangeYears);

    private static int MonthsOf(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => 1,
        PeriodKind.Quarter => 3,
        PeriodKind.FirstHalf or PeriodKind.SecondHalf => 6,
        PeriodKind.NineMonths => 9,
        PeriodKind.Year => 12,
        _ => 0,
    };

    private static DateOnly EndOf(PeriodKind kind, DateOnly from) => from.AddMonths(MonthsOf(kind)).AddDays(-1);

    private static Period Calendar(PeriodKind kind, DateOnly from) => new(kind, from, EndOf(kind, from));

    private static bool IsWellFormed(PeriodKind kind, DateOnly from, DateOnly to)
    {
        switch (kind)
        {
            case PeriodKind.Week:
                // Year first, so that AddDays cannot overflow near DateOnly.MaxValue.
                return InYears(ISOWeek.GetYear(from.ToDateTime(TimeOnly.MinValue)))
                    && from.DayOfWeek == DayOfWeek.Monday && to == from.AddDays(6);
            case PeriodKind.Term:
                return InYears(from.Year) && InYears(to.Year) && from is { Month: 1, Day: 1 } && to is { Month: 12, Day: 31 }
                    && IsTermLength(to.Year - from.Year);
            case PeriodKind.Range:
                return InYears(from.Year) && InYears(to.Year) && IsRangeSpan(from, to);
        }
        if (!InYears(from.Year) || from.Day != 1 || to != EndOf(kind, from)) return false;
        return kind switch
        {
            PeriodKind.Month => true,
            PeriodKind.Quarter => from.Month % 3 == 1,
            PeriodKind.FirstHalf or PeriodKind.NineMonths or PeriodKind.Year => from.Month == 1,
            PeriodKind.SecondHalf => from.Month == 7,
            _ => false,
        };
    }
}
