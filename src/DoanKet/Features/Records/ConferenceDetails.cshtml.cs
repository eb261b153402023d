using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Audit;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Records;

/// <summary>One conference: attendance rate, votes on each decision, minutes, history.</summary>
public class ConferenceDetailsModel(AppDb db, UnitScope scope, News.NewsWriter news) : PageModel
{
    public Conference Conference { get; private set; } = null!;
    public Unit Unit { get; private set; } = null!;
    public bool CanWrite { get; private set; }
    public List<AuditEntry> Audit { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    /// <summary>Drafts a news article from the conference (figures from the record) and opens it for editing.</summary>
    public async Task<IActionResult> OnPostNewsAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!CanWrite) return Forbid();
        var draft = await news.SaveAsync(News.NewsWriter.FromConference(Conference, Unit));
        return Redirect($"/tin-bai/{draft.Id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var (c, u) = await RecordRules.ForReadAsync(db, scope, db.Conferences.Include(x => x.Decisions.OrderBy(d => d.Id)), id, x => x.UnitId);
        if (c is null) return false;
        (Conference, Unit) = (c, u!);
        CanWrite = c.DeletedAt is null && u!.ValidTo is null && await scope.CanWriteAsync(u);
        Audit = await AuditTrail.ForAsync(db, nameof(Domain.Records.Conference), id);
        return true;
    }
}
