using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Petitions;
using DoanKet.Domain.Units;
using DoanKet.Features.Petitions;
using DoanKet.Features.Records;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Public;

/// <summary>
/// /gop-y: a citizen sends an opinion or petition to a commune (or province) committee without an account and
/// gets a tracking code. Rate-limited per address; a field hidden from people catches bots.
/// </summary>
[EnableRateLimiting(PetitionModel.RateLimit)]
public class PetitionModel(AppDb db, PetitionFlow flow) : PageModel
{
    public const string RateLimit = "public-form";

    public sealed class FormInput
    {
        public PetitionKind Kind { get; set; } = PetitionKind.Petition;
        public int? TopicId { get; set; }
        public string? Content { get; set; }
        public bool Anonymous { get; set; }
        public string? PetitionerName { get; set; }
        public string? PetitionerContact { get; set; }
        public string? PetitionerAddress { get; set; }
        /// <summary>The honeypot: hidden from people (and from screen readers); bots fill every field.</summary>
        public string? Website { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = "don-vi")] public int? UnitId { get; set; }
    [BindProperty(SupportsGet = true, Name = "tim")] public string? Search { get; set; }
    [BindProperty] public FormInput Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public Unit? Unit { get; private set; }
    public List<Unit> Found { get; private set; } = [];
    public List<Topic> Topics { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return UnitId is not null && Unit is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Unit is null) return NotFound();
        // A bot: answer as if sent, keep nothing.
        if (!string.IsNullOrEmpty(Input.Website)) return Redirect("/gop-y/tra-cuu");
        var input = new PetitionInput(Unit.Id, PetitionChannel.WebForm, Input.Kind, Unit.Level == UnitLevel.Province ? Competence.Province : Competence.Commune,
            Input.TopicId, db.Clock.Today, Input.Content, Input.Anonymous, Input.PetitionerName, Input.PetitionerContact, Input.PetitionerAddress);
        FormErrors.Add(ModelState, await flow.ValidateAsync(input, Unit));
        var (files, fileError) = await PetitionFlow.ReadFilesAsync(Files);
        if (fileError is not null) ModelState.AddModelError(nameof(Files), fileError);
        if (!ModelState.IsValid) return Page();
        var p = await flow.ReceiveAsync(input, "cổng trực tuyến", publicForm: true, files);
        TempData["Sent"] = p.Code;
        return Redirect("/gop-y/tra-cuu?ma=" + p.Code);
    }

    private async Task LoadAsync()
    {
        Topics = await db.Topics.AsNoTracking().Where(t => !t.Retired).OrderBy(t => t.SortOrder).ToListAsync();
        if (UnitId is int id)
            Unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && u.ValidTo == null && (u.Level == UnitLevel.Commune || u.Level == UnitLevel.Province));
        else if (Text.Fold(Search) is { Length: >= 2 } folded)
            Found = await db.Units.AsNoTracking().Where(u => u.ValidTo == null && (u.Level == UnitLevel.Commune || u.Level == UnitLevel.Province) && u.NameFolded.Contains(folded))
                .OrderBy(u => u.Level).ThenBy(u => u.Name).Take(30).ToListAsync();
    }
}
