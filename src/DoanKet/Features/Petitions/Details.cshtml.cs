using DoanKet.Data;
using DoanKet.Domain.Petitions;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Petitions;

/// <summary>/y-kien/{id}: one petition, its history, and the next steps its status allows (for those who handle it).</summary>
public class DetailsModel(AppDb db, UnitScope scope, PetitionFlow flow) : PageModel
{
    public sealed class StepInput
    {
        public PetitionAction Action { get; set; }
        public long? Version { get; set; }
        public int? TopicId { get; set; }
        public PetitionKind? Kind { get; set; }
        public Competence? Competence { get; set; }
        public int? AgencyId { get; set; }
        public DateOnly? DueDate { get; set; }
        public string? Answer { get; set; }
        public string? AnswerDocument { get; set; }
        public string? AnsweredBy { get; set; }
        public string? PublicSummary { get; set; }
        public string? TransferredTo { get; set; }
        public string? Reason { get; set; }
        public int? DuplicateOfId { get; set; }
        public ActionInput ToInput() => new(Action, Version, TopicId, Kind, Competence, AgencyId, DueDate, Answer, AnswerDocument, AnsweredBy, PublicSummary, TransferredTo, Reason, DuplicateOfId);
    }

    [BindProperty] public StepInput Step { get; set; } = new();

    public PetitionDto Petition { get; private set; } = null!;
    public Unit Unit { get; private set; } = null!;
    /// <summary>Sees who sent it (the commune's own officers).</summary>
    public bool Handler { get; private set; }
    /// <summary>May take the next steps (any writer of the unit while it is current).</summary>
    public bool CanAct { get; private set; }
    public List<PetitionEvent> History { get; private set; } = [];
    public List<Topic> Topics { get; private set; } = [];
    public List<Agency> Agencies { get; private set; } = [];
    public List<PetitionDto> Duplicates { get; private set; } = [];
    public List<(PetitionDto Other, double Score)> Similar { get; private set; } = [];
    public string? Agency { get; private set; }
    public PetitionAction[] Allowed { get; private set; } = [];
    public List<(int Id, string Name, int Size)> Files { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var (p, unit, fail) = await RecordRules.ForWriteAsync(db, scope, db.Petitions, id, x => x.UnitId, Step.Version);
        if (fail is { Status: 404 }) return NotFound();
        if (fail is { Status: 403 }) return Forbid();
        fail ??= await flow.ApplyAsync(p!, unit!, Step.ToInput(), User.Identity?.Name ?? "?");
        if (fail is null)
        {
            TempData["Message"] = "Đã ghi: " + PetitionFlow.Label(Step.Action).ToLowerInvariant() + ".";
            return Redirect($"/y-kien/{id}");
        }
        db.ChangeTracker.Clear();
        if (fail.Errors is not null) FormErrors.Add(ModelState, fail.Errors, "Step.");
        else ModelState.AddModelError("", fail.Message);
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostEraseAsync(int id)
    {
        var (p, _, fail) = await RecordRules.ForWriteAsync(db, scope, db.Petitions, id, x => x.UnitId, Step.Version);
        if (fail is { Status: 404 }) return NotFound();
        if (fail is { Status: 403 }) return Forbid();
        if (fail is null && !(await PetitionQueries.HandledUnitsAsync(db, scope, [p!.UnitId])).Contains(p.UnitId)) return Forbid();
        fail ??= await flow.EraseIdentityAsync(p!, User.Identity?.Name ?? "?");
        if (fail is not null)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", fail.Message);
            await LoadAsync(id);
            return Page();
        }
        TempData["Message"] = "Đã xóa thông tin cá nhân của người gửi; việc xóa được ghi vào lịch sử.";
        return Redirect($"/y-kien/{id}");
    }

