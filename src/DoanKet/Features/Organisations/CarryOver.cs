using DoanKet.Data;
using DoanKet.Domain.Organisations;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Organisations;

public sealed record CarryOverInput(OrganisationKind Kind, IReadOnlyList<int>? LeaverPostIds, bool Apply);
public sealed record CarriedMember(int PostId, string FullName, string Position, string FromUnit, bool Leaves);
public sealed record CarryOverPlan(Dictionary<string, string[]> Errors, string? Organisation, bool NewOrganisation, List<CarriedMember> Members, DateOnly? Date)
{
    public int Carried => Members.Count(m => !m.Leaves);
}

/// <summary>
/// After units merge, brings the predecessors' committee or board into the successor: the new body is
/// the predecessors' members on the day before minus the leavers. The predecessors keep their history;
/// their open posts end on the day of the change.
/// </summary>
public sealed class CarryOver(AppDb db)
{
    public async Task<CarryOverPlan> RunAsync(Unit successor, CarryOverInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var edges = await db.UnitLineages.AsNoTracking().Include(e => e.Change).Where(e => e.ToUnitId == successor.Id).ToListAsync();
        if (edges.Count == 0 || successor.ValidTo is not null)
        {
            errors["UnitId"] = ["Đơn vị này không được hình thành từ đơn vị khác (hoặc đã kết thúc): không có gì để kế thừa."];
            return new(errors, null, false, [], null);
        }
        if (!Enum.IsDefined(input.Kind)) errors["Kind"] = ["Chọn loại tổ chức."];
        var date = edges.Max(e => e.Change!.EffectiveDate);
        var sourceIds = edges.Select(e => e.FromUnitId).ToList();
        var sourceUnits = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => sourceIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        var oldOrgs = await db.Organisations.Where(o => sourceIds.Contains(o.UnitId) && o.Kind == input.Kind).ToListAsync();
        var oldOrgIds = oldOrgs.Select(o => o.Id).ToList();
        var dayBefore = date.AddDays(-1);
        var posts = await db.Posts.Include(p => p.Person)
            .Where(p => oldOrgIds.Contains(p.OrganisationId) && p.StartDate <= dayBefore && (p.EndDate == null || p.EndDate > dayBefore))
            .OrderBy(p => p.Position).ToListAsync();
        if (posts.Count == 0 && errors.Count == 0) errors["Kind"] = [$"Đơn vị cũ không có {Organisation.Label(input.Kind)} có thành viên vào ngày {dayBefore:dd/MM/yyyy}."];
        var leavers = (input.LeaverPostIds ?? []).ToHashSet();
        if (leavers.Any(id => posts.All(p => p.Id != id))) errors["LeaverPostIds"] = ["Có người thôi không thuộc danh sách kế thừa."];

        var target = await db.Organisations.FirstOrDefaultAsync(o => o.UnitId == successor.Id && o.Kind == input.Kind);
        var members = posts.Select(p => new CarriedMember(p.Id, p.Person!.FullName, Post.Label(p.Position),
            sourceUnits[oldOrgs.First(o => o.Id == p.OrganisationId).UnitId].FullName, leavers.Contains(p.Id))).ToList();
        var name = target?.Name ?? $"{Organisation.Label(input.Kind)} {successor.FullName}";
        if (errors.Count > 0 || !input.Apply) return new(errors, name, target is null, members, date);

        await using var tx = await db.Database.BeginTransactionAsync();
        if (target is null)
        {
            target = new Organisation { UnitId = successor.Id, Kind = input.Kind, Name = name, ValidFrom = date, CreatedAt = db.Clock.UtcNow };
            db.Organisations.Add(target);
            await db.SaveChangesAsync();
        }
        var already = await db.Posts.Where(p => p.OrganisationId == target.Id && (p.EndDate == null || p.EndDate > date)).Select(p => p.PersonId).ToListAsync();
        foreach (var p in posts)
        {
            p.EndDate = date;
            if (leavers.Contains(p.Id) || already.Contains(p.PersonId)) continue;
            already.Add(p.PersonId);
            // Chairs of several merged committees cannot all stay chair: everyone comes in as a member
            // and the new leadership is then elected or co-opted.
            db.Posts.Add(new Post
            {
                PersonId = p.PersonId, OrganisationId = target.Id, Position = Position.Member,
                FullTime = p.FullTime, StartDate = date, Decision = "Kế thừa khi sáp nhập đơn vị",
            });
        }
        foreach (var o in oldOrgs) o.ValidTo ??= date;
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return new(errors, name, false, members, date);
    }
}
