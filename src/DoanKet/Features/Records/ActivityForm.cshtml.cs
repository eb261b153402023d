using DoanKet.Data;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Records;

/// <summary>
/// Adds (/cong-viec/hoat-dong/them) or edits (/cong-viec/hoat-dong/{id}/sua) an activity with the API's rules.
/// Only the counts the kind declares are offered; changing the kind or the unit re-shows the form
/// with the right inputs and organisations before anything is saved (no script needed on a cheap phone).
/// </summary>
public class ActivityFormModel(AppDb db, UnitScope scope, RecordWriter writer) : PageModel
{
    public sealed class FormInput
    {
        public int UnitId { get; set; }
        public int KindId { get; set; }
        /// <summary>The unit and kind the form was drawn for.</summary>
        public int? FormUnitId { get; set; }
        public int? FormKindId { get; set; }
        public DateOnly? Date { get; set; }
        public DateOnly? EndDate { get; set; }
        public string? Title { get; set; }
        public int? Sessions { get; set; }
        public int? Attendances { get; set; }
        public int? Households { get; set; }
        public int? Gifts { get; set; }
        public int? People { get; set; }
        public long? Money { get; set; }
        public int? Opinions { get; set; }
        public string? Participants { get; set; }
        public string? Note { get; set; }
        public int? LeadOrganisationId { get; set; }
        public List<int> CoOrganiserIds { get; set; } = [];
        public long Version { get; set; }

        public ActivityInput ToInput(bool withVersion) => new(UnitId, KindId, Date, EndDate, Title, Sessions, Attendances, Households, Gifts, People, Money, Opinions,
            Participants, Note, LeadOrganisationId, CoOrganiserIds, withVersion ? Version : null);

        public long? Count(Measures m) => RecordRules.Count(ToInput(false), m);
    }

    [BindProperty] public FormInput Input { get; set; } = new();

