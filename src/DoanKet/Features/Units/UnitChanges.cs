using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Units;

/// <summary>A unit version to create: name, kind, official code, parent, and share of the source (split).</summary>
public sealed record NewUnit(string Name, UnitKind Kind, string? Code, int? ParentId, double Weight = 1, int? Households = null);

public sealed record UnitChangeRequest(
    UnitChangeKind Kind,
    DateOnly EffectiveDate,
    string LegalBasis,
    string? Note,
    IReadOnlyList<int> SourceIds,
    IReadOnlyList<NewUnit> Targets,
    // Split: which new unit each child of the source goes to (child id → index in Targets).
    IReadOnlyDictionary<int, int>? ChildTargets = null,
    // Accounts bound to a merged or split unit are rebound only when asked (account id → index in Targets).
    IReadOnlyDictionary<string, int>? Rebind = null);

public sealed record PlannedUnit(int Id, string FullName, string? Code, string ParentName, string Path, bool Amended);
public sealed record PlannedAccount(string Id, string Email, string FromUnit, string? ToUnit);

/// <summary>What a change does: the preview shows it; applying it does exactly the same.</summary>
public sealed class UnitChangePlan
{
    public Dictionary<string, List<string>> Errors { get; } = [];
    public List<PlannedUnit> Ending { get; } = [];
    public List<PlannedUnit> Created { get; } = [];
    public List<PlannedAccount> Accounts { get; } = [];
    public List<string> Edges { get; } = [];
    public int? ChangeId { get; set; }
    public bool IsValid => Errors.Count == 0;

    public void Error(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var list)) Errors[field] = list = [];
        list.Add(message);
    }
}

/// <summary>
/// Applies a change to the unit tree in one transaction: ends the source versions, creates the new
/// ones, re-versions every descendant whose path changes, writes lineage edges, rebinds accounts and
/// recomputes "as now". A preview runs the same code and rolls back, so it can never disagree.
/// </summary>
public sealed class UnitChanges(AppDb db, UnitLineageQueries lineage, RecordWriter records, IHttpContextAccessor http)
{
    public Task<UnitChangePlan> PreviewAsync(UnitChangeRequest request, Func<Unit, bool> mayAdminister) =>
        RunAsync(request, mayAdminister, commit: false);

    public Task<UnitChangePlan> ApplyAsync(UnitChangeRequest request, Func<Unit, bool> mayAdminister) =>
        RunAsync(request, mayAdminister, commit: true);

