using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Records;

public sealed record PageDto<T>(List<T> Items, int Total, int Page, int PageSize);

public sealed record ActivityDto(int Id, int UnitId, string UnitName, int KindId, string KindCode, string KindName, DateOnly Date, DateOnly? EndDate, string Title,
    int? Sessions, int? Attendances, int? Households, int? Gifts, int? People, long? Money, int? Opinions, string? Participants, string? Note,
    RecordSource Source, string? Week, int? LeadOrganisationId, List<int> CoOrganiserIds, List<int> PhotoIds, bool Deleted, long Version);

public sealed record DecisionDto(string Subject, int Present, int For, int Against, int Abstain);

public sealed record ConferenceDto(int Id, int UnitId, string UnitName, DateOnly Date, ConferenceType Type, string TypeLabel, int? SessionNumber, string Title,
    int? Invited, int? Present, string? Rate, int? Opinions, string? Minutes, List<DecisionDto> Decisions, bool Deleted, long Version);

public sealed record InitiativeDto(int Id, int UnitId, string UnitName, string Name, string Field, string FieldLabel, InitiativeStatus Status, string StatusLabel,
    DateOnly RegisteredOn, string? Note, bool Deleted, long Version);

public sealed record CommendationDto(int Id, int UnitId, string UnitName, DateOnly Date, CommendationForm Form, string FormLabel, AwardLevel Level, string LevelLabel,
    bool Collective, string Recipient, string? DecisionNumber, bool Proposed, string? Note, bool Deleted, long Version);

public sealed record TargetDto(int Id, int UnitId, string UnitName, string Indicator, string IndicatorName, string Period, string PeriodLabel, double Value,
    string Label, TargetSource Source, string SourceLabel, bool Deleted, long Version);

/// <summary>One residential group's Unity Day in a year; Id is null while nothing is recorded for it.</summary>
public sealed record UnityDayDto(int? Id, int UnitId, string UnitName, int Year, bool Held, DateOnly? Date, int? HouseholdsAttending, int? HouseholdsTotal, string? Note, long? Version);

/// <summary>API for work records: /api/v1/activities, conferences, initiatives, commendations, targets, unity-days.</summary>
public static class RecordsApi
{
    public static RouteGroupBuilder MapRecords(this RouteGroupBuilder api)
    {
        api.MapGet("/activities", ListActivities);
        api.MapPost("/activities", CreateActivity);
        api.MapGet("/activities/{id:int}", GetActivity);
        api.MapPut("/activities/{id:int}", UpdateActivity);
        api.MapDelete("/activities/{id:int}", (int id, long? version, AppDb db, UnitScope scope, RecordWriter writer) =>
            Done(RecordRules.DeleteAsync(db, scope, writer, db.Activities, id, a => a.UnitId, version)));
        api.MapPost("/activities/{id:int}/restore", (int id, long? version, AppDb db, UnitScope scope, RecordWriter writer) =>
            Done(RecordRules.RestoreAsync(db, scope, writer, db.Activities, id, a => a.UnitId, version)));

        api.MapGet("/conferences", ListConferences);
        api.MapPost("/conferences", CreateConference);
        api.MapGet("/conferences/{id:int}", GetConference);
        api.MapPut("/conferences/{id:int}", UpdateConference);
        api.MapDelete("/conferences/{id:int}", (int id, long? version, AppDb db, UnitScope scope, RecordWriter writer) =>
            Done(RecordRules.DeleteAsync(db, scope, writer, db.Conferences, id, c => c.UnitId, version)));
        api.MapPost("/conferences/{id:int}/restore", (int id, long? version, AppDb db, UnitScope scope, RecordWriter writer) =>
            Done(RecordRules.RestoreAsync(db, scope, writer, db.Conferences, id, c => c.UnitId, version)));

        api.MapGet("/initiatives", ListInitiatives);
        api.MapPost("/initiatives", CreateInitiative);
        api.MapGet("/initiatives/{id:int}", GetInitiative);
        api.MapPut("/initiatives/{id:int}", UpdateInitiative);
        api.MapDelete("/initiatives/{id:int}", (int id, long? version, AppDb db, UnitScope scope, RecordWriter writer) =>
            Done(RecordRules.DeleteAsync(db, scope, writer, db.Initiatives, id, i => i.UnitId, version)));
        api.MapPost("/initiatives/{id:int}/restore", (int id, long? version, AppDb db, UnitScope scope, RecordWriter writer) =>
            Done(RecordRules.RestoreAsync(db, scope, writer, db.Initiatives, id, i => i.UnitId, version)));

        api.MapGet("/commendations", ListCommendations);
        api.MapPost("/commendations", CreateCommendation);
        api.MapGet("/commendations/{id:int}", GetCommendation);
        api.MapPut("/commendations/{id:int}", UpdateCommendation);
        api.MapDelete("/commendations/{id:int}", (int id, long? version, AppDb db, UnitScope scope, RecordWriter writer) =>
            Done(RecordRules.DeleteAsync(db, scope, writer, db.Commendations, id, c => c.UnitId, version)));
        api.MapPost("/commendations/{id:int}/restore", (int id, long? version, AppDb db, UnitScope scope, RecordWriter writer) =>
            Done(RecordRules.RestoreAsync(db, scope, writer, db.Commendations, id, c => c.UnitId, version)));

        api.MapGet("/targets", ListTargets);
        api.MapPost("/targets", CreateTarget);
        api.MapGet("/targets/{id:int}", GetTarget);
        api.MapPut("/targets/{id:int}", UpdateTarget);
        api.MapDelete("/targets/{id:int}", (int id, long? version, AppDb db, UnitScope scope, RecordWriter writer) =>
            Done(RecordRules.DeleteAsync(db, scope, writer, db.Targets, id, t => t.UnitId, version)));
        api.MapPost("/targets/{id:int}/restore", (int id, long? version, AppDb db, UnitScope scope, RecordWriter writer) =>
            Done(RecordRules.RestoreAsync(db, scope, writer, db.Targets, id, t => t.UnitId, version)));

        api.MapGet("/unity-days", ListUnityDays);
        api.MapPut("/unity-days", PutUnityDay);
        return api;
    }

