using System.Security.Claims;
using DoanKet.Data;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Infrastructure;

/// <summary>
/// The one place that decides what the signed-in account may see and change. An account is bound
/// to one unit version: it reads that version's subtree as it was (path prefix) and, through
/// <see cref="UnitSuccessor"/>, older units restated onto its subtree as it is now; it writes only
/// in its path prefix and only with a writing role.
/// </summary>
public sealed class UnitScope(AppDb db, IHttpContextAccessor http)
{
    private Unit? _home;
    private bool _loaded;

    public ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();
    public bool IsSignedIn => User.Identity?.IsAuthenticated == true;
    public bool IsAdmin => Roles.Admins.Any(User.IsInRole);
    public bool IsWriter => Roles.Writers.Any(User.IsInRole);

    /// <summary>The unit the account is bound to (null when anonymous).</summary>
    public async Task<Unit?> HomeAsync()
    {
        if (_loaded) return _home;
        _loaded = true;
        // Read the binding on every request, not from the cookie, so a rebinding takes effect at once.
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (IsSignedIn && userId is not null)
            _home = await db.Users.Where(a => a.Id == userId)
                .Join(db.Units.IgnoreQueryFilters(), a => a.UnitId, u => u.Id, (a, u) => u)
                .AsNoTracking().FirstOrDefaultAsync();
        return _home;
    }

    /// <summary>Units readable by the account: its subtree as then, plus units restated into it as now.</summary>
    public async Task<IQueryable<Unit>> ReadableAsync(IQueryable<Unit> units)
    {
        var home = await HomeAsync();
        if (home is null) return units.Where(_ => false);
        var (lo, hi) = PathRange(home.Path);
        return units.Where(u =>
            (string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0)
            || db.UnitSuccessors.Any(s => s.OriginalUnitId == u.Id
                && db.Units.Any(c => c.Id == s.CurrentUnitId && string.Compare(c.Path, lo) >= 0 && string.Compare(c.Path, hi) < 0)));
    }

    public async Task<bool> CanReadAsync(int unitId) =>
        await (await ReadableAsync(db.Units.IgnoreQueryFilters())).AnyAsync(u => u.Id == unitId);

    /// <summary>
    /// May the account change records of this unit? Writing role, unit inside its own subtree, and its
    /// own unit still current: an account left on an ended unit reads that history until it is rebound.
    /// </summary>
    public async Task<bool> CanWriteAsync(Unit unit)
    {
        var home = await HomeAsync();
        return home is { ValidTo: null } && IsWriter && Covers(home, unit);
    }

    /// <summary>May the account administer this unit (tree changes, accounts)?</summary>
    public async Task<bool> CanAdministerAsync(Unit unit)
    {
        var home = await HomeAsync();
        return home is { ValidTo: null } && IsAdmin && Covers(home, unit);
    }

    public static bool Covers(Unit home, Unit unit) => unit.Path.StartsWith(home.Path, StringComparison.Ordinal);

    /// <summary>
    /// Paths are "/1/34/1201/": every descendant of P sorts in [P, P with its last '/' replaced by '0'),
    /// because '0' follows '/' in byte order. A range is indexable on both engines, unlike LIKE with a parameter.
    /// </summary>
    public static (string Lo, string Hi) PathRange(string path) => (path, path[..^1] + "0");
}

public static class UnitQueries
{
    public static IQueryable<Unit> Under(this IQueryable<Unit> units, string path)
    {
        var (lo, hi) = UnitScope.PathRange(path);
        return units.Where(u => string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0);
    }

    public static IQueryable<Unit> ValidOn(this IQueryable<Unit> units, DateOnly date) =>
        units.Where(u => u.ValidFrom <= date && (u.ValidTo == null || date < u.ValidTo));
}
