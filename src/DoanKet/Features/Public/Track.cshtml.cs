using DoanKet.Data;
using DoanKet.Domain.Petitions;
using DoanKet.Features.Petitions;
using DoanKet.Features.Records;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Public;

/// <summary>/gop-y/tra-cuu: the citizen follows a petition by its code, reads the published answer, and may ask to reopen it in time.</summary>
[EnableRateLimiting(PetitionModel.RateLimit)]
public class TrackModel(AppDb db, PetitionFlow flow) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "ma")] public string? Code { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Petition? Petition { get; private set; }
    public string UnitName { get; private set; } = "";
    public string? Topic { get; private set; }
    public List<PetitionEvent> Steps { get; private set; } = [];
    public bool CanReopen => Petition is { Status: PetitionStatus.Published or PetitionStatus.Closed, ReopenUntil: { } until } && until >= db.Clock.Today;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostReopenAsync()
    {
        await LoadAsync();
        if (Petition is null) return NotFound();
        var tracked = await db.Petitions.FirstAsync(p => p.Id == Petition.Id);
        if (await flow.CitizenReopenAsync(tracked, Reason) is { } fail)
        {
            ModelState.AddModelError(fail.Errors is null ? "" : nameof(Reason), fail.Message);
            return Page();
        }
        TempData["Message"] = "Đã gửi đề nghị xem xét lại. Ý kiến được mở lại để xử lý tiếp.";
        return Redirect("/gop-y/tra-cuu?ma=" + tracked.Code);
    }

    private async Task LoadAsync()
    {
        var code = Petition.NormaliseCode(Code);
        if (code.Length == 0) return;
        Petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code);
        if (Petition is null) return;
        UnitName = (await RecordRules.UnitNamesAsync(db, [Petition.UnitId])).GetValueOrDefault(Petition.UnitId, "");
        Topic = Petition.TopicId is int t ? await db.Topics.Where(x => x.Id == t).Select(x => x.Name).FirstOrDefaultAsync() : null;
        Steps = await db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == Petition.Id && e.Public).OrderBy(e => e.Id).ToListAsync();
    }
}
