using DoanKet.Data;
using DoanKet.Domain.Supervisions;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Supervisions;

/// <summary>/phan-bien: social-criticism conferences and feedback on drafts of the account's units in a year, with how many comments were accepted.</summary>
public class CriticismsModel(AppDb db, UnitScope scope, RecordWriter writer) : PageModel
{
    public sealed record Row(SocialCriticism Criticism, string UnitName, int Comments, int Accepted, int Pending);

    [BindProperty] public CriticismInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "nam")] public int? Year { get; set; }

    public List<Row> Rows { get; private set; } = [];
    public List<Unit> Writable { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, Input.UnitId);
        if (fail is { Status: 403 }) return Forbid();
        var e = fail?.Errors ?? [];
        if (unit is not null) foreach (var (k, v) in SupervisionRules.Validate(Input, unit, db.Clock.Today)) e[k] = v;
        if (e.Count > 0)
        {
            FormErrors.Add(ModelState, e);
            await LoadAsync();
            return Page();
        }
        var c = new SocialCriticism { Draft = "", DraftingBody = "", CreatedAt = db.Clock.UtcNow, CreatedBy = User.Identity?.Name };
        SupervisionRules.Apply(c, Input);
        db.SocialCriticisms.Add(c);
        await writer.SaveAsync(c);
        TempData["Message"] = "Đã ghi. Thêm từng ý kiến và phản hồi của cơ quan soạn thảo bên dưới.";
        return Redirect($"/phan-bien/{c.Id}");
    }

    private async Task LoadAsync()
    {
        var today = db.Clock.Today;
        Year = Year is >= 2000 and <= 2100 ? Year : today.Year;
        var home = await scope.HomeAsync();
        if (home is null) return;
        var area = await RecordRules.AreaAsync(db, scope, home);
        var (from, to) = (new DateOnly(Year.Value, 1, 1), new DateOnly(Year.Value, 12, 31));
        var list = await db.SocialCriticisms.AsNoTracking().Where(c => area.Any(u => u.Id == c.UnitId) && c.Date >= from && c.Date <= to)
            .OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).Take(500).ToListAsync();
        var ids = list.Select(c => c.Id).ToList();
        var comments = await db.CriticismComments.AsNoTracking().Where(x => ids.Contains(x.CriticismId)).Select(x => new { x.CriticismId, x.Response }).ToListAsync();
        var names = await RecordRules.UnitNamesAsync(db, list.Select(c => c.UnitId));
        Rows = [.. list.Select(c =>
        {
            var mine = comments.Where(x => x.CriticismId == c.Id).ToList();
            return new Row(c, names.GetValueOrDefault(c.UnitId, ""), Math.Max(c.CommentCount ?? 0, mine.Count),
                mine.Count(x => x.Response is CommentResponse.Accepted or CommentResponse.PartlyAccepted), mine.Count(x => x.Response == CommentResponse.Pending));
        })];
        Writable = await RecordRules.WritableChoicesAsync(db, scope, null, SupervisionRules.FitsUnit);
        if (Input.UnitId == 0) Input.UnitId = Writable.FirstOrDefault()?.Id ?? 0;
    }
}