    private async Task<UnitChangePlan> RunAsync(UnitChangeRequest r, Func<Unit, bool> mayAdminister, bool commit)
    {
        var plan = new UnitChangePlan();
        // JSON may carry null entries ("targets": [null]): refuse them instead of failing with a 500.
        if (r.Targets.Any(t => t is null))
        {
            plan.Error("Targets", "Khai báo đầy đủ từng đơn vị mới (tên, loại, đơn vị cấp trên).");
            return plan;
        }
        var sources = await db.Units.Where(u => r.SourceIds.Contains(u.Id)).ToListAsync();
        var parentIds = r.Targets.Where(t => t.ParentId is not null).Select(t => t.ParentId!.Value).ToList();
        var parents = await db.Units.Where(u => parentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        Validate(r, sources, parents, mayAdminister, plan);
        if (!plan.IsValid) return plan;
        sources = [.. r.SourceIds.Select(id => sources.First(s => s.Id == id))];
        await ValidateDescendantsAsync(r, sources, mayAdminister, plan);
        if (!plan.IsValid) return plan;

        var ownTransaction = db.Database.CurrentTransaction is null;
        await using var tx = ownTransaction ? await db.Database.BeginTransactionAsync() : null;
        var change = new UnitChange
        {
            Kind = r.Kind, EffectiveDate = r.EffectiveDate, LegalBasis = r.LegalBasis.Trim(),
            Note = string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim(), CreatedAt = db.Clock.UtcNow,
            CreatedBy = http.HttpContext?.User.Identity?.Name ?? AuditInterceptor.Actor.Value,
        };
        db.UnitChanges.Add(change);
        var date = r.EffectiveDate;
        var changed = new HashSet<int>();

        // The new versions named in the request.
        var targets = new List<Unit>();
        foreach (var t in r.Targets)
        {
            var parent = t.ParentId is null ? null : parents[t.ParentId.Value];
            // Unless told otherwise, a merged unit has the households of its parts, a renamed one keeps its own.
            var households = t.Households ?? (r.Kind is UnitChangeKind.Create or UnitChangeKind.Split || sources.Any(s => s.Households is null)
                ? null : sources.Sum(s => s.Households));
            targets.Add(await NewVersionAsync(t.Name.Trim(), t.Kind, NullIfEmpty(t.Code), parent, date, households, plan, amended: false));
        }

        void End(Unit source, Unit to, double weight)
        {
            if (source.ValidTo is null)
            {
                source.ValidTo = date;
                plan.Ending.Add(Planned(source, source.Parent?.FullName, amended: false));
                changed.Add(source.Id);
            }
            db.UnitLineages.Add(new UnitLineage { FromUnitId = source.Id, ToUnitId = to.Id, Weight = weight, Change = change });
            plan.Edges.Add($"{source.FullName} → {to.FullName}{(weight < 1 ? $" ({weight:P0})" : "")}");
        }

        // Moves a current child under a new parent: a new version, or, if the child itself only
        // starts today (made earlier in the same reorganisation), an amendment of that version.
        async Task ReparentAsync(Unit child, Unit newParent)
        {
            Unit placed;
            if (child.ValidFrom == date)
            {
                await records.MoveTotalsAsync(child, newParent);
                child.ParentId = newParent.Id;
                child.Parent = newParent;
                child.Path = newParent.Path + child.Id + "/";
                placed = child;
                plan.Created.Add(Planned(child, newParent.FullName, amended: true));
            }
            else
            {
                placed = await NewVersionAsync(child.Name, child.Kind, child.Code, newParent, date, child.Households, plan, amended: false, copyOf: child);
                End(child, placed, 1);
            }
            changed.Add(placed.Id);
            foreach (var grandchild in await CurrentChildrenAsync(child.Id))
                await ReparentAsync(grandchild, placed);
        }

        foreach (var source in sources) await db.Entry(source).Reference(s => s.Parent).LoadAsync();
        switch (r.Kind)
        {
            case UnitChangeKind.Create:
                break;
            case UnitChangeKind.Merge:
            case UnitChangeKind.Rename:
            case UnitChangeKind.Move:
            case UnitChangeKind.Convert:
                foreach (var source in sources)
                {
                    var children = await CurrentChildrenAsync(source.Id);
                    End(source, targets[0], 1);
                    foreach (var child in children) await ReparentAsync(child, targets[0]);
                }
                break;
            case UnitChangeKind.Split:
            {
                var source = sources[0];
                var children = await CurrentChildrenAsync(source.Id);
                for (var i = 0; i < targets.Count; i++) End(source, targets[i], r.Targets[i].Weight);
                foreach (var child in children) await ReparentAsync(child, targets[r.ChildTargets![child.Id]]);
                break;
            }
            case UnitChangeKind.Abolish:
            {
                var source = sources[0];
                var children = await CurrentChildrenAsync(source.Id);
                var parent = source.Parent!;
                End(source, parent, 1);
                foreach (var child in children) await ReparentAsync(child, parent);
                break;
            }
        }
        await db.SaveChangesAsync();

        // Accounts bound to an ended unit: a 1 → 1 continuation (new path, same unit) is followed at once;
        // a merged or split unit's accounts keep the old subtree's history until an administrator rebinds them.
        var endedIds = plan.Ending.Select(e => e.Id).ToList();
        var accounts = await db.Users.Where(a => endedIds.Contains(a.UnitId)).ToListAsync();
        var edges = await db.UnitLineages.Where(e => e.ChangeId == change.Id).ToListAsync();
        foreach (var account in accounts)
        {
            var from = plan.Ending.First(e => e.Id == account.UnitId);
            var outgoing = edges.Where(e => e.FromUnitId == account.UnitId).ToList();
            int? to = null;
            if (r.Rebind is not null && r.Rebind.TryGetValue(account.Id, out var index) && index >= 0 && index < targets.Count)
                to = targets[index].Id;
            else if (outgoing.Count == 1 && (!sources.Any(s => s.Id == account.UnitId) || r.Kind is UnitChangeKind.Rename or UnitChangeKind.Move or UnitChangeKind.Convert))
                to = outgoing[0].ToUnitId;
            if (to is not null) account.UnitId = to.Value;
            var toUnit = to is null ? null : await db.Units.FindAsync(to.Value);
            plan.Accounts.Add(new PlannedAccount(account.Id, account.Email ?? account.UserName ?? "", from.FullName, toUnit?.FullName));
        }
        await db.SaveChangesAsync();
        await lineage.RecomputeSuccessorsAsync([.. changed]);
        plan.ChangeId = change.Id;

        if (commit)
        {
            if (tx is not null) await tx.CommitAsync();
        }
        else
        {
            if (tx is not null) await tx.RollbackAsync();
            db.ChangeTracker.Clear();
            plan.ChangeId = null;
        }
        return plan;
    }

    private async Task<Unit> NewVersionAsync(string name, UnitKind kind, string? code, Unit? parent, DateOnly date, int? households, UnitChangePlan plan, bool amended, Unit? copyOf = null)
    {
        var unit = new Unit
        {
            Name = name, NameFolded = Text.Fold(name), Kind = kind, Level = Unit.LevelOf(kind), Code = code,
            ParentId = parent?.Id, Parent = parent, ValidFrom = date, Households = households, CreatedAt = db.Clock.UtcNow,
            Address = copyOf?.Address, Phone = copyOf?.Phone, Email = copyOf?.Email, Illustrative = copyOf?.Illustrative ?? false,
        };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        unit.Path = (parent?.Path ?? "/") + unit.Id + "/";
        plan.Created.Add(Planned(unit, parent?.FullName, amended));
        return unit;
    }

    private Task<List<Unit>> CurrentChildrenAsync(int parentId) =>
        db.Units.Where(u => u.ParentId == parentId && u.ValidTo == null).OrderBy(u => u.Id).ToListAsync();

    private static PlannedUnit Planned(Unit u, string? parentName, bool amended) =>
        new(u.Id, u.FullName, u.Code, parentName ?? "—", u.Path, amended);

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private void Validate(UnitChangeRequest r, List<Unit> sources, Dictionary<int, Unit> parents, Func<Unit, bool> mayAdminister, UnitChangePlan plan)
    {
        if (string.IsNullOrWhiteSpace(r.LegalBasis))
            plan.Error("LegalBasis", "Nhập căn cứ pháp lý (số, ký hiệu văn bản), ví dụ: Nghị quyết 1656/NQ-UBTVQH15.");
        else if (r.LegalBasis.Trim().Length > 200)
            plan.Error("LegalBasis", "Căn cứ pháp lý dài tối đa 200 ký tự.");
        if (r.Note?.Length > 2000) plan.Error("Note", "Ghi chú dài tối đa 2.000 ký tự.");
        // "As now" and account scope follow the lineage to the units valid today; a change dated in the
        // future would show early there, so a change is recorded once it is in force.
        var today = db.Clock.Today;
        if (r.EffectiveDate < new DateOnly(1945, 9, 2) || r.EffectiveDate > today)
            plan.Error("EffectiveDate", $"Ngày hiệu lực phải từ 02/09/1945 đến hôm nay ({today:dd/MM/yyyy}); thay đổi được ghi khi đã có hiệu lực.");

        var (minSources, maxSources, minTargets, maxTargets) = r.Kind switch
        {
            UnitChangeKind.Create => (0, 0, 1, 1),
            UnitChangeKind.Merge => (2, 50, 1, 1),
            UnitChangeKind.Split => (1, 1, 2, 20),
            UnitChangeKind.Abolish => (1, 1, 0, 0),
            _ => (1, 1, 1, 1),
        };
        if (r.SourceIds.Count < minSources || r.SourceIds.Count > maxSources || r.SourceIds.Distinct().Count() != r.SourceIds.Count)
            plan.Error("SourceIds", minSources == maxSources
                ? $"Chọn đúng {minSources} đơn vị."
                : $"Chọn từ {minSources} đến {maxSources} đơn vị khác nhau.");
        if (r.Targets.Count < minTargets || r.Targets.Count > maxTargets)
            plan.Error("Targets", minTargets == maxTargets ? $"Khai báo đúng {minTargets} đơn vị mới." : $"Khai báo từ {minTargets} đến {maxTargets} đơn vị mới.");
        if (!plan.IsValid) return;

        foreach (var id in r.SourceIds)
        {
            var s = sources.FirstOrDefault(u => u.Id == id);
            // Outside the scope reads exactly like "does not exist": a refusal must not name other units.
            if (s is null || !mayAdminister(s)) { plan.Error("SourceIds", $"Không tìm thấy đơn vị mã số {id} trong phạm vi bạn quản lý."); continue; }
            if (s.ValidTo is not null) plan.Error("SourceIds", $"{s.FullName} đã kết thúc từ {s.ValidTo:dd/MM/yyyy}; chỉ thay đổi được đơn vị đang hiệu lực.");
            else if (r.EffectiveDate <= s.ValidFrom) plan.Error("EffectiveDate", $"Ngày hiệu lực phải sau ngày bắt đầu của {s.FullName} ({s.ValidFrom:dd/MM/yyyy}).");
            if (r.Kind == UnitChangeKind.Abolish && s.ParentId is null) plan.Error("SourceIds", "Không thể kết thúc đơn vị cấp cao nhất.");
            if (r.Kind == UnitChangeKind.Convert && s.Level != UnitLevel.ResidentialGroup) plan.Error("SourceIds", "Chỉ chuyển đổi được thôn, tổ dân phố.");
        }
        if (sources.Select(s => s.Level).Distinct().Count() > 1) plan.Error("SourceIds", "Các đơn vị sáp nhập phải cùng cấp.");

        for (var i = 0; i < r.Targets.Count; i++)
        {
            var t = r.Targets[i];
            var key = $"Targets[{i}]";
            if (string.IsNullOrWhiteSpace(t.Name)) plan.Error($"{key}.Name", "Nhập tên đơn vị.");
            else if (t.Name.Trim().Length > 200) plan.Error($"{key}.Name", "Tên dài tối đa 200 ký tự.");
            if (t.Code?.Trim().Length > 20) plan.Error($"{key}.Code", "Mã đơn vị dài tối đa 20 ký tự.");
            if (!Enum.IsDefined(t.Kind)) { plan.Error($"{key}.Kind", "Chọn loại đơn vị."); continue; }
            if (t.Households is < 0 or > 10_000_000) plan.Error($"{key}.Households", "Số hộ phải từ 0 đến 10.000.000.");
            var level = Unit.LevelOf(t.Kind);
            if (sources.Count > 0 && sources.All(s => s.Level != level) && r.Kind != UnitChangeKind.Abolish)
                plan.Error($"{key}.Kind", $"Đơn vị mới phải cùng cấp với đơn vị cũ ({UnitKinds.LevelLabel(sources[0].Level)}).");
            if (t.ParentId is null)
            {
                if (level != UnitLevel.Central) plan.Error($"{key}.ParentId", "Chọn đơn vị cấp trên.");
                continue;
            }
            if (!parents.TryGetValue(t.ParentId.Value, out var parent) || !mayAdminister(parent))
            {
                plan.Error($"{key}.ParentId", "Không tìm thấy đơn vị cấp trên trong phạm vi bạn quản lý.");
                continue;
            }
            if (!parent.IsValidOn(r.EffectiveDate)) plan.Error($"{key}.ParentId", $"{parent.FullName} không còn hiệu lực vào ngày {r.EffectiveDate:dd/MM/yyyy}.");
            if (parent.Level >= level) plan.Error($"{key}.ParentId", $"Đơn vị cấp trên phải ở cấp cao hơn {UnitKinds.Label(t.Kind).ToLowerInvariant()}.");
            if (level == UnitLevel.District && r.EffectiveDate >= new DateOnly(2025, 7, 1)) plan.Error($"{key}.Kind", "Cấp huyện đã kết thúc từ 01/07/2025.");
            if (sources.Any(s => s.Path == parent.Path || parent.Path.StartsWith(s.Path, StringComparison.Ordinal)))
                plan.Error($"{key}.ParentId", "Không thể đặt đơn vị vào chính nó hoặc đơn vị trực thuộc của nó.");
        }
        if (!plan.IsValid) return;

        var source0 = sources.FirstOrDefault();
        var target0 = r.Targets.FirstOrDefault();
        switch (r.Kind)
        {
            case UnitChangeKind.Rename when target0!.Name.Trim() == source0!.Name && (target0.Code ?? "") == (source0.Code ?? ""):
                plan.Error("Targets[0].Name", "Tên mới trùng tên cũ.");
                break;
            case UnitChangeKind.Move when target0!.ParentId == source0!.ParentId:
                plan.Error("Targets[0].ParentId", "Chọn đơn vị cấp trên khác đơn vị hiện tại.");
                break;
            case UnitChangeKind.Convert when target0!.Kind == source0!.Kind || Unit.LevelOf(target0.Kind) != UnitLevel.ResidentialGroup:
                plan.Error("Targets[0].Kind", "Chọn loại khác (thôn ↔ tổ dân phố, khu phố…).");
                break;
            case UnitChangeKind.Split:
                if (r.Targets.Any(t => t.Weight is <= 0 or > 1 || double.IsNaN(t.Weight)))
                    plan.Error("Targets", "Tỷ lệ của mỗi đơn vị mới phải lớn hơn 0 và không quá 100 %.");
                else if (Math.Abs(r.Targets.Sum(t => t.Weight) - 1) > 0.001)
                    plan.Error("Targets", $"Tổng tỷ lệ các đơn vị mới phải bằng 100 % (hiện là {r.Targets.Sum(t => t.Weight) * 100:0.#} %).");
                break;
        }
    }

    private async Task ValidateDescendantsAsync(UnitChangeRequest r, List<Unit> sources, Func<Unit, bool> mayAdminister, UnitChangePlan plan)
    {
        // Ending a unit moves its children up to its parent, which must be in the actor's scope too.
        if (r.Kind == UnitChangeKind.Abolish && await db.Units.FirstOrDefaultAsync(u => u.Id == sources[0].ParentId) is { } parent && !mayAdminister(parent))
            plan.Error("SourceIds", "Không thể kết thúc đơn vị của chính bạn: các đơn vị trực thuộc sẽ chuyển ra ngoài phạm vi bạn quản lý.");
        foreach (var source in sources)
        {
            var later = await db.Units.Under(source.Path).Where(u => u.ValidTo == null && u.ValidFrom > r.EffectiveDate)
                .Select(u => u.Name).FirstOrDefaultAsync();
            if (later is not null)
                plan.Error("EffectiveDate", $"Đơn vị trực thuộc {later} bắt đầu sau ngày hiệu lực; chọn ngày hiệu lực muộn hơn.");
            // A version that ends cannot keep work recorded on or after its end: the figures "as then" would
            // count it under a unit that no longer existed.
            var ending = db.Units.Under(source.Path).Where(u => u.ValidTo == null && u.ValidFrom < r.EffectiveDate).Select(u => u.Id);
            var recorded = await db.DailyTotals.Where(t => ending.Contains(t.UnitId) && t.Day >= r.EffectiveDate && t.Facts > 0)
                .OrderByDescending(t => t.Day).Select(t => new { t.Day, t.UnitId }).FirstOrDefaultAsync();
            if (recorded is not null)
            {
                var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == recorded.UnitId);
                plan.Error("EffectiveDate", $"{unit.FullName} đã có số liệu công tác ghi đến ngày {Fmt.Date(recorded.Day)}: chọn ngày hiệu lực sau ngày đó, "
                    + "hoặc xóa các ghi nhận từ ngày hiệu lực trở đi rồi ghi lại cho đơn vị mới sau khi thay đổi.");
            }
        }
        if (r.Kind == UnitChangeKind.Split)
        {
            foreach (var child in await CurrentChildrenAsync(sources[0].Id))
                if (r.ChildTargets is null || !r.ChildTargets.TryGetValue(child.Id, out var i) || i < 0 || i >= r.Targets.Count)
                    plan.Error("ChildTargets", $"Chọn đơn vị mới cho {child.FullName}.");
        }
        if (r.Kind is UnitChangeKind.Rename or UnitChangeKind.Convert && r.Targets[0].ParentId != sources[0].ParentId)
            plan.Error("Targets[0].ParentId", "Đổi tên hoặc chuyển đổi giữ nguyên đơn vị cấp trên; dùng “Điều chỉnh” để chuyển.");
    }
}
