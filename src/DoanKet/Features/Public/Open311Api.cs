using System.Text.Json.Serialization;
using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Petitions;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Public;

/// <summary>GeoReport v2 "service": a topic group of opinions.</summary>
public sealed record Open311Service(
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("service_name")] string ServiceName,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("metadata")] bool Metadata,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("keywords")] string Keywords,
    [property: JsonPropertyName("group")] string Group);

/// <summary>GeoReport v2 "request" with DoanKet's own status beside the two the standard knows. Never a petitioner's identity.</summary>
public sealed record Open311Request(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_notes")] string? StatusNotes,
    [property: JsonPropertyName("service_name")] string? ServiceName,
    [property: JsonPropertyName("service_code")] string? ServiceCode,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("agency_responsible")] string? AgencyResponsible,
    [property: JsonPropertyName("service_notice")] string? ServiceNotice,
    [property: JsonPropertyName("requested_datetime")] DateTimeOffset RequestedDatetime,
    [property: JsonPropertyName("updated_datetime")] DateTimeOffset? UpdatedDatetime,
    [property: JsonPropertyName("expected_datetime")] DateTimeOffset? ExpectedDatetime,
    [property: JsonPropertyName("address")] string? Address,
    [property: JsonPropertyName("doanket_status")] string DoanKetStatus,
    [property: JsonPropertyName("doanket_status_label")] string DoanKetStatusLabel,
    [property: JsonPropertyName("doanket_answer")] string? DoanKetAnswer);

/// <summary>
/// Open311 GeoReport v2, read-only (/open311/v2/services.json, requests.json, requests/{id}.json). Requests are the
/// petitions that are not denunciations; the description is the summary an officer checked for publication (none
/// before that), the answer only once published; ids are record numbers, never the citizen's tracking code.
/// </summary>
public static class Open311Api
{
    public static void MapOpen311(this WebApplication app)
    {
        var g = app.MapGroup("/open311/v2").AllowAnonymous().WithTags("Open311");
        g.MapGet("/services.json", Services);
        g.MapGet("/requests.json", Requests);
        g.MapGet("/requests/{id:int}.json", Request);
    }

    private static async Task<Ok<List<Open311Service>>> Services(AppDb db) =>
        TypedResults.Ok((await db.Topics.AsNoTracking().Where(t => !t.Retired).OrderBy(t => t.SortOrder).ToListAsync())
            .Select(t => new Open311Service(t.Code, t.Name, $"Ý kiến, kiến nghị về {t.Name.ToLowerInvariant()}", false, "realtime", t.Abbreviation ?? "", t.Group)).ToList());

    private static IQueryable<Petition> Listed(AppDb db) => db.Petitions.AsNoTracking().Where(p => p.Kind != PetitionKind.Denunciation);

    /// <summary>Filters of the standard: service_code, start_date, end_date, status (open|closed); plus jurisdiction_id (a unit's id: it and below) and page.</summary>
    private static async Task<Results<Ok<List<Open311Request>>, ProblemHttpResult>> Requests(string? service_code, DateTimeOffset? start_date, DateTimeOffset? end_date,
        string? status, int? jurisdiction_id, int? page, AppDb db)
    {
        var q = Listed(db);
        if (!string.IsNullOrWhiteSpace(service_code))
        {
            var topic = await db.Topics.AsNoTracking().FirstOrDefaultAsync(t => t.Code == service_code);
            if (topic is null) return TypedResults.Problem(statusCode: 404, title: "Không có loại ý kiến (service_code) này.");
            q = q.Where(p => p.TopicId == topic.Id);
        }
        if (start_date is { } s) { var d = DateOnly.FromDateTime(s.ToOffset(Clock.VietnamOffset).DateTime); q = q.Where(p => p.ReceivedOn >= d); }
        if (end_date is { } e) { var d = DateOnly.FromDateTime(e.ToOffset(Clock.VietnamOffset).DateTime); q = q.Where(p => p.ReceivedOn <= d); }
        if (status is not (null or "" or "open" or "closed")) return TypedResults.Problem(statusCode: 400, title: "status chỉ nhận open hoặc closed.");
        if (status == "open") q = q.Where(p => Petition.OpenStatuses.Contains(p.Status));
        if (status == "closed") q = q.Where(p => !Petition.OpenStatuses.Contains(p.Status));
        if (jurisdiction_id is int j)
        {
            var unit = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(u => u.Id == j);
            if (unit is null) return TypedResults.Problem(statusCode: 404, title: "Không có đơn vị (jurisdiction_id) này.");
            var (lo, hi) = Infrastructure.UnitScope.PathRange(unit.Path);
            q = q.Where(p => db.Units.IgnoreQueryFilters().Any(u => u.Id == p.UnitId && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0));
        }
        var rows = await q.OrderByDescending(p => p.ReceivedOn).ThenByDescending(p => p.Id).Skip((Math.Clamp(page ?? 1, 1, 10_000) - 1) * 200).Take(200).ToListAsync();
        return TypedResults.Ok(await ToOpen311Async(db, rows));
    }

