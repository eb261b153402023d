using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Records;

/// <summary>
/// The add/edit flow shared by the conference, initiative, commendation and target pages: the record is
/// read within the scope (404 outside it), written only where the account writes and its unit is current,
/// validated with the API's rules, and saved with its facts; a stale version is refused in Vietnamese.
/// </summary>
public abstract class RecordFormModel<T> : PageModel where T : class, IAudited, ISoftDeletable, IVersioned
{
    protected RecordFormModel(AppDb db, UnitScope scope, RecordWriter writer) => (Db, Scope, Writer) = (db, scope, writer);

    protected AppDb Db { get; }
    protected UnitScope Scope { get; }
    protected RecordWriter Writer { get; }

    public T? Existing { get; protected set; }
    public List<Unit> Units { get; private set; } = [];
    /// <summary>Why the record cannot be changed at all (its unit has ended); the form is then not shown.</summary>
    public string? Blocked { get; protected set; }

    protected abstract IQueryable<T> Set { get; }
    protected abstract int UnitOf(T record);
    protected abstract int InputUnitId { get; set; }
    /// <summary>Units this kind of record may belong to.</summary>
    protected virtual bool Fits(Unit unit) => true;

    /// <summary>GET: loads the record to edit (id) or picks the unit of a new one; null to show the page.</summary>
    protected async Task<IActionResult?> StartAsync(int? id, int? unit)
    {
        if (id is { } recordId)
        {
            var (record, u) = await RecordRules.ForReadAsync(Db, Scope, Set, recordId, UnitOf);
            if (record is null || record.DeletedAt is not null) return NotFound();
            if (!await Scope.CanWriteAsync(u!)) return Forbid();
            Existing = record;
            if (u!.ValidTo is not null) Blocked = RecordRules.EndedUnit;
        }
        else
        {
            if (!Scope.IsWriter) return Forbid();
            var around = unit is { } uid ? await Db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == uid) : null;
            var choices = await RecordRules.WritableChoicesAsync(Db, Scope, around, Fits);
            InputUnitId = choices.FirstOrDefault(c => c.Id == around?.Id)?.Id ?? choices.FirstOrDefault()?.Id ?? 0;
            if (choices.Count == 0) Blocked = "Bạn không có đơn vị nào để ghi loại công việc này.";
        }
        await ChoicesAsync();
        return null;
    }

    /// <summary>POST: checks, validates, applies and saves; redirects to <paramref name="next"/> or re-shows the form with the errors.</summary>
    protected async Task<IActionResult> SaveAsync(int? id, long version, Func<Unit, T?, Task<Dictionary<string, string[]>>> validate,
        Func<T> create, Func<T, Task> apply, Func<T, string> next, string saved)
    {
        T? record = null;
        if (id is { } recordId)
        {
            var (r, _, fail) = await RecordRules.ForWriteAsync(Db, Scope, Set, recordId, UnitOf, version);
            if (fail is { Status: 404 }) return NotFound();
            if (fail is { Status: 403 }) return Forbid();
            if (fail is not null) return await ShowAsync(fail.Message, fail.Title == RecordRules.EndedUnit, id);
            record = Existing = r;
        }
        else if (!Scope.IsWriter) return Forbid();

        var (unit, unitFail) = await RecordRules.WritableUnitAsync(Db, Scope, InputUnitId);
        if (unitFail is { Status: 403 }) return Forbid();
        if (unitFail is not null) ModelState.AddModelError("Input.UnitId", unitFail.Message);
        else
        {
            FormErrors.Add(ModelState, await validate(unit!, record));
            if (ModelState.IsValid)
            {
                record ??= create();
                await apply(record);
                if (await RecordRules.SaveAsync(Db, Writer, record))
                {
                    TempData["Message"] = saved;
                    return Redirect(next(record));
                }
                return await ShowAsync(RecordRules.Conflict, false, id);
            }
        }
        return await ShowAsync(null, false, id);
    }

    private async Task<IActionResult> ShowAsync(string? error, bool blocked, int? id)
    {
        if (blocked) Blocked = error;
        else if (error is not null) ModelState.AddModelError("", error);
        if (id is { } recordId && Existing is null)
            Existing = await Set.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Id == recordId);
        await ChoicesAsync();
        return Page();
    }

    /// <summary>Units offered: only where the account writes, so another scope's names never appear, even after a refused post.</summary>
    protected virtual async Task ChoicesAsync()
    {
        var selected = await Db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == InputUnitId);
        var writable = selected is not null && selected.ValidTo is null && await Scope.CanReadAsync(selected.Id) && await Scope.CanWriteAsync(selected);
        Units = await RecordRules.WritableChoicesAsync(Db, Scope, writable ? selected : null, Fits);
        if (writable && Fits(selected!) && Units.All(u => u.Id != selected!.Id)) Units.Insert(0, selected!);
    }

    /// <summary>"?unit=" for the links back to the list.</summary>
    public string ListLink(string tab) => $"/cong-viec?tab={tab}" + (InputUnitId > 0 ? $"&unit={InputUnitId}" : "");
}

public static class FormErrors
{
    /// <summary>The rules' errors beside their inputs; a field that did not even bind (letters in a number) keeps only that message.</summary>
    public static void Add(ModelStateDictionary state, Dictionary<string, string[]> errors, string prefix = "Input.")
    {
        foreach (var (field, messages) in errors)
        {
            var key = field.Length == 0 ? "" : prefix + field;
            if (key.Length > 0 && state.TryGetValue(key, out var entry) && entry.Errors.Count > 0) continue;
            foreach (var m in messages) state.AddModelError(key, m);
        }
    }
}
