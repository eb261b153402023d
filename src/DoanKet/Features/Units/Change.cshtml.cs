using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Units;

/// <summary>One form for every kind of change: pick the units, describe the new ones, preview, apply.</summary>
[Authorize(Policy = Policies.Admin)]
public class ChangeModel(AppDb db, UnitScope scope, UnitChanges changes) : PageModel
{
    public sealed class TargetInput
    {
        public string? Name { get; set; }
        public UnitKind Kind { get; set; }
        public string? Code { get; set; }
        public int? ParentId { get; set; }
        public double WeightPercent { get; set; } = 100;
        public int? Households { get; set; }
    }

    public sealed class ChangeInput
    {
        public UnitChangeKind Kind { get; set; } = UnitChangeKind.Merge;
        public DateOnly? EffectiveDate { get; set; }
        public string? LegalBasis { get; set; }
        public string? Note { get; set; }
        public List<int> SourceIds { get; set; } = [];
        public List<TargetInput> Targets { get; set; } = [];
        public Dictionary<int, int> ChildTargets { get; set; } = [];
        public Dictionary<string, int> Rebind { get; set; } = [];
    }

    [BindProperty] public ChangeInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }

    /// <summary>The unit the change starts from (the parent, for Create).</summary>
    public Unit? Anchor { get; private set; }
    public List<Unit> Candidates { get; private set; } = [];
    public List<Unit> Parents { get; private set; } = [];
    public List<Unit> Children { get; private set; } = [];
    public List<Unit> SearchResults { get; private set; } = [];
    public UnitChangePlan? Plan { get; private set; }
    public bool Applied { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? source, int? parent, UnitChangeKind? kind, int parts = 2)
    {
        Input.Kind = kind ?? UnitChangeKind.Merge;
        var anchorId = Input.Kind == UnitChangeKind.Create ? parent : source;
        if (anchorId is null)
        {
            await SearchAsync();
            return Page();
        }
        Anchor = await AdministrableAsync(anchorId.Value);
        if (Anchor is null) return NotFound();
        if (Input.Kind != UnitChangeKind.Create) Input.SourceIds = [Anchor.Id];
        var count = Input.Kind == UnitChangeKind.Split ? Math.Clamp(parts, 2, 10) : Input.Kind == UnitChangeKind.Abolish ? 0 : 1;
        for (var i = 0; i < count; i++)
        {
            Input.Targets.Add(Input.Kind == UnitChangeKind.Create
                ? new TargetInput { Kind = UnitKinds.OfLevel(Anchor.Level + 1).First(), ParentId = Anchor.Id }
                : new TargetInput
                {
                    Name = Input.Kind is UnitChangeKind.Rename or UnitChangeKind.Split ? "" : Anchor.Name,
                    Kind = Anchor.Kind, Code = Input.Kind is UnitChangeKind.Move or UnitChangeKind.Convert ? Anchor.Code : null,
                    ParentId = Anchor.ParentId, WeightPercent = Math.Round(100.0 / count, 2),
                });
        }
        await LoadChoicesAsync();
        return Page();
    }

    public Task<IActionResult> OnPostPreviewAsync() => RunAsync(apply: false);

    public Task<IActionResult> OnPostApplyAsync() => RunAsync(apply: true);

    private async Task<IActionResult> RunAsync(bool apply)
    {
        var anchorId = Input.Kind == UnitChangeKind.Create ? Input.Targets.FirstOrDefault()?.ParentId : Input.SourceIds.FirstOrDefault();
        Anchor = anchorId is null ? null : await AdministrableAsync(anchorId.Value);
        if (Anchor is null) return NotFound();
        if (Input.EffectiveDate is null) ModelState.AddModelError("Input.EffectiveDate", "Nhập ngày hiệu lực.");
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync();
            return Page();
        }
        var home = (await scope.HomeAsync())!;
        var request = new UnitChangeRequest(Input.Kind, Input.EffectiveDate!.Value, Input.LegalBasis ?? "", Input.Note, Input.SourceIds,
            [.. Input.Targets.Select(t => new NewUnit(t.Name ?? "", t.Kind, t.Code, t.ParentId, t.WeightPercent / 100, t.Households))],
            Input.ChildTargets, Input.Rebind);
        Plan = apply
            ? await changes.ApplyAsync(request, u => UnitScope.Covers(home, u))
            : await changes.PreviewAsync(request, u => UnitScope.Covers(home, u));
        foreach (var (field, messages) in Plan.Errors)
            foreach (var m in messages) ModelState.AddModelError(field.Length == 0 ? "" : "Input." + field, m);
        Applied = apply && Plan.IsValid;
        if (Applied)
        {
            TempData["Message"] = $"Đã áp dụng: {UnitChange.Label(Input.Kind).ToLowerInvariant()} có hiệu lực từ {Fmt.Date(Input.EffectiveDate.Value)}; "
                + $"{Plan.Ending.Count} phiên bản kết thúc, {Plan.Created.Count} phiên bản mới.";
            return Redirect($"/don-vi/{Plan.Created.FirstOrDefault()?.Id ?? Anchor.Id}");
        }
        await LoadChoicesAsync();
        return Page();
    }

    private async Task<Unit?> AdministrableAsync(int id)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id);
        return unit is not null && await scope.CanAdministerAsync(unit) ? unit : null;
    }

    private async Task SearchAsync()
    {
        if (string.IsNullOrWhiteSpace(Q)) return;
        var home = (await scope.HomeAsync())!;
        var folded = Text.Fold(Q.Length > 100 ? Q[..100] : Q);
        SearchResults = await db.Units.AsNoTracking().Under(home.Path).Where(u => u.ValidTo == null && u.NameFolded.Contains(folded))
            .OrderBy(u => u.Level).ThenBy(u => u.Path).Take(50).ToListAsync();
    }

    /// <summary>Sources are current units of the anchor's level near it; parents are current units one level up or more.</summary>
    private async Task LoadChoicesAsync()
    {
        if (Anchor is null) return;
        var home = (await scope.HomeAsync())!;
        var parentPath = Anchor.Path;
        if (Input.Kind != UnitChangeKind.Create)
        {
            // Groups merge within their commune; communes and above also across the old districts
            // (as on 1/7/2025), so offer the grandparent's subtree, within the account's scope.
            var ids = Anchor.Path.Trim('/').Split('/');
            var up = Anchor.Level == UnitLevel.ResidentialGroup || ids.Length <= 3 ? 1 : 2;
            parentPath = "/" + string.Join('/', ids[..^up]) + "/";
            if (!parentPath.StartsWith(home.Path, StringComparison.Ordinal)) parentPath = home.Path;
            Candidates = await db.Units.AsNoTracking().Include(u => u.Parent).Under(parentPath).Where(u => u.ValidTo == null && u.Level == Anchor.Level)
                .OrderBy(u => u.ParentId).ThenBy(u => u.Name.Length).ThenBy(u => u.Name).Take(300).ToListAsync();
            Children = await db.Units.AsNoTracking().Where(u => u.ParentId == Anchor.Id && u.ValidTo == null)
                .OrderBy(u => u.Name.Length).ThenBy(u => u.Name).ToListAsync();
        }
        var level = Input.Kind == UnitChangeKind.Create ? Anchor.Level + 1 : Anchor.Level;
        var root = parentPath.StartsWith(home.Path, StringComparison.Ordinal) ? parentPath : home.Path;
        // A residential group sits in a commune; a commune in a district (until 2025) or a province.
        var lowest = level switch { UnitLevel.ResidentialGroup => UnitLevel.Commune, UnitLevel.Commune => UnitLevel.Province, _ => level - 1 };
        Parents = await db.Units.AsNoTracking().Under(root).Where(u => u.ValidTo == null && u.Level < level && u.Level >= lowest)
            .OrderBy(u => u.Path).Take(300).ToListAsync();
        // The current parent must always be offered, even when it sits above the candidate root.
        if (Anchor.ParentId is { } pid && Parents.All(p => p.Id != pid) && await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == pid) is { } current)
            Parents.Insert(0, current);
        if (Input.Kind == UnitChangeKind.Create && Parents.All(p => p.Id != Anchor.Id)) Parents.Insert(0, Anchor);
    }
}
