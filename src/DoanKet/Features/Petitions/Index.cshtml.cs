using DoanKet.Data;
using DoanKet.Domain.Petitions;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Petitions;

/// <summary>/y-kien: petitions of the account's units, filtered (open by default, overdue highlighted), and a form to record one.</summary>
public class IndexModel(AppDb db, UnitScope scope, PetitionFlow flow) : PageModel
{
    public const int PageSize = 50;

    public sealed class FormInput
    {
        public int UnitId { get; set; }
        public PetitionChannel Channel { get; set; } = PetitionChannel.InPerson;
        public PetitionKind Kind { get; set; } = PetitionKind.Petition;
        public Competence Competence { get; set; }
        public int? TopicId { get; set; }
        public DateOnly? ReceivedOn { get; set; }
        public string? Content { get; set; }
        public bool Anonymous { get; set; }
        public string? PetitionerName { get; set; }
        public string? PetitionerContact { get; set; }
        public string? PetitionerAddress { get; set; }
        public PetitionInput ToInput() => new(UnitId, Channel, Kind, Competence, TopicId, ReceivedOn, Content, Anonymous, PetitionerName, PetitionerContact, PetitionerAddress);
    }

    [BindProperty(SupportsGet = true, Name = "unit")] public int? UnitFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang-thai")] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "chu-de")] public int? TopicId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "ky")] public string? Period { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int PageNumber { get; set; } = 1;
    [BindProperty] public FormInput Input { get; set; } = new();

    public Unit? Unit { get; private set; }
    public List<PetitionDto> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Overdue { get; private set; }
    public List<(string Group, int Count)> ByGroup { get; private set; } = [];
    public List<Topic> Topics { get; private set; } = [];
    public List<Unit> Writable { get; private set; } = [];
    public string? FilterError { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Input.ReceivedOn = db.Clock.Today;
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, Input.UnitId);
        if (fail is { Status: 403 }) return Forbid();
        if (fail is not null) FormErrors.Add(ModelState, fail.Errors!);
        else
        {
            FormErrors.Add(ModelState, await flow.ValidateAsync(Input.ToInput(), unit!));
            if (ModelState.IsValid)
            {
                var p = await flow.ReceiveAsync(Input.ToInput(), User.Identity?.Name ?? "?");
                TempData["Message"] = $"Đã ghi ý kiến, mã theo dõi {p.Code}.";
                return Redirect($"/y-kien/{p.Id}");
            }
        }
        await LoadAsync();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        Topics = await db.Topics.AsNoTracking().OrderBy(t => t.SortOrder).ToListAsync();
        var (query, unit, fail) = await PetitionQueries.ListAsync(db, scope, new PetitionFilter(UnitFilter, Status, TopicId, null, Q, Period));
        if (unit is null) return false;
        Unit = unit;
        if (fail is not null) { FilterError = fail.Message; (query, _, _) = await PetitionQueries.ListAsync(db, scope, new PetitionFilter(UnitFilter, Status, TopicId, null, Q)); }
        Total = await query!.CountAsync();
        var rows = await query!.OrderBy(p => p.DueDate == null).ThenBy(p => p.DueDate).ThenByDescending(p => p.Id)
            .Skip((Math.Clamp(PageNumber, 1, 100_000) - 1) * PageSize).Take(PageSize).ToListAsync();
        Rows = await PetitionQueries.DtosAsync(db, scope, rows);
        var (overdue, _, _) = await PetitionQueries.ListAsync(db, scope, new PetitionFilter(UnitFilter, "qua-han"));
        Overdue = await overdue!.CountAsync();
        // The topic groups of what the filter shows ("51 ý kiến tập trung vào 4 nhóm").
        var topicIds = await query!.Where(p => p.TopicId != null).GroupBy(p => p.TopicId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var groups = Topics.ToDictionary(t => t.Id, t => t.Group);
        ByGroup = [.. topicIds.GroupBy(x => groups.GetValueOrDefault(x.Key!.Value, "?")).Select(g => (g.Key, g.Sum(x => x.Count))).OrderByDescending(x => x.Item2)];
        Writable = await RecordRules.WritableChoicesAsync(db, scope, null, _ => true);
        if (Input.UnitId == 0) Input.UnitId = Writable.FirstOrDefault()?.Id ?? 0;
        return true;
    }
}
