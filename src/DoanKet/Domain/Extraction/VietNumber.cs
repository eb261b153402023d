using System.Globalization;

namespace DoanKet.Domain.Extraction;

/// <summary>
/// Numbers as Vietnamese texts write them: dots between thousands and a decimal comma ("8.000.000",
/// "46,6"), sometimes no separators ("2288"), sometimes the English way ("1.5", "8,000,000").
/// </summary>
public static class VietNumber
{
    /// <summary>
    /// Parses the digits and separators of one number token (no sign, no unit). Returns false for shapes
    /// that are not a quantity written by a person (phone numbers, "1.2.3", long zero-led codes):
    /// better to miss a figure than to invent one.
    /// </summary>
    /// <param name="decimalHint">true when the word after it asks for a fraction ("1,250 tỷ", "46,625%").</param>
    public static bool TryParse(ReadOnlySpan<char> s, bool decimalHint, out decimal value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 24 || !char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[^1])) return false;
        int dots = 0, commas = 0, lastDot = -1, lastComma = -1;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '.') { dots++; lastDot = i; }
            else if (c == ',') { commas++; lastComma = i; }
            else if (!char.IsAsciiDigit(c)) return false;
            if ((c == '.' || c == ',') && !char.IsAsciiDigit(s[i - 1])) return false;
        }
        if (dots == 0 && commas == 0)
        {
            // "07 kiến nghị" is how counts are written; a long zero-led run is a code or a phone number.
            if (s.Length > 15 || (s[0] == '0' && s.Length > 3)) return false;
            return Digits(s, out value);
        }
        if (dots > 0 && commas > 0)
        {
            // The separator that comes last, once, is the decimal one: "1.234,5" or "1,234.5".
            var (group, dec, decAt) = lastComma > lastDot ? ('.', ',', lastComma) : (',', '.', lastDot);
            if ((dec == ',' ? commas : dots) != 1) return false;
            return Grouped(s[..decAt], group, out var whole) && Fraction(s[(decAt + 1)..], out var frac) && Set(whole + frac, out value);
        }
        var sep = dots > 0 ? '.' : ',';
        var count = dots + commas;
        var grouped = Grouped(s, sep, out var asThousands);
        if (count > 1) return grouped && Set(asThousands, out value);
        // One separator: thousands when three digits follow ("2.288", "1,160"), unless the next word
        // needs a fraction ("1,250 tỷ"); any other count of digits after it is a decimal ("46,6", "1.5").
        var at = s.IndexOf(sep);
        var after = s.Length - at - 1;
        if (grouped && after == 3 && !(decimalHint && sep == ','))
            return Set(asThousands, out value);
        if (s[0] == '0' && at > 1) return false;
        return Digits(s[..at], out var w) && Fraction(s[(at + 1)..], out var f) && Set(w + f, out value);
    }

    private static bool Set(decimal v, out decimal value)
    {
        value = v;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, out decimal value) =>
        decimal.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool Fraction(ReadOnlySpan<char> s, out decimal value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 6 || !Digits(s, out var d)) return false;
        value = d / Pow10(s.Length);
        return true;
    }

    private static decimal Pow10(int n)
    {
        decimal p = 1;
        for (var i = 0; i < n; i++) p *= 10;
        return p;
    }

    /// <summary>"8.000.000" with '.' between groups: a first group of 1–3 digits, then groups of exactly 3.</summary>
    private static bool Grouped(ReadOnlySpan<char> s, char sep, out decimal value)
    {
        value = 0;
        var first = s.IndexOf(sep);
        if (first is < 1 or > 3 || (s[0] == '0' && first > 1) || (s[0] == '0' && s.Length > 1 && first == 1)) return false;
        var digits = new System.Text.StringBuilder(s.Length);
        var run = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == sep)
            {
                if (i > first && run != 3) return false;
                run = 0;
                continue;
            }
            if (!char.IsAsciiDigit(s[i])) return false;
            digits.Append(s[i]);
            run++;
        }
        return run == 3 && digits.Length <= 18 && Digits(digits.ToString(), out value);
    }

    /// <summary>Writes a number the Vietnamese way: "8.000.000", "46,6". The inverse of <see cref="TryParse"/>.</summary>
    public static string Format(decimal value)
    {
        var culture = CultureInfo.GetCultureInfo("vi-VN");
        var scale = value.Scale;
        return value.ToString("N" + scale.ToString(CultureInfo.InvariantCulture), culture);
    }
}
