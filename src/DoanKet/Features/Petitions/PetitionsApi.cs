using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Petitions;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Petitions;

public sealed record PetitionDto(int Id, string Code, int UnitId, string UnitName, PetitionChannel Channel, PetitionKind Kind, Competence Competence,
    int? TopicId, string? Topic, DateOnly ReceivedOn, string Content, string? PublicSummary, bool Anonymous, string? PetitionerName, string? PetitionerContact,
    string? PetitionerAddress, int? VoterMeetingId, PetitionStatus Status, string StatusLabel, DateOnly? DueDate, bool Overdue, int? AgencyId,
    DateOnly? ForwardedOn, string? Answer, string? AnswerDocument, string? AnsweredBy, DateOnly? AnsweredOn, bool AnsweredLate, DateOnly? PublishedOn,
    string? TransferredTo, int? DuplicateOfId, string? Reason, int Reopened, long Version);

public sealed record PetitionEventDto(DateTime At, string? By, PetitionStatus? From, PetitionStatus To, string Action, string? Note);
public sealed record TopicDto(int Id, string Code, string Name, string? Abbreviation, string Group);
public sealed record AgencyDto(int Id, int UnitId, string Name, string? Contact);
public sealed record AgencyInput(int UnitId, string? Name, string? Contact);

/// <summary>The filter of the petition list (page and API).</summary>
public sealed record PetitionFilter(int? Unit = null, string? Status = null, int? TopicId = null, PetitionChannel? Channel = null, string? Q = null, string? Period = null);

public static class PetitionQueries
{
    public static readonly (string Key, string Label)[] StatusFilters =
        [("mo", "Đang xử lý"), ("qua-han", "Quá hạn"), ("cho-kiem-tra", "Chờ kiểm tra trả lời"), ("cong-khai", "Đã công khai"), ("ket-thuc", "Đã kết thúc"), ("tat-ca", "Tất cả")];

    /// <summary>Petitions of the unit (default: the account's) and below, filtered; null unit when out of scope; a bad period is an error.</summary>
    public static async Task<(IQueryable<Petition>? Query, Unit? Unit, Fail? Fail)> ListAsync(AppDb db, UnitScope scope, PetitionFilter f)
    {
        var unit = f.Unit is int id ? await Units.UnitsApi.FindReadableAsync(id, db, scope) : await scope.HomeAsync();
        if (unit is null) return (null, null, new Fail(404, RecordRules.NotFound));
        var area = await RecordRules.AreaAsync(db, scope, unit);
        var q = db.Petitions.AsNoTracking().Where(p => area.Any(u => u.Id == p.UnitId));
        if (!string.IsNullOrWhiteSpace(f.Period))
        {
            if (!Period.TryParse(f.Period.Trim(), out var period)) return (null, unit, RecordRules.Invalid("period", "Kỳ không hợp lệ: dùng 2025Q3, 2025S1, 2025, 2020-2025…"));
            q = q.Where(p => p.ReceivedOn >= period.From && p.ReceivedOn <= period.To);
        }
        var today = db.Clock.Today;
        q = f.Status switch
        {
            "qua-han" => q.Where(p => Petition.DueStatuses.Contains(p.Status) && p.DueDate < today),
            "cho-kiem-tra" => q.Where(p => p.Status == PetitionStatus.Answered),
            "cong-khai" => q.Where(p => p.Status == PetitionStatus.Published || p.Status == PetitionStatus.Closed && p.PublishedOn != null),
            "ket-thuc" => q.Where(p => p.Status != PetitionStatus.Published && !Petition.OpenStatuses.Contains(p.Status)),
            "tat-ca" => q,
            _ => q.Where(p => Petition.OpenStatuses.Contains(p.Status)),
        };
        if (f.TopicId is int t) q = q.Where(p => p.TopicId == t);
        if (f.Channel is { } c) q = q.Where(p => p.Channel == c);
        if (Text.Fold(f.Q) is { Length: > 0 } folded)
        {
            var code = Petition.NormaliseCode(f.Q);
            q = q.Where(p => p.ContentFolded.Contains(folded) || p.Code == code);
        }
        return (q, unit, null);
    }

