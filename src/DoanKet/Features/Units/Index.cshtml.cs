using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Units;

/// <summary>The unit tree at any date, one level at a time (it must stay usable with 90,000 groups), and search.</summary>
public class IndexModel(AppDb db, UnitScope scope) : PageModel
{
    public sealed record Node(Unit Unit, int ChildCount);
    public sealed record Found(Unit Unit, string ParentName);

    [BindProperty(SupportsGet = true)] public DateOnly? At { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "root")] public int? RootId { get; set; }

    public DateOnly Date => At ?? db.Clock.Today;
    public Unit? Root { get; private set; }
    public List<Unit> Ancestors { get; private set; } = [];
    public List<Node> Children { get; private set; } = [];
    public List<Found>? Results { get; private set; }

    public string Link(int id) => $"/don-vi?root={id}" + (At is null ? "" : $"&at={At:yyyy-MM-dd}");

    public async Task<IActionResult> OnGetAsync()
    {
        var home = await scope.HomeAsync();
        if (home is null) return Challenge();
        var readable = await scope.ReadableAsync(db.Units.AsNoTracking());

        if (!string.IsNullOrWhiteSpace(Q))
        {
            if (Q.Length > 100) Q = Q[..100];
            var folded = Text.Fold(Q);
            var q = readable.Where(u => u.NameFolded.Contains(folded) || u.Code == Q.Trim());
            if (At is not null) q = q.ValidOn(At.Value);
            var units = await q.OrderBy(u => u.ValidTo != null).ThenBy(u => u.Level).ThenBy(u => u.Path).Take(200).ToListAsync();
            var parentIds = units.Where(u => u.ParentId != null).Select(u => u.ParentId!.Value).Distinct().ToList();
            var parents = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => parentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName);
            Results = [.. units.Select(u => new Found(u, u.ParentId is null ? "—" : parents.GetValueOrDefault(u.ParentId.Value, "—")))];
            return Page();
        }

        // Root: the requested unit if readable, else the account's unit as it stood on the date.
        Root = RootId is null ? null : await readable.FirstOrDefaultAsync(u => u.Id == RootId);
        if (Root is null)
        {
            Root = home.IsValidOn(Date) ? home : null;
            if (Root is null)
            {
                // The account's unit did not exist yet (or any more): start from what its subtree held then.
                Root = await readable.ValidOn(Date).OrderBy(u => u.Level).ThenBy(u => u.Path).FirstOrDefaultAsync();
            }
        }
        if (Root is null) return Page();

        var ancestorIds = Root.Path.Trim('/').Split('/').Select(int.Parse).Where(id => id != Root.Id).ToList();
        Ancestors = await readable.Where(u => ancestorIds.Contains(u.Id)).OrderBy(u => u.Level).ToListAsync();
        var rootId = Root.Id;
        Children = await readable.ValidOn(Date).Where(u => u.ParentId == rootId)
            .OrderBy(u => u.Kind).ThenBy(u => u.Name.Length).ThenBy(u => u.Name)
            .Select(u => new Node(u, db.Units.Count(c => c.ParentId == u.Id && c.ValidFrom <= Date && (c.ValidTo == null || Date < c.ValidTo))))
            .ToListAsync();
        return Page();
    }
}
