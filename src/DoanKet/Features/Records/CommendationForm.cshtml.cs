using DoanKet.Data;
using DoanKet.Domain.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace DoanKet.Features.Records;

/// <summary>Adds (/cong-viec/khen-thuong/them) or edits (/cong-viec/khen-thuong/{id}/sua) a commendation.</summary>
public class CommendationFormModel(AppDb db, UnitScope scope, RecordWriter writer) : RecordFormModel<Commendation>(db, scope, writer)
{
    public sealed class FormInput
    {
        public int UnitId { get; set; }
        public DateOnly? Date { get; set; }
        public CommendationForm Form { get; set; }
        public AwardLevel Level { get; set; } = AwardLevel.Commune;
        public bool Collective { get; set; } = true;
        public string? Recipient { get; set; }
        public string? DecisionNumber { get; set; }
        public bool Proposed { get; set; }
        public string? Note { get; set; }
        public long Version { get; set; }

        public CommendationInput ToInput() => new(UnitId, Date, Form, Level, Collective, Recipient, DecisionNumber, Proposed, Note, Version);
    }

    [BindProperty] public FormInput Input { get; set; } = new();

    protected override IQueryable<Commendation> Set => Db.Commendations;
    protected override int UnitOf(Commendation record) => record.UnitId;
    protected override int InputUnitId { get => Input.UnitId; set => Input.UnitId = value; }

    public async Task<IActionResult> OnGetAsync(int? id, int? unit)
    {
        if (await StartAsync(id, unit) is { } result) return result;
        if (Existing is { } c)
            Input = new FormInput
            {
                UnitId = c.UnitId, Date = c.Date, Form = c.Form, Level = c.Level, Collective = c.Collective, Recipient = c.Recipient,
                DecisionNumber = c.DecisionNumber, Proposed = c.Proposed, Note = c.Note, Version = c.Version,
            };
        else Input.Date = Db.Clock.Today;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int? id) => SaveAsync(id, Input.Version,
        (unit, _) => Task.FromResult(RecordRules.ValidateCommendation(Input.ToInput(), unit, Db.Clock.Today)),
        () => Db.Commendations.Add(new Commendation { Recipient = "" }).Entity,
        c => { RecordRules.Apply(c, Input.ToInput()); return Task.CompletedTask; },
        c => $"/cong-viec?tab=khen-thuong&unit={c.UnitId}&period={c.Date.Year}",
        id is null ? "Đã thêm khen thưởng; số liệu đã được cộng vào." : "Đã lưu khen thưởng; số liệu đã được tính lại.");
}