    private static async Task<Results<Ok<List<Open311Request>>, ProblemHttpResult>> Request(int id, AppDb db) =>
        await Listed(db).FirstOrDefaultAsync(p => p.Id == id) is { } p
            ? TypedResults.Ok(await ToOpen311Async(db, [p]))
            : TypedResults.Problem(statusCode: 404, title: "Không có ý kiến này.");

    private static async Task<List<Open311Request>> ToOpen311Async(AppDb db, List<Petition> rows)
    {
        var topics = await db.Topics.AsNoTracking().ToDictionaryAsync(t => t.Id);
        var agencyIds = rows.Where(p => p.AgencyId != null).Select(p => p.AgencyId!.Value).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name);
        var units = await Records.RecordRules.UnitNamesAsync(db, rows.Select(p => p.UnitId));
        var ids = rows.Select(p => p.Id).ToList();
        var updated = await db.PetitionEvents.AsNoTracking().Where(e => ids.Contains(e.PetitionId) && e.Public).GroupBy(e => e.PetitionId)
            .Select(g => new { g.Key, At = g.Max(e => e.At) }).ToDictionaryAsync(x => x.Key, x => x.At);
        return [.. rows.Select(p =>
        {
            var topic = p.TopicId is int t ? topics.GetValueOrDefault(t) : null;
            var open = p.IsOpen;
            DateTimeOffset At(DateOnly d) => new(d.ToDateTime(TimeOnly.MinValue), Clock.VietnamOffset);
            return new Open311Request(
                p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), open ? "open" : "closed",
                p.Status == PetitionStatus.Transferred ? $"Chuyển đến {p.TransferredTo}: {p.Reason}" : null,
                topic?.Name, topic?.Code, p.AnswerPublic ? p.PublicSummary : null,
                p.Status == PetitionStatus.Transferred ? p.TransferredTo : p.AgencyId is int a ? agencies.GetValueOrDefault(a) : units.GetValueOrDefault(p.UnitId),
                null, At(p.ReceivedOn), updated.TryGetValue(p.Id, out var u) ? new DateTimeOffset(DateTime.SpecifyKind(u, DateTimeKind.Utc)) : null,
                open && p.DueDate is { } due ? At(due) : null, units.GetValueOrDefault(p.UnitId),
                Key(p.Status), PetitionLabels.Status(p.Status), p.AnswerPublic ? p.Answer : null);
        })];
    }

    /// <summary>DoanKet's status as a stable snake_case word for machines.</summary>
    public static string Key(PetitionStatus s) => s switch
    {
        PetitionStatus.Received => "received",
        PetitionStatus.Classified => "classified",
        PetitionStatus.Forwarded => "forwarded",
        PetitionStatus.Answered => "answer_received",
        PetitionStatus.Checked => "answer_checked",
        PetitionStatus.Published => "published",
        PetitionStatus.Closed => "closed",
        PetitionStatus.Transferred => "transferred",
        PetitionStatus.Duplicate => "duplicate",
        _ => "closed_unresolved",
    };
}
