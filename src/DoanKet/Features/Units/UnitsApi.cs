using Microsoft.AspNetCore.Mvc;
using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Units;

public sealed record UnitDto(int Id, string? Code, string Name, string FullName, UnitKind Kind, UnitLevel Level, int? ParentId,
    string Path, DateOnly ValidFrom, DateOnly? ValidTo, bool Illustrative, string? Address, string? Phone, string? Email,
    int? Households, long Version)
{
    public static UnitDto From(Unit u) => new(u.Id, u.Code, u.Name, u.FullName, u.Kind, u.Level, u.ParentId, u.Path, u.ValidFrom,
        u.ValidTo, u.Illustrative, u.Address, u.Phone, u.Email, u.Households, u.Version);
}

public sealed record WeightedUnitDto(UnitDto Unit, double Weight);
public sealed record LineageDto(string Direction, int ChangeId, UnitChangeKind Kind, DateOnly EffectiveDate, string LegalBasis, UnitDto Other, double Weight);
public sealed record UnitDetailsInput(string? Address, string? Phone, string? Email, int? Households, string? Note, long Version);

public static class UnitsApi
{
    public static void MapUnits(this RouteGroupBuilder api)
    {
        api.MapGet("/units", List);
        api.MapGet("/units/{id:int}", Get);
        api.MapGet("/units/{id:int}/successors", Successors);
        api.MapGet("/units/{id:int}/predecessors", Predecessors);
        api.MapGet("/units/{id:int}/history", History);
        api.MapPut("/units/{id:int}", Update);
        api.MapDelete("/units/{id:int}", Delete);
        api.MapPost("/units/{id:int}/restore", Restore);
        api.MapGet("/units/deleted", Deleted);
        api.MapPost("/unit-changes/preview", Preview);
        api.MapPost("/unit-changes", Apply);
    }

