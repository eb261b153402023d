using System.Globalization;
using DoanKet.Data;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Indicators;

public sealed record IndicatorDto(
    string Code, string Name, string UnitOfMeasure, string Area, string AreaLabel, IndicatorRule Rule, string[] Facts,
    UnitLevel? CoverageLevel, string? Numerator, string? Denominator, double Scale, bool Main)
{
    public static IndicatorDto From(Indicator i) => new(i.Code, i.Name, i.UnitOfMeasure, i.Area, Areas.Label(i.Area), i.Rule, i.FactKeys,
        i.CoverageLevel, i.Numerator, i.Denominator, i.Scale, i.Main);
}

public sealed record PeriodDto(string Id, string Label, DateOnly From, DateOnly To)
{
    public static PeriodDto Of(Period p) => new(p.Id, p.Label, p.From, p.To);
}

/// <summary>A value: for a coverage, Value is x and Of is y; for a ratio, Numerator and Denominator are its parts.</summary>
public sealed record FigureDto(
    string Code, string Name, string UnitOfMeasure, IndicatorRule Rule, double Value, double? Of, double? Numerator, double? Denominator,
    double Percent, string Display, string Sources)
{
    public static FigureDto From(Figure f, Unit unit, Period period, FigureMode mode) => new(
        f.Indicator.Code, f.Indicator.Name, f.Indicator.UnitOfMeasure, f.Indicator.Rule, f.Value, f.Of, f.Parts?.Numerator, f.Parts?.Denominator,
        f.Percent, FigureText.Value(f), $"/api/v1/indicators/{Uri.EscapeDataString(f.Indicator.Code)}/sources?unit={unit.Id.ToString(CultureInfo.InvariantCulture)}&period={Uri.EscapeDataString(period.Id)}&mode={mode.Id()}");
}

public sealed record FigureUnitDto(int Id, string Name, UnitLevel Level, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public static FigureUnitDto From(Unit u) => new(u.Id, u.FullName, u.Level, u.ValidFrom, u.ValidTo);
}

public sealed record ValuesDto(FigureUnitDto Unit, PeriodDto Period, string Mode, List<FigureDto> Values);

public sealed record SourceDto(
    string RecordType, string RecordTypeLabel, int RecordId, int UnitId, string UnitName, DateOnly Date, string Key, string KeyLabel,
    long Value, double Weight, string Title, string Url);

public sealed record SourcesDto(FigureUnitDto Unit, PeriodDto Period, string Mode, FigureDto Figure, bool Truncated, List<SourceDto> Sources);

/// <summary>
/// API for figures: the catalogue (GET /indicators), values for a unit and period (GET /indicators?unit=
/// or /indicators/values) and the records behind one value (GET /indicators/{id}/sources, id = the
/// indicator's code). Scoped like the pages: a unit outside the account's scope is 404.
/// </summary>
public static class IndicatorsApi
{
    public static RouteGroupBuilder MapIndicators(this RouteGroupBuilder api)
    {
        api.MapGet("/indicators", CatalogueOrValues);
        api.MapGet("/indicators/values", Values);
        api.MapGet("/indicators/{id}/sources", Sources);
        return api;
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: "Dữ liệu chưa hợp lệ.");

    private static async Task<Results<Ok<List<IndicatorDto>>, Ok<ValuesDto>, ValidationProblem, ProblemHttpResult>> CatalogueOrValues(
        string? unit, string? period, string? mode, string? code, AppDb db, UnitScope scope, Figures figures)
    {
        if (unit is null) return TypedResults.Ok((await figures.CatalogueAsync()).Select(IndicatorDto.From).ToList());
        return (await Values(unit, period, mode, code, db, scope, figures)).Result switch
        {
            Ok<ValuesDto> ok => ok,
            ValidationProblem v => v,
            ProblemHttpResult p => p,
            var other => throw new InvalidOperationException($"Unexpected result {other.GetType().Name}."),
        };
    }

