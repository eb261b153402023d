using DoanKet.Data;
using DoanKet.Domain.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Records;

/// <summary>Adds (/cong-viec/hoi-nghi/them) or edits (/cong-viec/hoi-nghi/{id}/sua) a conference with its votes.</summary>
public class ConferenceFormModel(AppDb db, UnitScope scope, RecordWriter writer) : RecordFormModel<Conference>(db, scope, writer)
{
    public sealed class DecisionRow
    {
        public string? Subject { get; set; }
        public int? Present { get; set; }
        public int? For { get; set; }
        public int? Against { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Subject) && Present is null && For is null && Against is null;
    }

    public sealed class FormInput
    {
        public int UnitId { get; set; }
        public DateOnly? Date { get; set; }
        public ConferenceType Type { get; set; } = ConferenceType.Review;
        public int? SessionNumber { get; set; }
        public string? Title { get; set; }
        public int? Invited { get; set; }
        public int? Present { get; set; }
        public int? Opinions { get; set; }
        public string? Minutes { get; set; }
        public List<DecisionRow> Decisions { get; set; } = [];
        public long Version { get; set; }

        /// <summary>Blank vote rows are dropped; a vote without its count of present is sent as -1 so the rules name it.</summary>
        public ConferenceInput ToInput() => new(UnitId, Date, Type, SessionNumber, Title, Invited, Present, Opinions, Minutes,
            [.. Decisions.Where(d => !d.IsBlank).Select(d => (DecisionInput?)new DecisionInput(d.Subject, d.Present ?? -1, d.For ?? 0, d.Against ?? 0))], Version);
    }

    [BindProperty] public FormInput Input { get; set; } = new();

    protected override IQueryable<Conference> Set => Db.Conferences.Include(c => c.Decisions.OrderBy(d => d.Id));
    protected override int UnitOf(Conference record) => record.UnitId;
    protected override int InputUnitId { get => Input.UnitId; set => Input.UnitId = value; }

    public async Task<IActionResult> OnGetAsync(int? id, int? unit)
    {
        if (await StartAsync(id, unit) is { } result) return result;
        if (Existing is { } c)
            Input = new FormInput
            {
                UnitId = c.UnitId, Date = c.Date, Type = c.Type, SessionNumber = c.SessionNumber, Title = c.Title, Invited = c.Invited, Present = c.Present,
                Opinions = c.Opinions, Minutes = c.Minutes, Version = c.Version,
                Decisions = [.. c.Decisions.Select(d => new DecisionRow { Subject = d.Subject, Present = d.Present, For = d.For, Against = d.Against })],
            };
        else Input.Date = Db.Clock.Today;
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        // Rows are re-indexed after the blank ones are dropped: errors must point at the rows the user sees.
        Input.Decisions = [.. Input.Decisions.Where(d => !d.IsBlank)];
        var result = await SaveAsync(id, Input.Version,
            (unit, _) => Task.FromResult(RecordRules.ValidateConference(Input.ToInput(), unit, Db.Clock.Today)),
            () => Db.Conferences.Add(new Conference { Title = "" }).Entity,
            c => { RecordRules.Apply(c, Input.ToInput()); return Task.CompletedTask; },
            c => $"/cong-viec/hoi-nghi/{c.Id}",
            id is null ? "Đã thêm hội nghị; số liệu đã được cộng vào." : "Đã lưu hội nghị; số liệu đã được tính lại.");
        Pad();
        return result;
    }

    /// <summary>Two empty vote rows to fill in.</summary>
    private void Pad()
    {
        while (Input.Decisions.Count(d => d.IsBlank) < 2 && Input.Decisions.Count < 50) Input.Decisions.Add(new DecisionRow());
    }
}
