using DoanKet.Data;
using DoanKet.Domain.Funds;
using DoanKet.Features.Funds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Public;

/// <summary>/cong-khai/quy: every public fund with its money in and out (no sign-in).</summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public class FundsModel(AppDb db) : PageModel
{
    public sealed record Row(Fund Fund, string UnitName, long In, long Out);
    public List<Row> Funds { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var funds = await db.Funds.AsNoTracking().Where(f => f.Public).OrderBy(f => f.Name).ToListAsync();
        var ids = funds.Select(f => f.UnitId).Distinct().ToList();
        var names = await Records.RecordRules.UnitNamesAsync(db, ids);
        var sums = await FundQueries.InOutAsync(db, [.. funds.Select(f => f.Id)]);
        Funds = [.. funds.Select(f => new Row(f, names.GetValueOrDefault(f.UnitId, ""), sums.GetValueOrDefault(f.Id).In, sums.GetValueOrDefault(f.Id).Out))];
    }
}

/// <summary>/cong-khai/quy/{id}: one public fund: accounts, appeals, totals by unit and day, searchable contributions and disbursements, masked.</summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public class FundModel(AppDb db) : PageModel
{
    public const int PageSize = 50;
    public Fund Fund { get; private set; } = null!;
    public string UnitName { get; private set; } = "";
    public List<FundAccount> Accounts { get; private set; } = [];
    public List<AppealProgress> Appeals { get; private set; } = [];
    public List<FundQueries.UnitTotal> ByUnit { get; private set; } = [];
    public List<FundQueries.DayTotal> ByDay { get; private set; } = [];
    public List<PublicLine> Lines { get; private set; } = [];
    public bool More { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public long? Amount { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    [BindProperty(SupportsGet = true)] public string? Ref { get; set; }
    [BindProperty(SupportsGet = true)] public int? Appeal { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tab { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int PageNumber { get; set; } = 1;

    public bool Spending => Tab == "chi";
    public bool Overview => !Search.Any && PageNumber == 1;
    public PublicSearch Search => new(Q, Amount, Date, Ref, Appeal);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var fund = await db.Funds.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.Public);
        if (fund is null) return NotFound();
        Fund = fund;
        var unit = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == fund.UnitId);
        UnitName = unit.FullName;
        Accounts = await db.FundAccounts.AsNoTracking().Where(a => a.FundId == id).OrderBy(a => a.Id).ToListAsync();
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        // The totals read the whole fund: done for the overview only (one cached page per fund and appeal), never once per search.
        if (Overview)
        {
            (ByUnit, ByDay) = await FundQueries.TotalsAsync(db, id, Appeal);
            Appeals = await FundQueries.AppealsAsync(db, id, unit);
        }
        var q = Spending ? FundQueries.PublicDisbursements(db, id, Appeal) : await FundQueries.PublicContributionsAsync(db, id, Search);
        var page = await FundQueries.PageAsync(db, q, (PageNumber - 1) * PageSize, PageSize + 1);
        More = page.Count > PageSize;
        Lines = await FundQueries.PublicLinesAsync(db, [.. page.Take(PageSize)]);
        return Page();
    }

    public string Link(int page) =>
        $"/cong-khai/quy/{Fund.Id}?tab={(Spending ? "chi" : "thu")}&q={Uri.EscapeDataString(Q ?? "")}&amount={Amount}&date={Date:yyyy-MM-dd}&ref={Uri.EscapeDataString(Ref ?? "")}&appeal={Appeal}&trang={page}";
}