    public Activity? Existing { get; private set; }
    public List<Unit> Units { get; private set; } = [];
    public List<ActivityKind> Kinds { get; private set; } = [];
    public ActivityKind? Kind { get; private set; }
    public List<Organisation> Organisations { get; private set; } = [];
    /// <summary>Why the form cannot be saved at all (an ended unit); the form is then not shown.</summary>
    public string? Blocked { get; private set; }
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, int? unit, int? kind)
    {
        if (id is { } recordId)
        {
            var (a, u) = await RecordRules.ForReadAsync(db, scope, db.Activities.Include(x => x.Organisers), recordId, x => x.UnitId);
            if (a is null || a.DeletedAt is not null) return NotFound();
            if (!await scope.CanWriteAsync(u!)) return Forbid();
            Existing = a;
            if (u!.ValidTo is not null) Blocked = RecordRules.EndedUnit;
            Input = new FormInput
            {
                UnitId = a.UnitId, KindId = a.KindId, Date = a.Date, EndDate = a.EndDate, Title = a.Title,
                Sessions = a.Sessions, Attendances = a.Attendances, Households = a.Households, Gifts = a.Gifts, People = a.People, Money = a.Money, Opinions = a.Opinions,
                Participants = a.Participants, Note = a.Note, LeadOrganisationId = a.Organisers.FirstOrDefault(o => o.Lead)?.OrganisationId,
                CoOrganiserIds = [.. a.Organisers.Where(o => !o.Lead).Select(o => o.OrganisationId)], Version = a.Version,
            };
        }
        else
        {
            if (!scope.IsWriter) return Forbid();
            var around = unit is { } uid ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == uid) : null;
            var choices = await RecordRules.WritableChoicesAsync(db, scope, around, RecordRules.ActivityLevel);
            Input.UnitId = choices.FirstOrDefault(c => c.Id == around?.Id)?.Id ?? choices.FirstOrDefault()?.Id ?? 0;
            Input.Date = db.Clock.Today;
            if (kind is { } k) Input.KindId = k;
        }
        await ChoicesAsync();
        if (Existing is null)
        {
            Kind ??= Kinds.FirstOrDefault();
            Input.KindId = Kind?.Id ?? 0;
            if (Units.Count == 0) Blocked = "Bạn không có xã, phường hoặc thôn, tổ dân phố nào để ghi hoạt động.";
        }
        (Input.FormUnitId, Input.FormKindId) = (Input.UnitId, Input.KindId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Activity? a = null;
        if (id is { } recordId)
        {
            var (record, _, fail) = await RecordRules.ForWriteAsync(db, scope, db.Activities.Include(x => x.Organisers), recordId, x => x.UnitId, Input.Version);
            if (fail is { Status: 404 }) return NotFound();
            if (fail is { Status: 403 }) return Forbid();
            if (fail is not null) return await ShowAsync(fail.Message, blocked: fail.Title == RecordRules.EndedUnit, recordId);
            a = Existing = record;
        }
        else if (!scope.IsWriter) return Forbid();

        var (unit, unitFail) = await RecordRules.WritableUnitAsync(db, scope, Input.UnitId);
        if (unitFail is { Status: 403 }) return Forbid();
        if (unitFail is not null) ModelState.AddModelError("Input.UnitId", unitFail.Message);

        // The form was drawn for another kind or unit: show the right inputs first, save nothing.
        if (unit is not null && ModelState.IsValid && (Input.FormKindId != Input.KindId || Input.FormUnitId != Input.UnitId))
        {
            await ChoicesAsync();
            if (Kind is not null)
                foreach (var m in MeasureInfo.All.Where(m => (Kind.Measures & m) == 0)) SetCount(m, null);
            (Input.FormUnitId, Input.FormKindId) = (Input.UnitId, Input.KindId);
            Notice = "Đã đổi loại hoạt động hoặc đơn vị: kiểm tra các ô bên dưới rồi bấm “Lưu”.";
            ModelState.Clear();
            return Page();
        }
        if (unit is not null)
        {
            var input = Input.ToInput(withVersion: true);
            var (errors, kind) = await RecordRules.ValidateActivityAsync(db, input, unit, a);
            FormErrors.Add(ModelState, errors);
            if (ModelState.IsValid)
            {
                a ??= db.Activities.Add(new Activity { Title = "", Source = RecordSource.Form }).Entity;
                RecordRules.Apply(a, input, kind!);
                if (await RecordRules.SaveAsync(db, writer, a))
                {
                    TempData["Message"] = id is null ? "Đã thêm hoạt động; số liệu đã được cộng vào." : "Đã lưu hoạt động; số liệu đã được tính lại.";
                    return Redirect($"/cong-viec/hoat-dong/{a.Id}");
                }
                return await ShowAsync(RecordRules.Conflict, blocked: false, id);
            }
        }
        return await ShowAsync(null, blocked: false, id);
    }

    private async Task<IActionResult> ShowAsync(string? error, bool blocked, int? id)
    {
        if (blocked) Blocked = error;
        else if (error is not null) ModelState.AddModelError("", error);
        if (id is { } recordId && Existing is null)
            Existing = await db.Activities.AsNoTracking().FirstOrDefaultAsync(x => x.Id == recordId);
        await ChoicesAsync();
        return Page();
    }

    private void SetCount(Measures m, long? value)
    {
        switch (m)
        {
            case Measures.Sessions: Input.Sessions = (int?)value; break;
            case Measures.Attendances: Input.Attendances = (int?)value; break;
            case Measures.Households: Input.Households = (int?)value; break;
            case Measures.Gifts: Input.Gifts = (int?)value; break;
            case Measures.People: Input.People = (int?)value; break;
            case Measures.Money: Input.Money = value; break;
            case Measures.Opinions: Input.Opinions = (int?)value; break;
        }
    }

    /// <summary>Units, kinds and organisations offered; only what the account may write, never another scope's names.</summary>
    private async Task ChoicesAsync()
    {
        var selected = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == Input.UnitId);
        var writable = selected is not null && await scope.CanReadAsync(selected.Id) && await scope.CanWriteAsync(selected) && selected.ValidTo is null;
        Units = await RecordRules.WritableChoicesAsync(db, scope, writable ? selected : null, RecordRules.ActivityLevel);
        if (writable && RecordRules.ActivityLevel(selected!) && Units.All(u => u.Id != selected!.Id)) Units.Insert(0, selected!);
        var keep = Existing?.KindId;
        Kinds = await db.ActivityKinds.AsNoTracking().Where(k => !k.Retired || k.Id == keep).OrderBy(k => k.SortOrder).ThenBy(k => k.Name).ToListAsync();
        Kind = Kinds.FirstOrDefault(k => k.Id == Input.KindId);
        var day = Input.Date ?? db.Clock.Today;
        Organisations = writable
            ? await RecordRules.OrganisersFor(db, selected!).Where(o => o.ValidFrom <= day && (o.ValidTo == null || day < o.ValidTo))
                .OrderBy(o => o.UnitId != selected!.Id).ThenBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync()
            : [];
    }
}
