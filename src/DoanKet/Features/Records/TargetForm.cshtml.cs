using DoanKet.Data;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Records;

/// <summary>Adds (/cong-viec/chi-tieu/them) or edits (/cong-viec/chi-tieu/{id}/sua) a target (chỉ tiêu) of a year or a term.</summary>
public class TargetFormModel(AppDb db, UnitScope scope, RecordWriter writer) : RecordFormModel<Target>(db, scope, writer)
{
    public sealed class FormInput
    {
        public int UnitId { get; set; }
        public string? Indicator { get; set; }
        public string? Period { get; set; }
        /// <summary>Text, so "95,5" and "95.5" both mean 95.5 (the vi-VN binder would read "95.5" as 955).</summary>
        public string? Value { get; set; }
        public string? Label { get; set; }
        public TargetSource Source { get; set; }
        public long Version { get; set; }

        public TargetInput ToInput() => new(UnitId, Indicator, Period, ParseValue(Value), Label, Source, Version);

        public static double? ParseValue(string? text) =>
            double.TryParse(text?.Trim().Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    [BindProperty] public FormInput Input { get; set; } = new();
    public List<Indicator> Indicators { get; private set; } = [];

    protected override IQueryable<Target> Set => Db.Targets;
    protected override int UnitOf(Target record) => record.UnitId;
    protected override int InputUnitId { get => Input.UnitId; set => Input.UnitId = value; }

    public async Task<IActionResult> OnGetAsync(int? id, int? unit)
    {
        if (await StartAsync(id, unit) is { } result) return result;
        if (Existing is { } t)
            Input = new FormInput { UnitId = t.UnitId, Indicator = t.Indicator, Period = t.Period, Value = t.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), Label = t.Label, Source = t.Source, Version = t.Version };
        else Input.Period = Db.Clock.Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int? id) => SaveAsync(id, Input.Version,
        (unit, existing) => RecordRules.ValidateTargetAsync(Db, Input.ToInput(), unit, existing?.Id),
        () => Db.Targets.Add(new Target { Indicator = "", Period = "", Label = "" }).Entity,
        t => RecordRules.ApplyAsync(Db, t, Input.ToInput()),
        t => $"/cong-viec?tab=chi-tieu&unit={t.UnitId}&period={Uri.EscapeDataString(t.Period)}",
        id is null ? "Đã thêm chỉ tiêu." : "Đã lưu chỉ tiêu.");

    protected override async Task ChoicesAsync()
    {
        await base.ChoicesAsync();
        Indicators = await Db.Indicators.AsNoTracking().OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToListAsync();
    }
}