    private static async Task<Results<Ok<ValuesDto>, ValidationProblem, ProblemHttpResult>> Values(string? unit, string? period, string? mode, string? code, AppDb db, UnitScope scope, Figures figures)
    {
        var (found, problem, errors) = await InputsAsync(unit, period, mode, db, scope);
        if (problem is not null) return problem;
        var catalogue = await figures.CatalogueAsync();
        List<Indicator>? wanted = null;
        if (!string.IsNullOrWhiteSpace(code))
        {
            var codes = code.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = codes.Where(c => catalogue.All(i => i.Code != c)).ToList();
            if (unknown.Count > 0) errors["code"] = [$"Không có chỉ số mã {string.Join(", ", unknown.Select(c => $"“{Short(c)}”"))}. Xem danh mục ở GET /api/v1/indicators."];
            else wanted = [.. catalogue.Where(i => codes.Contains(i.Code))];
        }
        if (errors.Count > 0) return Invalid(errors);
        var (u, p, m) = found!.Value;
        var values = await figures.ComputeAsync(u, p, m, wanted);
        return TypedResults.Ok(new ValuesDto(FigureUnitDto.From(u), PeriodDto.Of(p), m.Id(), [.. values.Select(f => FigureDto.From(f, u, p, m))]));
    }

    private static async Task<Results<Ok<SourcesDto>, ValidationProblem, ProblemHttpResult>> Sources(
        string id, string? unit, string? period, string? mode, AppDb db, UnitScope scope, Figures figures)
    {
        var (found, problem, errors) = await InputsAsync(unit, period, mode, db, scope);
        if (problem is not null) return problem;
        var indicator = (await figures.CatalogueAsync()).FirstOrDefault(i => i.Code == id);
        if (indicator is null) return TypedResults.Problem(statusCode: 404, title: $"Không có chỉ số mã “{Short(id)}”.");
        if (errors.Count > 0) return Invalid(errors);
        var (u, p, m) = found!.Value;
        const int take = 1000;
        var figure = (await figures.ComputeAsync(u, p, m, [indicator]))[0];
        var rows = await SourceRecords.LoadAsync(db, await figures.SourcesAsync(indicator, u, p, m, take));
        return TypedResults.Ok(new SourcesDto(FigureUnitDto.From(u), PeriodDto.Of(p), m.Id(), FigureDto.From(figure, u, p, m), rows.Count >= take,
            [.. rows.Select(r => new SourceDto(r.Source.RecordType, r.TypeLabel, r.Source.RecordId, r.Source.UnitId, r.UnitName, r.Source.Date,
                r.Source.Key, r.FactLabel, r.Source.Value, r.Source.Weight, r.Title, r.Url))]));
    }

    /// <summary>
    /// Unit (required, readable: else 404), period (default: the current quarter) and mode (then|now, default then;
    /// now only for a current unit). Bad values are collected as field errors for a 400.
    /// </summary>
    private static async Task<((Unit Unit, Period Period, FigureMode Mode)? Found, ProblemHttpResult? Problem, Dictionary<string, string[]> Errors)> InputsAsync(
        string? unit, string? period, string? mode, AppDb db, UnitScope scope)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(unit))
            return (null, null, new() { ["unit"] = ["Chọn đơn vị: unit=<mã số đơn vị>."] });
        if (!int.TryParse(unit, NumberStyles.None, CultureInfo.InvariantCulture, out var unitId))
            return (null, null, new() { ["unit"] = [$"Mã số đơn vị không hợp lệ: “{Short(unit)}” (phải là số)."] });
        var found = await UnitsApi.FindReadableAsync(unitId, db, scope);
        if (found is null) return (null, UnitsApi.NotFoundProblem(), errors);
        if (!FigureText.TryPeriod(period, FigureText.QuarterOf(db.Clock.Today), out var p, out var periodError)) errors["period"] = [periodError!];
        if (!FigureText.TryMode(mode, out var m)) errors["mode"] = [FigureText.ModeError];
        else if (m == FigureMode.Now && found.ValidTo is not null) errors["mode"] = [FigureText.NowNeedsCurrentUnit];
        return ((found, p, m), null, errors);
    }

    private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
