using Microsoft.AspNetCore.Mvc;
using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Audit;

public sealed record AuditDto(long Id, DateTime At, string? UserName, string Entity, string EntityId, string Action, string? Before, string? After);

public static class AuditApi
{
    public static void MapAudit(this RouteGroupBuilder api) => api.MapGet("/audit/units/{id:int}", ForUnit);

    private static async Task<Results<Ok<List<AuditDto>>, ProblemHttpResult>> ForUnit(int id, AppDb db, UnitScope scope)
    {
        if (!await scope.CanReadAsync(id)) return UnitsApi.NotFoundProblem();
        return TypedResults.Ok((await AuditTrail.ForAsync(db, nameof(Domain.Units.Unit), id))
            .Select(a => new AuditDto(a.Id, a.At, a.UserName, a.Entity, a.EntityId, a.Action, a.Before, a.After)).ToList());
    }
}

public static class AuditTrail
{
    public static Task<List<AuditEntry>> ForAsync(AppDb db, string entity, int id)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return db.AuditEntries.AsNoTracking().Where(a => a.Entity == entity && a.EntityId == key)
            .OrderByDescending(a => a.Id).Take(200).ToListAsync();
    }
}
