using DoanKet.Data;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Home;

public class IndexModel(AppDb db, UnitScope scope, UserManager<AppUser> users) : PageModel
{
    public Unit? Home { get; private set; }
    public string FullName { get; private set; } = "";
    public int CurrentUnitsInScope { get; private set; }
    /// <summary>The reminder of petitions waiting on the account's units: overdue, and answers waiting to be checked.</summary>
    public int Overdue { get; private set; }
    public int ToCheck { get; private set; }
    /// <summary>Supervision recommendations whose answer is overdue.</summary>
    public int OverdueRecommendations { get; private set; }
    /// <summary>The level above's deadlines for the account's unit's reports not yet sent (the last 60 days and ahead).</summary>
    public List<Domain.Reports.ReportDeadline> ReportsDue { get; private set; } = [];
    /// <summary>Reports of the units below waiting for review.</summary>
    public int ReportsWaiting { get; private set; }

    public async Task OnGetAsync()
    {
        Home = await scope.HomeAsync();
        if (Home is null) return;
        FullName = (await users.GetUserAsync(User))?.FullName ?? "";
        CurrentUnitsInScope = await db.Units.Under(Home.Path).CountAsync(u => u.ValidTo == null && u.Id != Home.Id);
        if ((await Petitions.PetitionQueries.ListAsync(db, scope, new(Status: "qua-han"))).Query is { } overdue) Overdue = await overdue.CountAsync();
        if ((await Petitions.PetitionQueries.ListAsync(db, scope, new(Status: "cho-kiem-tra"))).Query is { } toCheck) ToCheck = await toCheck.CountAsync();
        OverdueRecommendations = await Supervisions.SupervisionRules.OverdueRecommendations(db, await Records.RecordRules.AreaAsync(db, scope, Home), db.Clock.Today).CountAsync();
        if (Home.ValidTo is null && scope.IsWriter)
        {
            var home = Home;
            var since = db.Clock.Today.AddDays(-60);
            var sent = db.ReviewReports.Where(r => r.UnitId == home.Id && (r.Status == Domain.Reports.ReportStatus.Submitted || r.Status == Domain.Reports.ReportStatus.Approved)).Select(r => r.PeriodId);
            ReportsDue = await db.ReportDeadlines.AsNoTracking().Where(d => d.UnitId == home.ParentId && d.Due >= since && !sent.Contains(d.PeriodId))
                .OrderBy(d => d.Due).Take(5).ToListAsync();
            ReportsWaiting = await db.ReviewReports.Where(r => r.Status == Domain.Reports.ReportStatus.Submitted)
                .Join(db.Units.Under(home.Path).Where(u => u.Id != home.Id), r => r.UnitId, u => u.Id, (r, u) => r.Id).CountAsync();
        }
    }
}
