using DoanKet.Data;
using DoanKet.Domain.Organisations;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Organisations;

public sealed record WaveRowDto(int UnitId, string UnitName, DateOnly? PlannedDate, DateOnly? HeldOn, int? DelegatesPresent, WaveStatus Status, string StatusLabel);
public sealed record WaveDto(int Id, int UnitId, string Name, DateOnly StartDate, DateOnly DueDate, int Units, int Held, int Late, double Share, List<WaveRowDto> Rows)
{
    public static WaveDto From(WaveProgress p) => new(p.Wave.Id, p.Wave.UnitId, p.Wave.Name, p.Wave.StartDate, p.Wave.DueDate, p.Rows.Count, p.Held, p.Late, p.Share,
        [.. p.Rows.Select(r => new WaveRowDto(r.Unit.Id, r.Unit.FullName, r.PlannedDate, r.Congress?.Date, r.Congress?.DelegatesPresent, r.Status, CongressWaves.StatusLabel(r.Status)))]);
}
public sealed record PlanInput(DateOnly? PlannedDate);

public static class CongressWavesApi
{
    public static void MapCongressWaves(this RouteGroupBuilder api)
    {
        api.MapGet("/congress-waves", List);
        api.MapPost("/congress-waves", Create);
        api.MapGet("/congress-waves/{id:int}", Get);
        api.MapPut("/congress-waves/{id:int}/plans/{unitId:int}", Plan);
    }

    private static async Task<Ok<List<WaveDto>>> List(AppDb db, UnitScope scope, CongressWaves waves)
    {
        var readable = await scope.ReadableAsync(db.Units.AsNoTracking());
        var list = await WaveQueries.VisibleAsync(db, readable);
        var result = new List<WaveDto>();
        foreach (var (wave, organiser) in list) result.Add(WaveDto.From(await waves.ProgressAsync(wave, organiser, readable, db.Clock.Today)));
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<WaveDto>, ProblemHttpResult>> Get(int id, AppDb db, UnitScope scope, CongressWaves waves)
    {
        var readable = await scope.ReadableAsync(db.Units.AsNoTracking());
        var found = (await WaveQueries.VisibleAsync(db, readable, id)).FirstOrDefault();
        if (found.Wave is null) return UnitsApi.NotFoundProblem();
        return TypedResults.Ok(WaveDto.From(await waves.ProgressAsync(found.Wave, found.Organiser, readable, db.Clock.Today)));
    }

    private static async Task<Results<Created<WaveDto>, ValidationProblem, ForbidHttpResult>> Create(NewWaveInput input, AppDb db, UnitScope scope, CongressWaves waves)
    {
        var organiser = await db.Units.FirstOrDefaultAsync(u => u.Id == input.UnitId);
        if (organiser is not null && !await scope.CanReadAsync(organiser.Id)) organiser = null;
        if (organiser is not null && !await scope.CanAdministerAsync(organiser)) return TypedResults.Forbid();
        var errors = await waves.ValidateAsync(input, organiser);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Dữ liệu chưa hợp lệ.");
        var wave = await waves.CreateAsync(input, organiser!);
        var readable = await scope.ReadableAsync(db.Units.AsNoTracking());
        return TypedResults.Created($"/api/v1/congress-waves/{wave.Id}", WaveDto.From(await waves.ProgressAsync(wave, organiser!, readable, db.Clock.Today)));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Plan(int id, int unitId, PlanInput input, AppDb db, UnitScope scope)
    {
        var plan = await db.CongressPlans.FirstOrDefaultAsync(p => p.WaveId == id && p.UnitId == unitId);
        var unit = plan is null ? null : await UnitsApi.FindReadableAsync(unitId, db, scope);
        if (unit is null) return UnitsApi.NotFoundProblem();
        if (!await scope.CanWriteAsync(unit)) return TypedResults.Forbid();
        var wave = await db.CongressWaves.FirstAsync(w => w.Id == id);
        var error = WaveQueries.ValidatePlan(wave, input.PlannedDate);
        if (error is not null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["PlannedDate"] = [error] }, title: "Dữ liệu chưa hợp lệ.");
        plan!.PlannedDate = input.PlannedDate;
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }
}

public static class WaveQueries
{
    /// <summary>Waves organised by a readable unit, or that include a readable unit.</summary>
    public static async Task<List<(CongressWave Wave, Domain.Units.Unit Organiser)>> VisibleAsync(AppDb db, IQueryable<Domain.Units.Unit> readable, int? id = null)
    {
        var waves = db.CongressWaves.AsNoTracking().Where(w => id == null || w.Id == id)
            .Where(w => readable.Any(u => u.Id == w.UnitId) || db.CongressPlans.Any(p => p.WaveId == w.Id && readable.Any(u => u.Id == p.UnitId)));
        var list = await waves.OrderByDescending(w => w.StartDate).Take(100)
            .Join(db.Units.IgnoreQueryFilters(), w => w.UnitId, u => u.Id, (w, u) => new { w, u }).ToListAsync();
        return [.. list.Select(x => (x.w, x.u))];
    }

    public static string? ValidatePlan(CongressWave wave, DateOnly? planned) =>
        planned is { } d && (d < wave.StartDate || d > wave.DueDate.AddYears(1))
            ? $"Ngày dự kiến trong khoảng {Fmt.Date(wave.StartDate)} – {Fmt.Date(wave.DueDate.AddYears(1))}."
            : null;
}

public static class CarryOverApi
{
    public static void MapCarryOver(this RouteGroupBuilder api) => api.MapPost("/units/{id:int}/carry-over", Run);

    private static async Task<Results<Ok<CarryOverPlan>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Run(int id, CarryOverInput input, AppDb db, UnitScope scope, CarryOver carryOver)
    {
        var unit = await UnitsApi.FindReadableAsync(id, db, scope);
        if (unit is null) return UnitsApi.NotFoundProblem();
        if (!await scope.CanWriteAsync(unit)) return TypedResults.Forbid();
        var plan = await carryOver.RunAsync(unit, input);
        return plan.Errors.Count > 0 ? TypedResults.ValidationProblem(plan.Errors, title: "Không kế thừa được.") : TypedResults.Ok(plan);
    }
}
