using DoanKet.Infrastructure;

namespace DoanKet.Features.Reports;

/// <summary>
/// Numbers the way the Front writes them in reports: counts under ten with a leading zero ("07 kiến nghị"), thousands
/// with dots ("2.288"), money exactly and rounded down in words ("trên 214 triệu đồng"), fractions ("21/21 tổ dân
/// phố") and rates ("đạt 46,4%"). Every helper takes a value computed from records; none invents one.
/// </summary>
public static class Wording
{
    /// <summary>"07", "77", "2.288".</summary>
    public static string Count(double v)
    {
        var n = (long)Math.Round(v);
        return n is >= 1 and <= 9 ? "0" + n : Fmt.Number(n);
    }

    /// <summary>"07 cuộc", "2.288 lượt người".</summary>
    public static string Count(double v, string unit) => $"{Count(v)} {unit}";

    /// <summary>"77 cuộc/2.288 lượt người"; the second part left out when it is zero.</summary>
    public static string Pair(double a, string unitA, double b, string unitB) =>
        b > 0 ? $"{Count(a, unitA)}/{Count(b, unitB)}" : Count(a, unitA);

    /// <summary>"21/21 tổ dân phố".</summary>
    public static string Fraction(double x, double of, string unit) => $"{Fmt.Number((long)x)}/{Fmt.Number((long)of)} {unit}";

    /// <summary>"46,4%".</summary>
    public static string Rate(double percent) => Fmt.Number(percent, 1) + "%";

    /// <summary>
    /// "214.350.000 đồng (trên 214 triệu đồng)": exact, then rounded down to the largest whole unit in words when that says
    /// it shorter; "3.000.000 đồng (3 triệu đồng)" when it is exact.
    /// </summary>
    public static string Money(double v)
    {
        var dong = (long)Math.Round(v);
        var exact = Fmt.Money(dong);
        var words = MoneyWords(dong);
        return words is null ? exact : $"{exact} ({words})";
    }

    /// <summary>"trên 214 triệu đồng", "1,2 tỷ đồng", "3 triệu đồng"; null under a million.</summary>
    public static string? MoneyWords(long dong)
    {
        var (unit, size) = dong >= 1_000_000_000 ? ("tỷ", 1_000_000_000L) : dong >= 1_000_000 ? ("triệu", 1_000_000L) : ("", 0L);
        if (size == 0) return null;
        // One decimal for billions ("1,2 tỷ"), whole millions otherwise; "trên" when something is left over.
        var scale = unit == "tỷ" ? size / 10 : size;
        var whole = dong / scale;
        var shown = unit == "tỷ" ? Fmt.Number(whole / 10.0, 1) : Fmt.Number(whole);
        return (dong % scale == 0 ? "" : "trên ") + $"{shown} {unit} đồng";
    }

    /// <summary>"Quý IV năm 2025" → "quý IV năm 2025" inside a sentence; an acronym ("HĐND") is left as it is.</summary>
    public static string LowerFirst(string s) =>
        s.Length == 0 || (s.Length > 1 && char.IsUpper(s[1])) ? s : char.ToLower(s[0], Vi) + s[1..];

    private static readonly System.Globalization.CultureInfo Vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");
}