    /// <summary>An attachment, to those who see the petitioner (a photo can show who sent it).</summary>
    public async Task<IActionResult> OnGetFileAsync(int id, int fileId)
    {
        var (p, _) = await RecordRules.ForReadAsync(db, scope, db.Petitions, id, x => x.UnitId);
        if (p is null || !(await PetitionQueries.HandledUnitsAsync(db, scope, [p.UnitId])).Contains(p.UnitId)) return NotFound();
        var file = await db.PetitionFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.PetitionId == id);
        return file is null ? NotFound() : File(file.Bytes, file.ContentType, file.FileName);
    }

    private static readonly System.Text.Json.JsonSerializerOptions ExportJson = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<IActionResult> OnGetExportAsync(int id)
    {
        var (p, _) = await RecordRules.ForReadAsync(db, scope, db.Petitions, id, x => x.UnitId);
        if (p is null) return NotFound();
        if (!(await PetitionQueries.HandledUnitsAsync(db, scope, [p.UnitId])).Contains(p.UnitId) || p.PetitionerName is null) return Forbid();
        var data = await flow.ExportAsync(p, scope, User.Identity?.Name ?? "?");
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(data, ExportJson);
        return File(json, "application/json", $"du-lieu-ca-nhan-{p.Code}.json");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var (p, unit) = await RecordRules.ForReadAsync(db, scope, db.Petitions, id, x => x.UnitId);
        if (p is null || unit is null) return false;
        Unit = unit;
        Petition = (await PetitionQueries.DtosAsync(db, scope, [p]))[0];
        Handler = (await PetitionQueries.HandledUnitsAsync(db, scope, [p.UnitId])).Contains(p.UnitId);
        CanAct = unit.ValidTo is null && p.DeletedAt is null && await scope.CanWriteAsync(unit);
        History = await db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == id && !e.Public).OrderBy(e => e.Id).ToListAsync();
        Topics = await db.Topics.AsNoTracking().Where(t => !t.Retired).OrderBy(t => t.SortOrder).ToListAsync();
        Agency = p.AgencyId is int a ? await db.Agencies.Where(x => x.Id == a).Select(x => x.Name).FirstOrDefaultAsync() : null;
        if (Handler)
            Files = [.. (await db.PetitionFiles.AsNoTracking().Where(f => f.PetitionId == id).OrderBy(f => f.Id).Select(f => new { f.Id, f.FileName, f.Bytes.Length }).ToListAsync())
                .Select(f => (f.Id, f.FileName, f.Length))];
        // Only what the account may read: a group's officer does not see the other groups' petitions here.
        var area = await RecordRules.AreaAsync(db, scope, (await scope.HomeAsync())!);
        Duplicates = await PetitionQueries.DtosAsync(db, scope, await db.Petitions.AsNoTracking().Where(x => x.DuplicateOfId == id && area.Any(u => u.Id == x.UnitId)).OrderBy(x => x.Id).ToListAsync());
        if (!CanAct) return true;
        Allowed = PetitionFlow.Allowed(p);
        Agencies = await flow.AgenciesFor(unit).OrderBy(x => x.Name).ToListAsync();
        if (Allowed.Contains(PetitionAction.MarkDuplicate))
        {
            // Candidates: other petitions of the same commune in the last year, by shared word pairs of the folded text.
            var commune = unit.Level == UnitLevel.ResidentialGroup && unit.ParentId is int parent ? parent : unit.Id;
            var path = await db.Units.IgnoreQueryFilters().Where(u => u.Id == commune).Select(u => u.Path).FirstAsync();
            var since = p.ReceivedOn.AddYears(-1);
            var others = await db.Petitions.AsNoTracking().Where(x => x.Id != id && x.Status != PetitionStatus.Duplicate && x.ReceivedOn >= since
                && db.Units.IgnoreQueryFilters().Any(u => u.Id == x.UnitId && u.Path.StartsWith(path)) && area.Any(u => u.Id == x.UnitId)).OrderByDescending(x => x.Id).Take(500).ToListAsync();
            var pairs = PetitionFlow.Similar([p, .. others]).Where(x => x.A.Id == id || x.B.Id == id).Take(5).ToList();
            var dtos = await PetitionQueries.DtosAsync(db, scope, [.. pairs.Select(x => x.A.Id == id ? x.B : x.A)]);
            Similar = [.. dtos.Zip(pairs, (d, x) => (d, x.Score))];
        }
        return true;
    }
}