    // ------------------------------------------------------------------ shared

    internal static Results<TOk, ValidationProblem, ProblemHttpResult, ForbidHttpResult> Failed<TOk>(Fail f) where TOk : IResult =>
        f.Status == 403 ? TypedResults.Forbid()
        : f.Errors is not null ? TypedResults.ValidationProblem(f.Errors, title: f.Title)
        : TypedResults.Problem(statusCode: f.Status, title: f.Title);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Done(Task<Fail?> work) =>
        await work is { } f ? Failed<NoContent>(f) : TypedResults.NoContent();

    private static readonly Fail Stale = new(409, RecordRules.Conflict);

    private sealed record ListArgs(Unit Unit, IQueryable<Unit> Area, Period? Period, int Page, int Size, bool Deleted);

    /// <summary>unit (default: the account's unit, with everything below it), period (an id: 2025Q3, 2025, 2019-2024…), paging, deleted.</summary>
    private static async Task<(ListArgs? Args, Fail? Fail)> ListArgsAsync(int? unit, string? period, int? page, int? pageSize, bool? deleted, AppDb db, UnitScope scope)
    {
        var home = await scope.HomeAsync();
        var u = unit is { } id ? await Units.UnitsApi.FindReadableAsync(id, db, scope) : home;
        if (u is null) return (null, new Fail(404, RecordRules.NotFound));
        Period? p = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!Period.TryParse(period.Trim(), out var parsed))
                return (null, RecordRules.Invalid("period", "Kỳ không hợp lệ: dùng 2025W05, 202507, 2025Q3, 2025S1, 2025S2, 2025N9, 2025, 2020-2025 hoặc 2025-01-01..2025-03-31."));
            p = parsed;
        }
        var area = await RecordRules.AreaAsync(db, scope, u);
        // Deleted records are listed only where the account could restore them.
        if (deleted == true)
            area = home is { ValidTo: null } && scope.IsWriter ? area.Under(home.Path) : area.Where(_ => false);
        var size = Math.Clamp(pageSize ?? 50, 1, 200);
        return (new ListArgs(u, area, p, Math.Max(1, page ?? 1), size, deleted == true), null);
    }

    private static IQueryable<T> Deleted<T>(IQueryable<T> set, bool deleted) where T : class, ISoftDeletable =>
        deleted ? set.IgnoreQueryFilters().Where(r => r.DeletedAt != null) : set;

    private static async Task<PageDto<TDto>> PageAsync<T, TDto>(IQueryable<T> q, ListArgs a, Func<List<T>, Task<List<TDto>>> map)
    {
        var total = await q.CountAsync();
        var rows = await q.Skip((a.Page - 1) * a.Size).Take(a.Size).ToListAsync();
        return new PageDto<TDto>(await map(rows), total, a.Page, a.Size);
    }

    // ------------------------------------------------------------------ activities

    private static async Task<List<ActivityDto>> ActivityDtosAsync(AppDb db, List<Activity> rows)
    {
        var names = await RecordRules.UnitNamesAsync(db, rows.Select(r => r.UnitId));
        var kindIds = rows.Select(r => r.KindId).Distinct().ToList();
        var kinds = await db.ActivityKinds.AsNoTracking().Where(k => kindIds.Contains(k.Id)).ToDictionaryAsync(k => k.Id);
        var ids = rows.Select(r => r.Id).ToList();
        var photos = (await db.ActivityPhotos.AsNoTracking().Where(p => ids.Contains(p.ActivityId)).OrderBy(p => p.Id).Select(p => new { p.ActivityId, p.Id }).ToListAsync())
            .ToLookup(p => p.ActivityId, p => p.Id);
        return [.. rows.Select(a => new ActivityDto(a.Id, a.UnitId, names.GetValueOrDefault(a.UnitId, "?"), a.KindId, kinds[a.KindId].Code, kinds[a.KindId].Name,
            a.Date, a.EndDate, a.Title, a.Sessions, a.Attendances, a.Households, a.Gifts, a.People, a.Money, a.Opinions, a.Participants, a.Note,
            a.Source, a.Week, a.Organisers.FirstOrDefault(o => o.Lead)?.OrganisationId, [.. a.Organisers.Where(o => !o.Lead).Select(o => o.OrganisationId)],
            [.. photos[a.Id]], a.DeletedAt is not null, a.Version))];
    }

    private static async Task<Results<Ok<PageDto<ActivityDto>>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> ListActivities(
        int? unit, string? period, int? kind, int? page, int? pageSize, bool? deleted, AppDb db, UnitScope scope)
    {
        var (a, fail) = await ListArgsAsync(unit, period, page, pageSize, deleted, db, scope);
        if (fail is not null) return Failed<Ok<PageDto<ActivityDto>>>(fail);
        var q = Deleted(db.Activities.AsNoTracking(), a!.Deleted).Include(x => x.Organisers).Where(x => a.Area.Any(u => u.Id == x.UnitId));
        if (a.Period is { } p) q = q.Where(x => x.Date >= p.From && x.Date <= p.To);
        if (kind is { } k) q = q.Where(x => x.KindId == k);
        return TypedResults.Ok(await PageAsync(q.OrderByDescending(x => x.Date).ThenByDescending(x => x.Id), a, rows => ActivityDtosAsync(db, rows)));
    }

    private static async Task<Results<Ok<ActivityDto>, ProblemHttpResult>> GetActivity(int id, AppDb db, UnitScope scope)
    {
        var (record, _) = await RecordRules.ForReadAsync(db, scope, db.Activities.Include(a => a.Organisers), id, a => a.UnitId);
        return record is null ? TypedResults.Problem(statusCode: 404, title: RecordRules.NotFound) : TypedResults.Ok((await ActivityDtosAsync(db, [record]))[0]);
    }

    private static async Task<Results<Created<ActivityDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> CreateActivity(
        ActivityInput input, AppDb db, UnitScope scope, RecordWriter writer)
    {
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, input.UnitId);
        if (fail is not null) return Failed<Created<ActivityDto>>(fail);
        var (errors, kind) = await RecordRules.ValidateActivityAsync(db, input, unit!, null);
        if (errors.Count > 0) return Failed<Created<ActivityDto>>(RecordRules.Invalid(errors));
        var a = new Activity { Title = "", Source = RecordSource.Form };
        RecordRules.Apply(a, input, kind!);
        db.Activities.Add(a);
        await RecordRules.SaveAsync(db, writer, a);
        return TypedResults.Created($"/api/v1/activities/{a.Id}", (await ActivityDtosAsync(db, [a]))[0]);
    }

    private static async Task<Results<Ok<ActivityDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> UpdateActivity(
        int id, ActivityInput input, AppDb db, UnitScope scope, RecordWriter writer)
    {
        var (a, _, fail) = await RecordRules.ForWriteAsync(db, scope, db.Activities.Include(x => x.Organisers), id, x => x.UnitId, input.Version);
        if (fail is not null) return Failed<Ok<ActivityDto>>(fail);
        var (unit, unitFail) = await RecordRules.WritableUnitAsync(db, scope, input.UnitId);
        if (unitFail is not null) return Failed<Ok<ActivityDto>>(unitFail);
        var (errors, kind) = await RecordRules.ValidateActivityAsync(db, input, unit!, a);
        if (errors.Count > 0) return Failed<Ok<ActivityDto>>(RecordRules.Invalid(errors));
        RecordRules.Apply(a!, input, kind!);
        if (!await RecordRules.SaveAsync(db, writer, a!)) return Failed<Ok<ActivityDto>>(Stale);
        return TypedResults.Ok((await ActivityDtosAsync(db, [a!]))[0]);
    }

    // ------------------------------------------------------------------ conferences

    private static async Task<List<ConferenceDto>> ConferenceDtosAsync(AppDb db, List<Conference> rows)
    {
        var names = await RecordRules.UnitNamesAsync(db, rows.Select(r => r.UnitId));
        return [.. rows.Select(c => new ConferenceDto(c.Id, c.UnitId, names.GetValueOrDefault(c.UnitId, "?"), c.Date, c.Type, ConferenceTypes.Label(c.Type),
            c.SessionNumber, c.Title, c.Invited, c.Present, RecordRules.Rate(c.Present, c.Invited), c.Opinions, c.Minutes,
            [.. c.Decisions.OrderBy(d => d.Id).Select(d => new DecisionDto(d.Subject, d.Present, d.For, d.Against, d.Present - d.For - d.Against))],
            c.DeletedAt is not null, c.Version))];
    }

    private static async Task<Results<Ok<PageDto<ConferenceDto>>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> ListConferences(
        int? unit, string? period, int? page, int? pageSize, bool? deleted, AppDb db, UnitScope scope)
    {
        var (a, fail) = await ListArgsAsync(unit, period, page, pageSize, deleted, db, scope);
        if (fail is not null) return Failed<Ok<PageDto<ConferenceDto>>>(fail);
        var q = Deleted(db.Conferences.AsNoTracking(), a!.Deleted).Include(x => x.Decisions).Where(x => a.Area.Any(u => u.Id == x.UnitId));
        if (a.Period is { } p) q = q.Where(x => x.Date >= p.From && x.Date <= p.To);
        return TypedResults.Ok(await PageAsync(q.OrderByDescending(x => x.Date).ThenByDescending(x => x.Id), a, rows => ConferenceDtosAsync(db, rows)));
    }

    private static async Task<Results<Ok<ConferenceDto>, ProblemHttpResult>> GetConference(int id, AppDb db, UnitScope scope)
    {
        var (record, _) = await RecordRules.ForReadAsync(db, scope, db.Conferences.Include(c => c.Decisions), id, c => c.UnitId);
        return record is null ? TypedResults.Problem(statusCode: 404, title: RecordRules.NotFound) : TypedResults.Ok((await ConferenceDtosAsync(db, [record]))[0]);
    }

    private static async Task<Results<Created<ConferenceDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> CreateConference(
        ConferenceInput input, AppDb db, UnitScope scope, RecordWriter writer)
    {
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, input.UnitId);
        if (fail is not null) return Failed<Created<ConferenceDto>>(fail);
        var errors = RecordRules.ValidateConference(input, unit!, db.Clock.Today);
        if (errors.Count > 0) return Failed<Created<ConferenceDto>>(RecordRules.Invalid(errors));
        var c = new Conference { Title = "" };
        RecordRules.Apply(c, input);
        db.Conferences.Add(c);
        await RecordRules.SaveAsync(db, writer, c);
        return TypedResults.Created($"/api/v1/conferences/{c.Id}", (await ConferenceDtosAsync(db, [c]))[0]);
    }

    private static async Task<Results<Ok<ConferenceDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> UpdateConference(
        int id, ConferenceInput input, AppDb db, UnitScope scope, RecordWriter writer)
    {
        var (c, _, fail) = await RecordRules.ForWriteAsync(db, scope, db.Conferences.Include(x => x.Decisions.OrderBy(d => d.Id)), id, x => x.UnitId, input.Version);
        if (fail is not null) return Failed<Ok<ConferenceDto>>(fail);
        var (unit, unitFail) = await RecordRules.WritableUnitAsync(db, scope, input.UnitId);
        if (unitFail is not null) return Failed<Ok<ConferenceDto>>(unitFail);
        var errors = RecordRules.ValidateConference(input, unit!, db.Clock.Today);
        if (errors.Count > 0) return Failed<Ok<ConferenceDto>>(RecordRules.Invalid(errors));
        RecordRules.Apply(c!, input);
        if (!await RecordRules.SaveAsync(db, writer, c!)) return Failed<Ok<ConferenceDto>>(Stale);
        return TypedResults.Ok((await ConferenceDtosAsync(db, [c!]))[0]);
    }

    // ------------------------------------------------------------------ initiatives

    private static async Task<List<InitiativeDto>> InitiativeDtosAsync(AppDb db, List<Initiative> rows)
    {
        var names = await RecordRules.UnitNamesAsync(db, rows.Select(r => r.UnitId));
        return [.. rows.Select(i => new InitiativeDto(i.Id, i.UnitId, names.GetValueOrDefault(i.UnitId, "?"), i.Name, i.Field, Initiative.FieldLabel(i.Field),
            i.Status, Initiative.StatusLabel(i.Status), i.RegisteredOn, i.Note, i.DeletedAt is not null, i.Version))];
    }

    private static async Task<Results<Ok<PageDto<InitiativeDto>>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> ListInitiatives(
        int? unit, string? period, int? page, int? pageSize, bool? deleted, AppDb db, UnitScope scope)
    {
        var (a, fail) = await ListArgsAsync(unit, period, page, pageSize, deleted, db, scope);
        if (fail is not null) return Failed<Ok<PageDto<InitiativeDto>>>(fail);
        var q = Deleted(db.Initiatives.AsNoTracking(), a!.Deleted).Where(x => a.Area.Any(u => u.Id == x.UnitId));
        if (a.Period is { } p) q = q.Where(x => x.RegisteredOn >= p.From && x.RegisteredOn <= p.To);
        return TypedResults.Ok(await PageAsync(q.OrderByDescending(x => x.RegisteredOn).ThenByDescending(x => x.Id), a, rows => InitiativeDtosAsync(db, rows)));
    }

    private static async Task<Results<Ok<InitiativeDto>, ProblemHttpResult>> GetInitiative(int id, AppDb db, UnitScope scope)
    {
        var (record, _) = await RecordRules.ForReadAsync(db, scope, db.Initiatives, id, i => i.UnitId);
        return record is null ? TypedResults.Problem(statusCode: 404, title: RecordRules.NotFound) : TypedResults.Ok((await InitiativeDtosAsync(db, [record]))[0]);
    }

    private static async Task<Results<Created<InitiativeDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> CreateInitiative(
        InitiativeInput input, AppDb db, UnitScope scope, RecordWriter writer)
    {
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, input.UnitId);
        if (fail is not null) return Failed<Created<InitiativeDto>>(fail);
        var errors = RecordRules.ValidateInitiative(input, unit!, db.Clock.Today);
        if (errors.Count > 0) return Failed<Created<InitiativeDto>>(RecordRules.Invalid(errors));
        var i = new Initiative { Name = "", Field = "" };
        RecordRules.Apply(i, input);
        db.Initiatives.Add(i);
        await RecordRules.SaveAsync(db, writer, i);
        return TypedResults.Created($"/api/v1/initiatives/{i.Id}", (await InitiativeDtosAsync(db, [i]))[0]);
    }

    private static async Task<Results<Ok<InitiativeDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> UpdateInitiative(
        int id, InitiativeInput input, AppDb db, UnitScope scope, RecordWriter writer)
    {
        var (i, _, fail) = await RecordRules.ForWriteAsync(db, scope, db.Initiatives, id, x => x.UnitId, input.Version);
        if (fail is not null) return Failed<Ok<InitiativeDto>>(fail);
        var (unit, unitFail) = await RecordRules.WritableUnitAsync(db, scope, input.UnitId);
        if (unitFail is not null) return Failed<Ok<InitiativeDto>>(unitFail);
        var errors = RecordRules.ValidateInitiative(input, unit!, db.Clock.Today);
        if (errors.Count > 0) return Failed<Ok<InitiativeDto>>(RecordRules.Invalid(errors));
        RecordRules.Apply(i!, input);
        if (!await RecordRules.SaveAsync(db, writer, i!)) return Failed<Ok<InitiativeDto>>(Stale);
        return TypedResults.Ok((await InitiativeDtosAsync(db, [i!]))[0]);
    }

    // ------------------------------------------------------------------ commendations

    private static async Task<List<CommendationDto>> CommendationDtosAsync(AppDb db, List<Commendation> rows)
    {
        var names = await RecordRules.UnitNamesAsync(db, rows.Select(r => r.UnitId));
        return [.. rows.Select(c => new CommendationDto(c.Id, c.UnitId, names.GetValueOrDefault(c.UnitId, "?"), c.Date, c.Form, Commendation.FormLabel(c.Form),
            c.Level, Commendation.LevelLabel(c.Level), c.Collective, c.Recipient, c.DecisionNumber, c.Proposed, c.Note, c.DeletedAt is not null, c.Version))];
    }

    private static async Task<Results<Ok<PageDto<CommendationDto>>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> ListCommendations(
        int? unit, string? period, int? page, int? pageSize, bool? deleted, AppDb db, UnitScope scope)
    {
        var (a, fail) = await ListArgsAsync(unit, period, page, pageSize, deleted, db, scope);
        if (fail is not null) return Failed<Ok<PageDto<CommendationDto>>>(fail);
        var q = Deleted(db.Commendations.AsNoTracking(), a!.Deleted).Where(x => a.Area.Any(u => u.Id == x.UnitId));
        if (a.Period is { } p) q = q.Where(x => x.Date >= p.From && x.Date <= p.To);
        return TypedResults.Ok(await PageAsync(q.OrderByDescending(x => x.Date).ThenByDescending(x => x.Id), a, rows => CommendationDtosAsync(db, rows)));
    }

    private static async Task<Results<Ok<CommendationDto>, ProblemHttpResult>> GetCommendation(int id, AppDb db, UnitScope scope)
    {
        var (record, _) = await RecordRules.ForReadAsync(db, scope, db.Commendations, id, c => c.UnitId);
        return record is null ? TypedResults.Problem(statusCode: 404, title: RecordRules.NotFound) : TypedResults.Ok((await CommendationDtosAsync(db, [record]))[0]);
    }

    private static async Task<Results<Created<CommendationDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> CreateCommendation(
        CommendationInput input, AppDb db, UnitScope scope, RecordWriter writer)
    {
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, input.UnitId);
        if (fail is not null) return Failed<Created<CommendationDto>>(fail);
        var errors = RecordRules.ValidateCommendation(input, unit!, db.Clock.Today);
        if (errors.Count > 0) return Failed<Created<CommendationDto>>(RecordRules.Invalid(errors));
        var c = new Commendation { Recipient = "" };
        RecordRules.Apply(c, input);
        db.Commendations.Add(c);
        await RecordRules.SaveAsync(db, writer, c);
        return TypedResults.Created($"/api/v1/commendations/{c.Id}", (await CommendationDtosAsync(db, [c]))[0]);
    }

    private static async Task<Results<Ok<CommendationDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> UpdateCommendation(
        int id, CommendationInput input, AppDb db, UnitScope scope, RecordWriter writer)
    {
        var (c, _, fail) = await RecordRules.ForWriteAsync(db, scope, db.Commendations, id, x => x.UnitId, input.Version);
        if (fail is not null) return Failed<Ok<CommendationDto>>(fail);
        var (unit, unitFail) = await RecordRules.WritableUnitAsync(db, scope, input.UnitId);
        if (unitFail is not null) return Failed<Ok<CommendationDto>>(unitFail);
        var errors = RecordRules.ValidateCommendation(input, unit!, db.Clock.Today);
        if (errors.Count > 0) return Failed<Ok<CommendationDto>>(RecordRules.Invalid(errors));
        RecordRules.Apply(c!, input);
        if (!await RecordRules.SaveAsync(db, writer, c!)) return Failed<Ok<CommendationDto>>(Stale);
        return TypedResults.Ok((await CommendationDtosAsync(db, [c!]))[0]);
    }

    // ------------------------------------------------------------------ targets

    private static async Task<List<TargetDto>> TargetDtosAsync(AppDb db, List<Target> rows)
    {
        var names = await RecordRules.UnitNamesAsync(db, rows.Select(r => r.UnitId));
        var codes = rows.Select(r => r.Indicator).Distinct().ToList();
        var indicators = await db.Indicators.AsNoTracking().Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, i => i.Name);
        return [.. rows.Select(t => new TargetDto(t.Id, t.UnitId, names.GetValueOrDefault(t.UnitId, "?"), t.Indicator, indicators.GetValueOrDefault(t.Indicator, t.Indicator),
            t.Period, Period.TryParse(t.Period, out var p) ? p.Label : t.Period, t.Value, t.Label, t.Source, RecordRules.TargetSourceLabel(t.Source),
            t.DeletedAt is not null, t.Version))];
    }

    private static async Task<Results<Ok<PageDto<TargetDto>>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> ListTargets(
        int? unit, string? period, int? page, int? pageSize, bool? deleted, AppDb db, UnitScope scope)
    {
        var (a, fail) = await ListArgsAsync(unit, period, page, pageSize, deleted, db, scope);
        if (fail is not null) return Failed<Ok<PageDto<TargetDto>>>(fail);
        var q = Deleted(db.Targets.AsNoTracking(), a!.Deleted).Where(x => a.Area.Any(u => u.Id == x.UnitId));
        if (a.Period is { } p)
        {
            var ids = RecordRules.TargetPeriodsOverlapping(p);
            q = q.Where(x => ids.Contains(x.Period));
        }
        return TypedResults.Ok(await PageAsync(q.OrderByDescending(x => x.Period).ThenBy(x => x.UnitId).ThenBy(x => x.Indicator), a, rows => TargetDtosAsync(db, rows)));
    }

    private static async Task<Results<Ok<TargetDto>, ProblemHttpResult>> GetTarget(int id, AppDb db, UnitScope scope)
    {
        var (record, _) = await RecordRules.ForReadAsync(db, scope, db.Targets, id, t => t.UnitId);
        return record is null ? TypedResults.Problem(statusCode: 404, title: RecordRules.NotFound) : TypedResults.Ok((await TargetDtosAsync(db, [record]))[0]);
    }

    private static async Task<Results<Created<TargetDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> CreateTarget(
        TargetInput input, AppDb db, UnitScope scope, RecordWriter writer)
    {
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, input.UnitId);
        if (fail is not null) return Failed<Created<TargetDto>>(fail);
        var errors = await RecordRules.ValidateTargetAsync(db, input, unit!, null);
        if (errors.Count > 0) return Failed<Created<TargetDto>>(RecordRules.Invalid(errors));
        var t = new Target { Indicator = "", Period = "", Label = "" };
        await RecordRules.ApplyAsync(db, t, input);
        db.Targets.Add(t);
        await RecordRules.SaveAsync(db, writer, t);
        return TypedResults.Created($"/api/v1/targets/{t.Id}", (await TargetDtosAsync(db, [t]))[0]);
    }

    private static async Task<Results<Ok<TargetDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> UpdateTarget(
        int id, TargetInput input, AppDb db, UnitScope scope, RecordWriter writer)
    {
        var (t, _, fail) = await RecordRules.ForWriteAsync(db, scope, db.Targets, id, x => x.UnitId, input.Version);
        if (fail is not null) return Failed<Ok<TargetDto>>(fail);
        var (unit, unitFail) = await RecordRules.WritableUnitAsync(db, scope, input.UnitId);
        if (unitFail is not null) return Failed<Ok<TargetDto>>(unitFail);
        var errors = await RecordRules.ValidateTargetAsync(db, input, unit!, id);
        if (errors.Count > 0) return Failed<Ok<TargetDto>>(RecordRules.Invalid(errors));
        await RecordRules.ApplyAsync(db, t!, input);
        if (!await RecordRules.SaveAsync(db, writer, t!)) return Failed<Ok<TargetDto>>(Stale);
        return TypedResults.Ok((await TargetDtosAsync(db, [t!]))[0]);
    }

    // ------------------------------------------------------------------ Unity Day

    /// <summary>Every residential group under the unit (or the group itself) that existed in the year, with its record if any.</summary>
    private static async Task<Results<Ok<List<UnityDayDto>>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> ListUnityDays(
        int? unit, int? year, AppDb db, UnitScope scope)
    {
        var home = await scope.HomeAsync();
        var u = unit is { } id ? await Units.UnitsApi.FindReadableAsync(id, db, scope) : home;
        if (u is null) return Failed<Ok<List<UnityDayDto>>>(new Fail(404, RecordRules.NotFound));
        var y = year ?? db.Clock.Today.Year;
        if (y < 1990 || y > db.Clock.Today.Year) return Failed<Ok<List<UnityDayDto>>>(RecordRules.Invalid("year", $"Năm từ 1990 đến {db.Clock.Today.Year}."));
        return TypedResults.Ok(await UnityDays.RowsAsync(db, scope, u, y));
    }

    private static async Task<Results<Ok<UnityDayDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> PutUnityDay(
        UnityDayInput input, AppDb db, UnitScope scope, RecordWriter writer)
    {
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, input.UnitId);
        if (fail is not null) return Failed<Ok<UnityDayDto>>(fail);
        var errors = RecordRules.ValidateUnityDay(input, unit!, db.Clock.Today);
        if (errors.Count > 0) return Failed<Ok<UnityDayDto>>(RecordRules.Invalid(errors));
        var (day, stale) = await UnityDays.UpsertAsync(db, input);
        if (stale || !await RecordRules.SaveAsync(db, writer, day)) return Failed<Ok<UnityDayDto>>(Stale);
        return TypedResults.Ok(new UnityDayDto(day.Id, unit!.Id, unit.FullName, day.Year, day.Held, day.Date, day.HouseholdsAttending, day.HouseholdsTotal, day.Note, day.Version));
    }
}