    /// <summary>DTOs with unit and topic names in two queries; identities only where the account handles the petition.</summary>
    public static async Task<List<PetitionDto>> DtosAsync(AppDb db, UnitScope scope, IReadOnlyList<Petition> rows)
    {
        var names = await RecordRules.UnitNamesAsync(db, rows.Select(r => r.UnitId));
        var topics = await db.Topics.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name);
        var handled = await HandledUnitsAsync(db, scope, rows.Select(r => r.UnitId));
        var today = db.Clock.Today;
        return [.. rows.Select(p =>
        {
            var own = handled.Contains(p.UnitId);
            // The tracking code lets its holder reopen the petition: only for those who handle it.
            return new PetitionDto(p.Id, own ? p.Code : $"#{p.Id}", p.UnitId, names.GetValueOrDefault(p.UnitId, "?"), p.Channel, p.Kind, p.Competence, p.TopicId,
                p.TopicId is int t ? topics.GetValueOrDefault(t) : null, p.ReceivedOn, p.Content, p.PublicSummary, p.Anonymous,
                own ? p.PetitionerName : null, own ? p.PetitionerContact : null, own ? p.PetitionerAddress : null, p.VoterMeetingId, p.Status,
                PetitionLabels.Status(p.Status), p.DueDate, p.IsOverdue(today), p.AgencyId, p.ForwardedOn, p.Answer, p.AnswerDocument, p.AnsweredBy,
                p.AnsweredOn, p.AnsweredLate, p.PublishedOn, p.TransferredTo, p.DuplicateOfId, p.Reason, p.Reopened, p.Version);
        })];
    }

    /// <summary>
    /// The units whose petitions the account handles, so it may see the petitioners' identities: a writer of the
    /// commune (or group) they were sent to, or of the very unit above that received them. Upper levels read the
    /// content and the handling, not who wrote.
    /// </summary>
    public static async Task<HashSet<int>> HandledUnitsAsync(AppDb db, UnitScope scope, IEnumerable<int> unitIds)
    {
        var ids = unitIds.Distinct().ToList();
        var home = await scope.HomeAsync();
        if (home is not { ValidTo: null } || !scope.IsWriter) return [];
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Path }).ToListAsync();
        return [.. units.Where(u => u.Id == home.Id || home.Level >= UnitLevel.Commune && u.Path.StartsWith(home.Path, StringComparison.Ordinal)).Select(u => u.Id)];
    }
}

