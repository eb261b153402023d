using System.Globalization;
using System.Text;

namespace DoanKet.Domain;

public static class Text
{
    /// <summary>Folds Vietnamese for diacritic-insensitive search: "Đặng Ngọc Lâm" → "dang ngoc lam".</summary>
    public static string Fold(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return "";
        var sb = new StringBuilder(s.Length);
        foreach (var c in s.Normalize(NormalizationForm.FormD))
        {
            // Control characters (NUL from a crafted URL) never help a match, and PostgreSQL refuses NUL in text.
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || char.IsControl(c) && !char.IsWhiteSpace(c)) continue;
            sb.Append(c switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(c) });
        }
        return string.Join(' ', sb.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
