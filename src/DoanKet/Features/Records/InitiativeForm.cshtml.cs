using DoanKet.Data;
using DoanKet.Domain.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace DoanKet.Features.Records;

/// <summary>Adds (/cong-viec/mo-hinh/them) or edits (/cong-viec/mo-hinh/{id}/sua) an initiative (mô hình).</summary>
public class InitiativeFormModel(AppDb db, UnitScope scope, RecordWriter writer) : RecordFormModel<Initiative>(db, scope, writer)
{
    public sealed class FormInput
    {
        public int UnitId { get; set; }
        public string? Name { get; set; }
        public string? Field { get; set; }
        public InitiativeStatus Status { get; set; } = InitiativeStatus.Active;
        public DateOnly? RegisteredOn { get; set; }
        public string? Note { get; set; }
        public long Version { get; set; }

        public InitiativeInput ToInput() => new(UnitId, Name, Field, Status, RegisteredOn, Note, Version);
    }

    [BindProperty] public FormInput Input { get; set; } = new();

    protected override IQueryable<Initiative> Set => Db.Initiatives;
    protected override int UnitOf(Initiative record) => record.UnitId;
    protected override int InputUnitId { get => Input.UnitId; set => Input.UnitId = value; }

    public async Task<IActionResult> OnGetAsync(int? id, int? unit)
    {
        if (await StartAsync(id, unit) is { } result) return result;
        if (Existing is { } i)
            Input = new FormInput { UnitId = i.UnitId, Name = i.Name, Field = i.Field, Status = i.Status, RegisteredOn = i.RegisteredOn, Note = i.Note, Version = i.Version };
        else Input.RegisteredOn = Db.Clock.Today;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int? id) => SaveAsync(id, Input.Version,
        (unit, _) => Task.FromResult(RecordRules.ValidateInitiative(Input.ToInput(), unit, Db.Clock.Today)),
        () => Db.Initiatives.Add(new Initiative { Name = "", Field = "" }).Entity,
        i => { RecordRules.Apply(i, Input.ToInput()); return Task.CompletedTask; },
        i => $"/cong-viec?tab=mo-hinh&unit={i.UnitId}&period={i.RegisteredOn.Year}",
        id is null ? "Đã thêm mô hình." : "Đã lưu mô hình.");
}
