using System.Globalization;
using System.Text;
using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal;

/// <summary>
/// A unit's public site lives at /p/{slug}: the unit's name without diacritics and its id ("phuong-bo-de-12"). The id
/// decides; a renamed unit's old addresses redirect to the new slug.
/// </summary>
public static class Sites
{
    public static string Slug(Unit u) => Words(Text.Fold(u.FullName)) + "-" + u.Id.ToString(CultureInfo.InvariantCulture);

    public static string Url(Unit u) => "/p/" + Slug(u);

    /// <summary>A title as the readable part of an address: "Hội nghị sơ kết" → "hoi-nghi-so-ket".</summary>
    public static string Words(string folded)
    {
        var sb = new StringBuilder(Math.Min(folded.Length, 80));
        foreach (var c in folded)
        {
            if (sb.Length >= 80) break;
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>The id at the end of a slug, or null.</summary>
    public static int? IdOf(string? slug)
    {
        if (string.IsNullOrEmpty(slug)) return null;
        var dash = slug.LastIndexOf('-');
        return int.TryParse(slug.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    /// <summary>The unit of a site: a commune, a province or the centre, as it is now or was when it ended.</summary>
    public static async Task<Unit?> FindAsync(AppDb db, string? slug) =>
        IdOf(slug) is int id
            ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && u.Level != UnitLevel.ResidentialGroup)
            : null;

    /// <summary>Units whose published items a site shows: the unit and everything under it.</summary>
    public static IQueryable<int> Subtree(AppDb db, Unit site)
    {
        var (lo, hi) = Infrastructure.UnitScope.PathRange(site.Path);
        return db.Units.IgnoreQueryFilters().Where(u => string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0).Select(u => u.Id);
    }
}