/// <summary>API for petitions (/api/v1/petitions…), topics and agencies, scoped like the pages; the public side is <see cref="Public.Open311Api"/>.</summary>
public static class PetitionsApi
{
    public static RouteGroupBuilder MapPetitions(this RouteGroupBuilder api)
    {
        api.MapGet("/petitions", List);
        api.MapPost("/petitions", Create);
        api.MapGet("/petitions/{id:int}", Get);
        api.MapGet("/petitions/{id:int}/events", Events);
        api.MapPost("/petitions/{id:int}/actions", Act);
        api.MapPost("/petitions/{id:int}/erase-identity", Erase);
        api.MapGet("/petitions/{id:int}/personal-data", PersonalData);
        api.MapGet("/topics", Topics);
        api.MapGet("/agencies", Agencies);
        api.MapPost("/agencies", CreateAgency);
        return api;
    }

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: 404, title: RecordRules.NotFound);

    private static async Task<Results<Ok<PageDto<PetitionDto>>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> List(int? unit, string? status, int? topicId,
        PetitionChannel? channel, string? q, string? period, int? page, int? pageSize, AppDb db, UnitScope scope)
    {
        var (query, _, fail) = await PetitionQueries.ListAsync(db, scope, new PetitionFilter(unit, status, topicId, channel, q, period));
        if (fail is not null) return RecordsApi.Failed<Ok<PageDto<PetitionDto>>>(fail);
        var size = Math.Clamp(pageSize ?? 50, 1, 200);
        var number = Math.Clamp(page ?? 1, 1, 100_000);
        var total = await query!.CountAsync();
        var rows = await query!.OrderByDescending(p => p.ReceivedOn).ThenByDescending(p => p.Id).Skip((number - 1) * size).Take(size).ToListAsync();
        return TypedResults.Ok(new PageDto<PetitionDto>(await PetitionQueries.DtosAsync(db, scope, rows), total, number, size));
    }

    private static async Task<Results<Created<PetitionDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Create(PetitionInput input, AppDb db, UnitScope scope, PetitionFlow flow)
    {
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, input.UnitId);
        if (fail is not null) return RecordsApi.Failed<Created<PetitionDto>>(fail);
        var errors = await flow.ValidateAsync(input, unit!);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Dữ liệu chưa hợp lệ.");
        var p = await flow.ReceiveAsync(input, scope.User.Identity?.Name ?? "?");
        return TypedResults.Created($"/api/v1/petitions/{p.Id}", (await PetitionQueries.DtosAsync(db, scope, [p]))[0]);
    }

    private static async Task<Results<Ok<PetitionDto>, ProblemHttpResult>> Get(int id, AppDb db, UnitScope scope) =>
        await RecordRules.ForReadAsync(db, scope, db.Petitions, id, p => p.UnitId) is ({ } p, _)
            ? TypedResults.Ok((await PetitionQueries.DtosAsync(db, scope, [p]))[0]) : NotFound();

    private static async Task<Results<Ok<List<PetitionEventDto>>, ProblemHttpResult>> Events(int id, AppDb db, UnitScope scope)
    {
        if (await RecordRules.ForReadAsync(db, scope, db.Petitions, id, p => p.UnitId) is not ({ }, _)) return NotFound();
        return TypedResults.Ok(await db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == id && !e.Public).OrderBy(e => e.Id)
            .Select(e => new PetitionEventDto(e.At, e.By, e.From, e.To, e.Action, e.Note)).ToListAsync());
    }

    private static async Task<Results<Ok<PetitionDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Act(int id, ActionInput input, AppDb db, UnitScope scope, PetitionFlow flow)
    {
        var (p, unit, fail) = await RecordRules.ForWriteAsync(db, scope, db.Petitions, id, x => x.UnitId, input.Version);
        fail ??= await flow.ApplyAsync(p!, unit!, input, scope.User.Identity?.Name ?? "?");
        if (fail is not null) return RecordsApi.Failed<Ok<PetitionDto>>(fail);
        return TypedResults.Ok((await PetitionQueries.DtosAsync(db, scope, [p!]))[0]);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Erase(int id, long? version, AppDb db, UnitScope scope, PetitionFlow flow)
    {
        var (p, _, fail) = await RecordRules.ForWriteAsync(db, scope, db.Petitions, id, x => x.UnitId, version);
        if (fail is null && !(await PetitionQueries.HandledUnitsAsync(db, scope, [p!.UnitId])).Contains(p.UnitId)) fail = new Fail(403, RecordRules.NoWrite);
        fail ??= await flow.EraseIdentityAsync(p!, scope.User.Identity?.Name ?? "?");
        return fail is not null ? RecordsApi.Failed<NoContent>(fail) : TypedResults.NoContent();
    }

    /// <summary>The petitioner's data, for the officers who may see it (403 for others, 404 outside the scope or without an identity).</summary>
    private static async Task<Results<Ok<PersonalData>, ProblemHttpResult, ForbidHttpResult>> PersonalData(int id, AppDb db, UnitScope scope, PetitionFlow flow)
    {
        if (await RecordRules.ForReadAsync(db, scope, db.Petitions, id, p => p.UnitId) is not ({ } p, _)) return NotFound();
        if (!(await PetitionQueries.HandledUnitsAsync(db, scope, [p.UnitId])).Contains(p.UnitId)) return TypedResults.Forbid();
        if (p.PetitionerName is null) return TypedResults.Problem(statusCode: 404, title: "Ý kiến này không có thông tin cá nhân của người gửi.");
        return TypedResults.Ok(await flow.ExportAsync(p, scope, scope.User.Identity?.Name ?? "?"));
    }

    private static async Task<Ok<List<TopicDto>>> Topics(AppDb db) =>
        TypedResults.Ok(await db.Topics.AsNoTracking().Where(t => !t.Retired).OrderBy(t => t.SortOrder)
            .Select(t => new TopicDto(t.Id, t.Code, t.Name, t.Abbreviation, t.Group)).ToListAsync());

    private static async Task<Results<Ok<List<AgencyDto>>, ProblemHttpResult>> Agencies(int? unit, AppDb db, UnitScope scope, PetitionFlow flow)
    {
        var u = unit is int id ? await Units.UnitsApi.FindReadableAsync(id, db, scope) : await scope.HomeAsync();
        if (u is null) return NotFound();
        return TypedResults.Ok(await flow.AgenciesFor(u).OrderBy(a => a.Name).Select(a => new AgencyDto(a.Id, a.UnitId, a.Name, a.Contact)).ToListAsync());
    }

    private static async Task<Results<Created<AgencyDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> CreateAgency(AgencyInput input, AppDb db, UnitScope scope)
    {
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, input.UnitId);
        fail ??= AgencyRules.Validate(input);
        if (fail is not null) return RecordsApi.Failed<Created<AgencyDto>>(fail);
        var a = await AgencyRules.CreateAsync(db, unit!, input);
        return TypedResults.Created($"/api/v1/agencies/{a.Id}", new AgencyDto(a.Id, a.UnitId, a.Name, a.Contact));
    }
}

public static class AgencyRules
{
    public static Fail? Validate(AgencyInput input)
    {
        var e = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Name)) RecordRules.Add(e, "Name", "Nhập tên cơ quan, đơn vị.");
        else if (input.Name.Trim().Length > 300) RecordRules.Add(e, "Name", "Tên cơ quan dài tối đa 300 ký tự.");
        if (input.Contact?.Trim().Length > 300) RecordRules.Add(e, "Contact", "Thông tin liên hệ dài tối đa 300 ký tự.");
        return e.Count > 0 ? RecordRules.Invalid(e) : null;
    }

    public static async Task<Agency> CreateAsync(AppDb db, Unit unit, AgencyInput input)
    {
        var a = new Agency { UnitId = unit.Id, Name = input.Name!.Trim(), Contact = string.IsNullOrWhiteSpace(input.Contact) ? null : input.Contact.Trim() };
        db.Agencies.Add(a);
        await db.SaveChangesAsync();
        return a;
    }
}
