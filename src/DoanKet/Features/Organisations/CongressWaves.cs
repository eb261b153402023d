using DoanKet.Data;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Organisations;

public enum WaveStatus
{
    Held = 0,
    Planned = 1,
    Late = 2,
    NotPlanned = 3,
}

public sealed record WaveRow(Unit Unit, DateOnly? PlannedDate, Congress? Congress, WaveStatus Status);
public sealed record WaveProgress(CongressWave Wave, Unit Organiser, List<WaveRow> Rows)
{
    public int Held => Rows.Count(r => r.Status == WaveStatus.Held);
    public int Late => Rows.Count(r => r.Status == WaveStatus.Late);
    public double Share => Rows.Count == 0 ? 0 : (double)Held / Rows.Count;
}

public sealed record NewWaveInput(int UnitId, string? Name, UnitLevel Level, DateOnly? StartDate, DateOnly? DueDate);

/// <summary>Congress waves: which units must hold a congress, and — from their Congress records — which did.</summary>
public sealed class CongressWaves(AppDb db)
{
    public static string StatusLabel(WaveStatus s) => s switch
    {
        WaveStatus.Held => "Đã tổ chức",
        WaveStatus.Planned => "Đã có kế hoạch",
        WaveStatus.Late => "Chậm",
        _ => "Chưa có kế hoạch",
    };

    public async Task<Dictionary<string, string[]>> ValidateAsync(NewWaveInput input, Unit? organiser)
    {
        var errors = new Dictionary<string, string[]>();
        if (organiser is null) errors["UnitId"] = ["Không tìm thấy đơn vị trong phạm vi của bạn."];
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 200) errors["Name"] = ["Nhập tên đợt đại hội, ví dụ: Đại hội MTTQ cấp xã nhiệm kỳ 2025–2030."];
        if (!Enum.IsDefined(input.Level) || organiser is not null && input.Level <= organiser.Level) errors["Level"] = ["Chọn cấp thấp hơn đơn vị tổ chức đợt."];
        if (input.StartDate is null) errors["StartDate"] = ["Nhập ngày bắt đầu."];
        if (input.DueDate is null || input.DueDate < input.StartDate) errors["DueDate"] = ["Hạn hoàn thành phải từ ngày bắt đầu trở đi."];
        if (errors.Count == 0 && !await db.Units.Under(organiser!.Path).ValidOn(input.StartDate!.Value).AnyAsync(u => u.Level == input.Level))
            errors["Level"] = ["Không có đơn vị nào ở cấp này thuộc đơn vị tổ chức đợt vào ngày bắt đầu."];
        return errors;
    }

    /// <summary>Creates the wave and one plan row per unit of the level that exists under the organiser on the start date.</summary>
    public async Task<CongressWave> CreateAsync(NewWaveInput input, Unit organiser)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        var wave = new CongressWave
        {
            UnitId = organiser.Id, Name = input.Name!.Trim(), Level = input.Level, StartDate = input.StartDate!.Value, DueDate = input.DueDate!.Value, CreatedAt = db.Clock.UtcNow,
        };
        db.CongressWaves.Add(wave);
        await db.SaveChangesAsync();
        var unitIds = await db.Units.Under(organiser.Path).ValidOn(wave.StartDate).Where(u => u.Level == wave.Level).Select(u => u.Id).ToListAsync();
        db.CongressPlans.AddRange(unitIds.Select(id => new CongressPlan { WaveId = wave.Id, UnitId = id }));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return wave;
    }

    public async Task<WaveProgress> ProgressAsync(CongressWave wave, Unit organiser, IQueryable<Unit> readable, DateOnly today)
    {
        var plans = await db.CongressPlans.AsNoTracking().Where(p => p.WaveId == wave.Id).ToListAsync();
        var unitIds = plans.Select(p => p.UnitId).ToList();
        var units = await readable.Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        // A unit held its congress if its Front committee has a congress within the wave (a late one counts too).
        var congresses = await db.Congresses.AsNoTracking()
            .Join(db.Terms, c => c.TermId, t => t.Id, (c, t) => new { c, t.OrganisationId })
            .Join(db.Organisations.Where(o => o.Kind == OrganisationKind.FrontCommittee && unitIds.Contains(o.UnitId)), x => x.OrganisationId, o => o.Id, (x, o) => new { x.c, o.UnitId })
            .Where(x => x.c.Date >= wave.StartDate)
            .ToListAsync();
        var rows = plans.Where(p => units.ContainsKey(p.UnitId)).Select(p =>
        {
            var congress = congresses.Where(x => x.UnitId == p.UnitId).OrderBy(x => x.c.Date).Select(x => x.c).FirstOrDefault();
            var status = congress is not null ? WaveStatus.Held
                : (p.PlannedDate ?? wave.DueDate) < today ? WaveStatus.Late
                : p.PlannedDate is not null ? WaveStatus.Planned : WaveStatus.NotPlanned;
            return new WaveRow(units[p.UnitId], p.PlannedDate, congress, status);
        }).OrderBy(r => r.Status == WaveStatus.Late ? 0 : 1).ThenBy(r => r.Unit.Path).ToList();
        return new WaveProgress(wave, organiser, rows);
    }
}
