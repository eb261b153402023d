using DoanKet.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal.Site;

/// <summary>
/// /p/tim-kiem and /p/{slug}/tim-kiem: news, documents, albums, published answers to petitions and public funds, found
/// by words typed with or without diacritics, best first, the words marked; donors are looked up in each fund's ledger.
/// </summary>
[OutputCache(PolicyName = Publishing.CacheTag)]
public class SearchModel(AppDb db, VisitCounter visits) : SitePage(db, visits)
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int PageNumber { get; set; } = 1;

    public sealed record LedgerHit(int FundId, string FundName, long Count);

    public List<SearchIndex.Hit> Hits { get; private set; } = [];
    /// <summary>Public funds of the site whose contributions name a donor matching the words (counted, never listed here).</summary>
    public List<LedgerHit> Ledger { get; private set; } = [];
    public bool LedgerCapped { get; private set; }
    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? slug)
    {
        if (await LoadSiteAsync(slug, "/tim-kiem") is { } answer) return answer;
        if (Q?.Length > 200) Q = Q[..200];
        PageNumber = Math.Clamp(PageNumber, 1, 1000);
        (Hits, Total) = await SearchIndex.SearchAsync(Db, Q, Site, PageNumber);
        if (PageNumber == 1 && Domain.Text.Fold(Q) is { Length: >= 3 } folded)
        {
            // One query over the distinct donor names of the site's public funds: which funds name such a donor, and how many times.
            var funds = Db.Funds.AsNoTracking().Where(f => f.Public);
            if (Site is not null)
            {
                var units = Sites.Subtree(Db, Site);
                funds = funds.Where(f => units.Contains(f.UnitId));
            }
            var ids = funds.Select(f => f.Id);
            // Bounded like the ledger's own search: past MaxNames matching names, the counts say "at least".
            var matches = Funds.FundQueries.NamesStartingWith(Db, folded) is { } rows
                ? await rows.Where(n => ids.Contains(n.FundId)).OrderBy(n => n.Words).Select(n => new { n.FundId, n.Folded, n.Entries })
                    .Take(Funds.FundQueries.MaxNames + 1).ToListAsync()
                : [];
            LedgerCapped = matches.Count > Funds.FundQueries.MaxNames;
            var counts = matches.Distinct().GroupBy(n => n.FundId).ToDictionary(g => g.Key, g => g.Sum(n => n.Entries));
            var names = await Db.Funds.AsNoTracking().Where(f => counts.Keys.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Name);
            Ledger = [.. counts.OrderBy(c => names[c.Key]).Select(c => new LedgerHit(c.Key, names[c.Key], c.Value))];
        }
        return Page();
    }

    public bool More => PageNumber * SearchIndex.PageSize < Total;
}