    private static async Task<Ok<List<UnitDto>>> List(AppDb db, UnitScope scope, DateOnly? at, string? q, int? parentId, UnitLevel? level)
    {
        var units = await scope.ReadableAsync(db.Units.AsNoTracking());
        if (at is not null) units = units.ValidOn(at.Value);
        if (parentId is not null) units = units.Where(u => u.ParentId == parentId);
        if (level is not null) units = units.Where(u => u.Level == level);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var folded = Text.Fold(q);
            units = units.Where(u => u.NameFolded.Contains(folded) || u.Code == q.Trim());
        }
        var list = await units.OrderBy(u => u.Path).Take(500).ToListAsync();
        return TypedResults.Ok(list.Select(UnitDto.From).ToList());
    }

    private static async Task<Results<Ok<UnitDto>, ProblemHttpResult>> Get(int id, AppDb db, UnitScope scope)
    {
        var unit = await FindReadableAsync(id, db, scope);
        return unit is null ? NotFoundProblem() : TypedResults.Ok(UnitDto.From(unit));
    }

    private static async Task<Results<Ok<List<WeightedUnitDto>>, ProblemHttpResult>> Successors(int id, DateOnly? at, AppDb db, UnitScope scope, UnitLineageQueries lineage) =>
        await FindReadableAsync(id, db, scope) is null
            ? NotFoundProblem()
            : TypedResults.Ok((await lineage.SuccessorsAsync(id, at ?? db.Clock.Today)).Select(w => new WeightedUnitDto(UnitDto.From(w.Unit), w.Weight)).ToList());

    private static async Task<Results<Ok<List<WeightedUnitDto>>, ProblemHttpResult>> Predecessors(int id, DateOnly at, AppDb db, UnitScope scope, UnitLineageQueries lineage) =>
        await FindReadableAsync(id, db, scope) is null
            ? NotFoundProblem()
            : TypedResults.Ok((await lineage.PredecessorsAsync(id, at)).Select(w => new WeightedUnitDto(UnitDto.From(w.Unit), w.Weight)).ToList());

    private static async Task<Results<Ok<List<LineageDto>>, ProblemHttpResult>> History(int id, AppDb db, UnitScope scope)
    {
        if (await FindReadableAsync(id, db, scope) is null) return NotFoundProblem();
        return TypedResults.Ok((await UnitHistory.LoadAsync(db, id))
            .Select(h => new LineageDto(h.Incoming ? "from" : "to", h.Change.Id, h.Change.Kind, h.Change.EffectiveDate, h.Change.LegalBasis, UnitDto.From(h.Other), h.Weight))
            .ToList());
    }

    private static async Task<Results<Ok<UnitDto>, ProblemHttpResult, ForbidHttpResult, ValidationProblem>> Update(
        int id, UnitDetailsInput input, AppDb db, UnitScope scope)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id);
        if (unit is null || !await scope.CanReadAsync(id)) return NotFoundProblem();
        if (!await scope.CanWriteAsync(unit)) return TypedResults.Forbid();
        if (unit.ValidTo is not null)
            return TypedResults.Problem(statusCode: 409, title: "Đơn vị đã kết thúc; chỉ sửa được phiên bản đang hiệu lực.");
        var errors = UnitDetails.Validate(input);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Dữ liệu chưa hợp lệ.");
        UnitDetails.Apply(db, unit, input);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: 409, title: UnitDetails.ConflictMessage);
        }
        return TypedResults.Ok(UnitDto.From(unit));
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ForbidHttpResult>> Delete(int id, AppDb db, UnitScope scope)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id);
        if (unit is null || !await scope.CanReadAsync(id)) return NotFoundProblem();
        if (!await scope.CanAdministerAsync(unit)) return TypedResults.Forbid();
        var blocker = await UnitDetails.DeleteBlockerAsync(db, unit);
        if (blocker is not null) return TypedResults.Problem(statusCode: 409, title: blocker);
        db.Units.Remove(unit);
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UnitDto>, ProblemHttpResult, ForbidHttpResult>> Restore(int id, AppDb db, UnitScope scope)
    {
        var unit = await db.Units.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Id == id && u.DeletedAt != null);
        if (unit is null || !await scope.CanReadAsync(id)) return NotFoundProblem();
        if (!await scope.CanAdministerAsync(unit)) return TypedResults.Forbid();
        unit.DeletedAt = null;
        unit.DeletedBy = null;
        await db.SaveChangesAsync();
        return TypedResults.Ok(UnitDto.From(unit));
    }

    private static async Task<Results<Ok<List<UnitDto>>, ForbidHttpResult>> Deleted(AppDb db, UnitScope scope)
    {
        if (!scope.IsAdmin) return TypedResults.Forbid();
        var units = await scope.ReadableAsync(db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => u.DeletedAt != null));
        return TypedResults.Ok((await units.OrderByDescending(u => u.DeletedAt).Take(500).ToListAsync()).Select(UnitDto.From).ToList());
    }

    private static Task<Results<Ok<UnitChangePlan>, ValidationProblem, ForbidHttpResult>> Preview(UnitChangeRequest request, UnitChanges changes, UnitScope scope) =>
        RunChange(request, changes, scope, apply: false);

    private static Task<Results<Ok<UnitChangePlan>, ValidationProblem, ForbidHttpResult>> Apply(UnitChangeRequest request, UnitChanges changes, UnitScope scope) =>
        RunChange(request, changes, scope, apply: true);

    private static async Task<Results<Ok<UnitChangePlan>, ValidationProblem, ForbidHttpResult>> RunChange(UnitChangeRequest request, UnitChanges changes, UnitScope scope, bool apply)
    {
        var home = await scope.HomeAsync();
        if (home is not { ValidTo: null } || !scope.IsAdmin) return TypedResults.Forbid();
        var request2 = request with { SourceIds = request.SourceIds ?? [], Targets = request.Targets ?? [] };
        var plan = apply
            ? await changes.ApplyAsync(request2, u => UnitScope.Covers(home, u))
            : await changes.PreviewAsync(request2, u => UnitScope.Covers(home, u));
        return plan.IsValid
            ? TypedResults.Ok(plan)
            : TypedResults.ValidationProblem(plan.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: "Thay đổi chưa hợp lệ.");
    }

    internal static async Task<Unit?> FindReadableAsync(int id, AppDb db, UnitScope scope)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id);
        return unit is not null && await scope.CanReadAsync(id) ? unit : null;
    }

    internal static ProblemHttpResult NotFoundProblem() =>
        TypedResults.Problem(statusCode: 404, title: "Không tìm thấy, hoặc bạn không có quyền xem.");
}

public sealed record UnitHistoryItem(bool Incoming, UnitChange Change, Unit Other, double Weight);