/// <summary>Unity Day rows of a commune (or one group) for a year, shared by the page and the API.</summary>
public static class UnityDays
{
    public static async Task<List<Unit>> GroupsAsync(AppDb db, UnitScope scope, Unit unit, int year)
    {
        if (unit.Level == UnitLevel.ResidentialGroup) return [unit];
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var readable = await scope.ReadableAsync(db.Units.AsNoTracking());
        return await readable.Under(unit.Path)
            .Where(u => u.Level == UnitLevel.ResidentialGroup && u.ValidFrom <= to && (u.ValidTo == null || u.ValidTo > from))
            .OrderBy(u => u.ParentId).ThenBy(u => u.Name.Length).ThenBy(u => u.Name).ThenBy(u => u.ValidFrom).Take(2000).ToListAsync();
    }

    public static async Task<List<UnityDayDto>> RowsAsync(AppDb db, UnitScope scope, Unit unit, int year)
    {
        var groups = await GroupsAsync(db, scope, unit, year);
        var ids = groups.Select(g => g.Id).ToList();
        var days = await db.UnityDays.AsNoTracking().Where(d => ids.Contains(d.UnitId) && d.Year == year).ToListAsync();
        return [.. groups.Select(g => days.FirstOrDefault(d => d.UnitId == g.Id) is { } d
            ? new UnityDayDto(d.Id, g.Id, g.FullName, year, d.Held, d.Date, d.HouseholdsAttending, d.HouseholdsTotal, d.Note, d.Version)
            : new UnityDayDto(null, g.Id, g.FullName, year, false, null, null, g.Households, null, null))];
    }

    /// <summary>The group-year's record, new or tracked, with the input applied; stale when the given version is not the stored one.</summary>
    public static async Task<(UnityDay Day, bool Stale)> UpsertAsync(AppDb db, UnityDayInput input)
    {
        var day = await db.UnityDays.FirstOrDefaultAsync(d => d.UnitId == input.UnitId && d.Year == input.Year);
        if (day is null)
        {
            day = new UnityDay();
            db.UnityDays.Add(day);
        }
        else
        {
            if (input.Version is { } v && v != day.Version) return (day, true);
            db.Entry(day).Property(d => d.Version).OriginalValue = day.Version;
        }
        RecordRules.Apply(day, input);
        return (day, false);
    }
}