/// <summary>Lineage around one unit version, shared by its page and the API.</summary>
public static class UnitHistory
{
    public static async Task<List<UnitHistoryItem>> LoadAsync(AppDb db, int unitId)
    {
        var edges = await db.UnitLineages.AsNoTracking().Include(e => e.Change)
            .Where(e => e.FromUnitId == unitId || e.ToUnitId == unitId).ToListAsync();
        var otherIds = edges.Select(e => e.FromUnitId == unitId ? e.ToUnitId : e.FromUnitId).ToList();
        var others = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => otherIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        return [.. edges
            .Select(e => new UnitHistoryItem(e.ToUnitId == unitId, e.Change!, others[e.FromUnitId == unitId ? e.ToUnitId : e.FromUnitId], e.Weight))
            .OrderBy(h => h.Change.EffectiveDate).ThenBy(h => h.Incoming ? 0 : 1)];
    }
}

/// <summary>The editable attributes of a unit (not its identity, which only changes by a UnitChange).</summary>
public static class UnitDetails
{
    public const string ConflictMessage = "Đơn vị vừa được người khác sửa. Tải lại trang để xem bản mới rồi sửa lại.";

    public static Dictionary<string, string[]> Validate(UnitDetailsInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Address?.Length > 400) errors["Address"] = ["Địa chỉ dài tối đa 400 ký tự."];
        if (input.Phone is { Length: > 0 } phone && !System.Text.RegularExpressions.Regex.IsMatch(phone, @"^[0-9+ .()-]{6,30}$"))
            errors["Phone"] = ["Số điện thoại chỉ gồm chữ số, dấu cách, + . ( ) -, từ 6 đến 30 ký tự."];
        if (input.Email is { Length: > 0 } email && (email.Length > 200 || !System.Net.Mail.MailAddress.TryCreate(email, out _)))
            errors["Email"] = ["Thư điện tử không hợp lệ, ví dụ: mttq.ngoclam@hanoi.gov.vn."];
        if (input.Households is < 0 or > 10_000_000) errors["Households"] = ["Số hộ phải từ 0 đến 10.000.000."];
        if (input.Note?.Length > 2000) errors["Note"] = ["Ghi chú dài tối đa 2.000 ký tự."];
        return errors;
    }

    public static void Apply(AppDb db, Unit unit, UnitDetailsInput input)
    {
        // The version the user read: if someone saved since, SaveChanges throws instead of overwriting.
        db.Entry(unit).Property(u => u.Version).OriginalValue = input.Version;
        unit.Address = Clean(input.Address);
        unit.Phone = Clean(input.Phone);
        unit.Email = Clean(input.Email);
        unit.Households = input.Households;
        unit.Note = Clean(input.Note);
    }

    /// <summary>Only a unit entered by mistake can be deleted: no lineage, no sub-units, no accounts.</summary>
    public static async Task<string?> DeleteBlockerAsync(AppDb db, Unit unit)
    {
        if (await db.UnitLineages.AnyAsync(e => e.FromUnitId == unit.Id || e.ToUnitId == unit.Id))
            return "Đơn vị đã có lịch sử sáp nhập, chia tách…: không xóa được. Hãy dùng “Thay đổi đơn vị” để kết thúc đơn vị.";
        if (await db.Units.AnyAsync(u => u.ParentId == unit.Id))
            return "Đơn vị còn đơn vị trực thuộc: không xóa được.";
        if (await db.Activities.IgnoreQueryFilters().AnyAsync(x => x.UnitId == unit.Id)
            || await db.Conferences.IgnoreQueryFilters().AnyAsync(x => x.UnitId == unit.Id)
            || await db.Initiatives.IgnoreQueryFilters().AnyAsync(x => x.UnitId == unit.Id)
            || await db.UnityDays.IgnoreQueryFilters().AnyAsync(x => x.UnitId == unit.Id)
            || await db.Commendations.IgnoreQueryFilters().AnyAsync(x => x.UnitId == unit.Id)
            || await db.Targets.IgnoreQueryFilters().AnyAsync(x => x.UnitId == unit.Id))
            return "Đơn vị đã có số liệu công tác (hoạt động, hội nghị, mô hình, Ngày hội, khen thưởng, chỉ tiêu): không xóa được. "
                + "Hãy dùng “Thay đổi đơn vị” để kết thúc đơn vị.";
        if (await db.Users.AnyAsync(a => a.UnitId == unit.Id))
            return "Còn tài khoản gắn với đơn vị: chuyển các tài khoản sang đơn vị khác trước.";
        return null;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
