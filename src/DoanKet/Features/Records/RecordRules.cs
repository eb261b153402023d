using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Records;

public sealed record ActivityInput(int UnitId, int KindId, DateOnly? Date, DateOnly? EndDate, string? Title,
    int? Sessions, int? Attendances, int? Households, int? Gifts, int? People, long? Money, int? Opinions,
    string? Participants, string? Note, int? LeadOrganisationId, List<int>? CoOrganiserIds, long? Version = null);

public sealed record DecisionInput(string? Subject, int Present, int For, int Against);

public sealed record ConferenceInput(int UnitId, DateOnly? Date, ConferenceType Type, int? SessionNumber, string? Title,
    int? Invited, int? Present, int? Opinions, string? Minutes, List<DecisionInput?>? Decisions, long? Version = null);

public sealed record InitiativeInput(int UnitId, string? Name, string? Field, InitiativeStatus Status, DateOnly? RegisteredOn, string? Note, long? Version = null);

public sealed record CommendationInput(int UnitId, DateOnly? Date, CommendationForm Form, AwardLevel Level, bool Collective,
    string? Recipient, string? DecisionNumber, bool Proposed, string? Note, long? Version = null);

public sealed record TargetInput(int UnitId, string? Indicator, string? Period, double? Value, string? Label, TargetSource Source, long? Version = null);

public sealed record UnityDayInput(int UnitId, int Year, bool Held, DateOnly? Date, int? HouseholdsAttending, int? HouseholdsTotal, string? Note, long? Version = null);

/// <summary>Why a write is refused: the status the API answers and the Vietnamese words a page shows.</summary>
public sealed record Fail(int Status, string Title, Dictionary<string, string[]>? Errors = null)
{
    /// <summary>The first thing to fix, for a page's error summary.</summary>
    public string Message => Errors?.Values.FirstOrDefault()?.FirstOrDefault() ?? Title;
}

/// <summary>
/// The rules of work records shared by the pages and the API: who may write where, what each record
/// must hold, and how a change is applied and saved (through <see cref="RecordWriter"/>).
/// </summary>
public static class RecordRules
{
    public const string NoUnit = "Không tìm thấy đơn vị trong phạm vi của bạn.";
    public const string NoWrite = "Bạn không có quyền ghi công việc của đơn vị này.";
    public const string EndedUnit = "Đơn vị đã kết thúc (sáp nhập, chia tách, đổi tên…): công việc của đơn vị chỉ xem được, không sửa được.";
    public const string Conflict = "Bản ghi vừa được người khác sửa hoặc xóa. Tải lại trang để xem bản mới nhất rồi sửa lại.";
    public const string NeedVersion = "Thiếu phiên bản (version) của bản ghi: tải lại bản ghi rồi gửi kèm version.";
    public const string NotFound = "Không tìm thấy, hoặc bạn không có quyền xem.";
    public const int MaxCount = 10_000_000;
    public const long MaxMoney = 10_000_000_000_000;

    public static Fail Invalid(Dictionary<string, string[]> errors) => new(400, "Dữ liệu chưa hợp lệ.", errors);
    public static Fail Invalid(string field, string message) => Invalid(new() { [field] = [message] });

    public static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var m) ? [.. m, message] : [message];

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// The unit a record is written to: readable (else "not found", the same words for a unit that does not
    /// exist, so ids outside the scope reveal nothing), writable by the account, and still current.
    /// </summary>
    public static async Task<(Unit? Unit, Fail? Fail)> WritableUnitAsync(AppDb db, UnitScope scope, int unitId, string field = "UnitId")
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId);
        if (unit is null || !await scope.CanReadAsync(unitId)) return (null, Invalid(field, NoUnit));
        if (!await scope.CanWriteAsync(unit)) return (null, new Fail(403, NoWrite));
        if (unit.ValidTo is not null) return (null, Invalid(field, EndedUnit));
        return (unit, null);
    }

    /// <summary>
    /// A record about to be changed, deleted or restored: 404 outside the scope, 403 without the right to write,
    /// 409 when its unit has ended or the version is stale. The record is tracked.
    /// </summary>
    public static async Task<(T? Record, Unit? Unit, Fail? Fail)> ForWriteAsync<T>(AppDb db, UnitScope scope, IQueryable<T> set, int id,
        Func<T, int> unitOf, long? version, bool deleted = false) where T : class, IAudited, ISoftDeletable, IVersioned
    {
        var record = deleted
            ? await set.IgnoreQueryFilters().FirstOrDefaultAsync(r => r.Id == id && r.DeletedAt != null)
            : await set.FirstOrDefaultAsync(r => r.Id == id);
        var unit = record is null ? null : await UnitsApi.FindReadableAsync(unitOf(record), db, scope);
        if (record is null || unit is null) return (null, null, new Fail(404, NotFound));
        if (!await scope.CanWriteAsync(unit)) return (null, null, new Fail(403, NoWrite));
        if (unit.ValidTo is not null) return (null, null, new Fail(409, EndedUnit));
        if (version is null) return (null, null, Invalid("Version", NeedVersion));
        if (version != record.Version) return (null, null, new Fail(409, Conflict));
        db.Entry(record).Property(nameof(IVersioned.Version)).OriginalValue = version.Value;
        return (record, unit, null);
    }

    /// <summary>A record to read: null outside the scope. Deleted records are shown only to those who may restore them.</summary>
    public static async Task<(T? Record, Unit? Unit)> ForReadAsync<T>(AppDb db, UnitScope scope, IQueryable<T> set, int id, Func<T, int> unitOf)
        where T : class, IAudited, ISoftDeletable
    {
        var record = await set.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
        var unit = record is null ? null : await UnitsApi.FindReadableAsync(unitOf(record), db, scope);
        if (record is null || unit is null) return (null, null);
        if (record.DeletedAt is not null && !await scope.CanWriteAsync(unit)) return (null, null);
        return (record, unit);
    }

    /// <summary>Saves a record with its facts and totals in one transaction; false on a concurrent change (nothing saved).</summary>
    public static async Task<bool> SaveAsync(AppDb db, RecordWriter writer, object record)
    {
        try
        {
            await (record switch
            {
                Activity a => writer.SaveAsync(a),
                Conference c => writer.SaveAsync(c),
                Initiative i => writer.SaveAsync(i),
                UnityDay d => writer.SaveAsync(d),
                Commendation c => writer.SaveAsync(c),
                Domain.Supervisions.Supervision s => writer.SaveAsync(s),
                Domain.Supervisions.SocialCriticism c => writer.SaveAsync(c),
                Domain.History.HistoricalDocument h => writer.SaveAsync(h),
                _ => db.SaveChangesAsync(), // targets write no facts
            });
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>Deletes or restores: the one switch every page with both buttons needs.</summary>
    public static Task<Fail?> DeleteOrRestoreAsync<T>(AppDb db, UnitScope scope, RecordWriter writer, IQueryable<T> set, int id, Func<T, int> unitOf, long? version, bool restore)
        where T : class, IAudited, ISoftDeletable, IVersioned =>
        restore ? RestoreAsync(db, scope, writer, set, id, unitOf, version) : DeleteAsync(db, scope, writer, set, id, unitOf, version);

    /// <summary>
    /// A record whose children are about to change (a supervision's recommendations, a draft's comments), as it is now and
    /// tracked with its version marked for a bump: its facts are rebuilt from it, and a concurrent edit, delete or other child
    /// change makes the save fail instead of both winning. Null when it changed since <paramref name="version"/> was read.
    /// </summary>
    public static async Task<T?> TouchAsync<T>(AppDb db, IQueryable<T> set, int id, long version) where T : class, IAudited, IVersioned
    {
        var record = await set.FirstOrDefaultAsync(r => r.Id == id);
        if (record is null || record.Version != version) return null;
        db.Entry(record).Property(nameof(IVersioned.Version)).IsModified = true;
        return record;
    }

    public static async Task<Fail?> DeleteAsync<T>(AppDb db, UnitScope scope, RecordWriter writer, IQueryable<T> set, int id, Func<T, int> unitOf, long? version)
        where T : class, IAudited, ISoftDeletable, IVersioned
    {
        var (record, _, fail) = await ForWriteAsync(db, scope, set, id, unitOf, version);
        if (fail is not null) return fail;
        db.Remove(record!);
        return await SaveAsync(db, writer, record!) ? null : new Fail(409, Conflict);
    }

    public static async Task<Fail?> RestoreAsync<T>(AppDb db, UnitScope scope, RecordWriter writer, IQueryable<T> set, int id, Func<T, int> unitOf, long? version)
        where T : class, IAudited, ISoftDeletable, IVersioned
    {
        var (record, _, fail) = await ForWriteAsync(db, scope, set, id, unitOf, version, deleted: true);
        if (fail is not null) return fail;
        record!.DeletedAt = null;
        record.DeletedBy = null;
        return await SaveAsync(db, writer, record) ? null : new Fail(409, Conflict);
    }

    // ------------------------------------------------------------------ dates

    internal static void CheckDate(Dictionary<string, string[]> e, string field, DateOnly? date, Unit unit, string what, DateOnly today)
    {
        if (date is not { } d) Add(e, field, $"Nhập {what}.");
        else if (d > today) Add(e, field, $"{Cap(what)} không được sau hôm nay.");
        else if (!unit.IsValidOn(d)) Add(e, field, $"{Cap(what)} phải trong thời gian {unit.FullName} còn hiệu lực (từ {Fmt.Date(unit.ValidFrom)}).");
    }

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    internal static void CheckLength(Dictionary<string, string[]> e, string field, string? value, int max, string what, bool required = false)
    {
        if (required && string.IsNullOrWhiteSpace(value)) Add(e, field, $"Nhập {what}.");
        else if (value?.Trim().Length > max) Add(e, field, $"{Cap(what)} dài tối đa {Fmt.Number(max)} ký tự.");
    }

    internal static void CheckCount(Dictionary<string, string[]> e, string field, long? value, string what, long max = MaxCount)
    {
        if (value < 0) Add(e, field, $"{Cap(what)} không được âm.");
        else if (value > max) Add(e, field, $"{Cap(what)} tối đa {Fmt.Number(max)}.");
    }

    // ------------------------------------------------------------------ activities

    public static bool ActivityLevel(Unit u) => u.Level is UnitLevel.Commune or UnitLevel.ResidentialGroup;

    /// <summary>Organisations that may lead or join an activity of this unit: its own and its commune's.</summary>
    public static IQueryable<Domain.Organisations.Organisation> OrganisersFor(AppDb db, Unit unit)
    {
        var commune = unit.Level == UnitLevel.ResidentialGroup ? unit.ParentId ?? unit.Id : unit.Id;
        return db.Organisations.AsNoTracking().Where(o => o.UnitId == unit.Id || o.UnitId == commune);
    }

    public static async Task<(Dictionary<string, string[]> Errors, ActivityKind? Kind)> ValidateActivityAsync(AppDb db, ActivityInput input, Unit unit, Activity? existing)
    {
        var e = new Dictionary<string, string[]>();
        var today = db.Clock.Today;
        if (!ActivityLevel(unit)) Add(e, "UnitId", "Hoạt động được ghi cho xã, phường hoặc thôn, tổ dân phố.");
        var kind = await db.ActivityKinds.AsNoTracking().FirstOrDefaultAsync(k => k.Id == input.KindId);
        if (kind is null) Add(e, "KindId", "Chọn loại hoạt động.");
        else if (kind.Retired && existing?.KindId != kind.Id) Add(e, "KindId", "Loại hoạt động này đã ngừng dùng: chọn loại khác.");
        CheckDate(e, "Date", input.Date, unit, "ngày thực hiện", today);
        if (input.EndDate is { } end && input.Date is { } start)
        {
            if (end < start) Add(e, "EndDate", "Ngày kết thúc không được trước ngày bắt đầu.");
            else if (end > start.AddYears(1)) Add(e, "EndDate", "Một hoạt động kéo dài tối đa 1 năm: ghi thành nhiều hoạt động.");
            else if (end > today) Add(e, "EndDate", "Ngày kết thúc không được sau hôm nay.");
        }
        CheckLength(e, "Title", input.Title, 300, "nội dung hoạt động", required: true);
        CheckLength(e, "Participants", input.Participants, 1000, "thành phần tham gia");
        CheckLength(e, "Note", input.Note, 4000, "ghi chú");
        if (kind is not null)
            foreach (var m in MeasureInfo.All)
            {
                var value = Count(input, m);
                if ((kind.Measures & m) != 0) CheckCount(e, m.ToString(), value, MeasureInfo.Label(m).ToLowerInvariant(), m == Measures.Money ? MaxMoney : MaxCount);
                else if (value is not null) Add(e, m.ToString(), $"Loại “{kind.Name}” không ghi {MeasureInfo.Label(m).ToLowerInvariant()}: bỏ trống ô này.");
            }

        var ids = Organisers(input);
        if (ids.Count > 20) Add(e, "CoOrganiserIds", "Ghi tối đa 20 tổ chức phối hợp.");
        else if (ids.Count > 0 && input.Date is { } day)
        {
            var allowed = await OrganisersFor(db, unit).Where(o => ids.Contains(o.Id) && o.ValidFrom <= day && (o.ValidTo == null || day < o.ValidTo)).CountAsync();
            if (allowed != ids.Count)
                Add(e, input.LeadOrganisationId is not null ? "LeadOrganisationId" : "CoOrganiserIds",
                    "Tổ chức chủ trì, phối hợp phải là tổ chức của đơn vị (hoặc của xã, phường của đơn vị) còn hoạt động vào ngày thực hiện.");
        }
        return (e, kind);
    }

    private static List<int> Organisers(ActivityInput input) =>
        [.. new[] { input.LeadOrganisationId }.OfType<int>().Concat(input.CoOrganiserIds ?? []).Distinct()];

    public static long? Count(ActivityInput input, Measures m) => m switch
    {
        Measures.Sessions => input.Sessions,
        Measures.Attendances => input.Attendances,
        Measures.Households => input.Households,
        Measures.Gifts => input.Gifts,
        Measures.People => input.People,
        Measures.Money => input.Money,
        Measures.Opinions => input.Opinions,
        _ => null,
    };

    /// <summary>Copies a validated input onto the record (new or tracked with its organisers).</summary>
    public static void Apply(Activity a, ActivityInput input, ActivityKind kind)
    {
        a.UnitId = input.UnitId;
        a.KindId = kind.Id;
        a.Date = input.Date!.Value;
        a.EndDate = input.EndDate == input.Date ? null : input.EndDate;
        a.Title = input.Title!.Trim();
        foreach (var m in MeasureInfo.All) a.SetCount(m, (kind.Measures & m) != 0 ? Count(input, m) : null);
        a.Participants = Clean(input.Participants);
        a.Note = Clean(input.Note);
        var wanted = new List<ActivityOrganiser>();
        if (input.LeadOrganisationId is { } lead) wanted.Add(new ActivityOrganiser { OrganisationId = lead, Lead = true });
        foreach (var id in (input.CoOrganiserIds ?? []).Distinct().Where(id => id != input.LeadOrganisationId))
            wanted.Add(new ActivityOrganiser { OrganisationId = id });
        // Keep rows that stay the same, so an unchanged list writes nothing.
        a.Organisers.RemoveAll(o => !wanted.Any(w => w.OrganisationId == o.OrganisationId && w.Lead == o.Lead));
        a.Organisers.AddRange(wanted.Where(w => !a.Organisers.Any(o => o.OrganisationId == w.OrganisationId && o.Lead == w.Lead)));
    }

    // ------------------------------------------------------------------ conferences

    public static Dictionary<string, string[]> ValidateConference(ConferenceInput input, Unit unit, DateOnly today)
    {
        var e = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(input.Type)) Add(e, "Type", "Chọn loại hội nghị.");
        CheckDate(e, "Date", input.Date, unit, "ngày hội nghị", today);
        CheckLength(e, "Title", input.Title, 300, "tên hội nghị", required: true);
        if (input.SessionNumber is < 1 or > 500) Add(e, "SessionNumber", "“Lần thứ” từ 1 đến 500.");
        CheckCount(e, "Invited", input.Invited, "số đại biểu được mời", 1_000_000);
        CheckCount(e, "Present", input.Present, "số đại biểu có mặt", 1_000_000);
        if (input.Present > input.Invited) Add(e, "Present", "Số đại biểu có mặt không được lớn hơn số được mời.");
        CheckCount(e, "Opinions", input.Opinions, "số ý kiến", 1_000_000);
        CheckLength(e, "Minutes", input.Minutes, 20000, "biên bản");
        var decisions = input.Decisions ?? [];
        if (decisions.Count > 50) Add(e, "Decisions", "Ghi tối đa 50 nội dung biểu quyết.");
        for (var i = 0; i < Math.Min(decisions.Count, 50); i++)
        {
            var d = decisions[i];
            var key = $"Decisions[{i}]";
            if (d is null) { Add(e, key, "Dòng biểu quyết trống."); continue; }
            CheckLength(e, key + ".Subject", d.Subject, 500, "nội dung biểu quyết", required: true);
            if (d.Present is < 0 or > 1_000_000) Add(e, key + ".Present", "Số có mặt khi biểu quyết từ 0 đến 1.000.000.");
            else if (input.Present is { } p && d.Present > p) Add(e, key + ".Present", "Số có mặt khi biểu quyết không được lớn hơn số đại biểu có mặt của hội nghị.");
            if (d.For < 0) Add(e, key + ".For", "Số tán thành không được âm.");
            if (d.Against < 0) Add(e, key + ".Against", "Số không tán thành không được âm.");
            if (d.For >= 0 && d.Against >= 0 && (long)d.For + d.Against > d.Present)
                Add(e, key + ".For", "Số tán thành và không tán thành cộng lại không được vượt số có mặt khi biểu quyết.");
        }
        return e;
    }

    public static void Apply(Conference c, ConferenceInput input)
    {
        c.UnitId = input.UnitId;
        c.Date = input.Date!.Value;
        c.Type = input.Type;
        c.SessionNumber = input.SessionNumber;
        c.Title = input.Title!.Trim();
        c.Invited = input.Invited;
        c.Present = input.Present;
        c.Opinions = input.Opinions;
        c.Minutes = Clean(input.Minutes);
        var wanted = (input.Decisions ?? []).OfType<DecisionInput>().ToList();
        // Update rows in place (same order), add or remove the rest.
        for (var i = 0; i < wanted.Count; i++)
        {
            if (i >= c.Decisions.Count) c.Decisions.Add(new ConferenceDecision { Subject = "" });
            var (row, w) = (c.Decisions[i], wanted[i]);
            (row.Subject, row.Present, row.For, row.Against) = (w.Subject!.Trim(), w.Present, w.For, w.Against);
        }
        if (c.Decisions.Count > wanted.Count) c.Decisions.RemoveRange(wanted.Count, c.Decisions.Count - wanted.Count);
    }

    /// <summary>"1.160/2.500 = 46,4 %"; null when the invitations are not known.</summary>
    public static string? Rate(int? present, int? invited) =>
        present is { } p && invited is > 0 ? $"{Fmt.Number(p)}/{Fmt.Number(invited.Value)} = {Fmt.Percent((double)p / invited.Value)}" : null;

    // ------------------------------------------------------------------ initiatives

    public static Dictionary<string, string[]> ValidateInitiative(InitiativeInput input, Unit unit, DateOnly today)
    {
        var e = new Dictionary<string, string[]>();
        CheckLength(e, "Name", input.Name, 300, "tên mô hình", required: true);
        if (!Initiative.Fields.Any(f => f.Code == input.Field)) Add(e, "Field", "Chọn lĩnh vực của mô hình.");
        if (!Enum.IsDefined(input.Status)) Add(e, "Status", "Chọn tình trạng của mô hình.");
        CheckDate(e, "RegisteredOn", input.RegisteredOn, unit, "ngày đăng ký", today);
        CheckLength(e, "Note", input.Note, 2000, "ghi chú");
        return e;
    }

    public static void Apply(Initiative i, InitiativeInput input)
    {
        i.UnitId = input.UnitId;
        i.Name = input.Name!.Trim();
        i.Field = input.Field!;
        i.Status = input.Status;
        i.RegisteredOn = input.RegisteredOn!.Value;
        i.Note = Clean(input.Note);
    }

    // ------------------------------------------------------------------ commendations

    /// <summary>Districts ended on 1/7/2025: no district-level award after that.</summary>
    public static readonly DateOnly DistrictsEnded = new(2025, 7, 1);

    public static Dictionary<string, string[]> ValidateCommendation(CommendationInput input, Unit unit, DateOnly today)
    {
        var e = new Dictionary<string, string[]>();
        CheckDate(e, "Date", input.Date, unit, "ngày quyết định", today);
        if (!Enum.IsDefined(input.Form)) Add(e, "Form", "Chọn hình thức khen thưởng.");
        if (!Enum.IsDefined(input.Level)) Add(e, "Level", "Chọn cấp khen thưởng.");
        else if ((int)input.Level > (int)unit.Level) Add(e, "Level", $"Cấp khen thưởng không được thấp hơn cấp của {unit.FullName}.");
        else if (input.Level == AwardLevel.District && input.Date >= DistrictsEnded) Add(e, "Level", "Từ ngày 01/07/2025 không còn cấp huyện: chọn cấp khác.");
        CheckLength(e, "Recipient", input.Recipient, 300, "tập thể, cá nhân được khen", required: true);
        CheckLength(e, "DecisionNumber", input.DecisionNumber, 100, "số quyết định");
        CheckLength(e, "Note", input.Note, 2000, "ghi chú");
        return e;
    }

    public static void Apply(Commendation c, CommendationInput input)
    {
        c.UnitId = input.UnitId;
        c.Date = input.Date!.Value;
        c.Form = input.Form;
        c.Level = input.Level;
        c.Collective = input.Collective;
        c.Recipient = input.Recipient!.Trim();
        c.DecisionNumber = Clean(input.DecisionNumber);
        c.Proposed = input.Proposed;
        c.Note = Clean(input.Note);
    }

    // ------------------------------------------------------------------ targets

    public static async Task<Dictionary<string, string[]>> ValidateTargetAsync(AppDb db, TargetInput input, Unit unit, int? existingId)
    {
        var e = new Dictionary<string, string[]>();
        var indicator = input.Indicator is null ? null : await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == input.Indicator);
        if (indicator is null) Add(e, "Indicator", "Chọn chỉ tiêu trong danh mục.");
        if (!Period.TryParse(input.Period?.Trim(), out var period) || period.Kind is not (PeriodKind.Year or PeriodKind.Term))
            Add(e, "Period", "Nhập năm (ví dụ 2026) hoặc nhiệm kỳ (ví dụ 2025-2030).");
        else if (period.To < unit.ValidFrom) Add(e, "Period", $"{unit.FullName} chưa thành lập trong {period.Label.ToLowerInvariant()}.");
        if (input.Value is not { } v || !double.IsFinite(v)) Add(e, "Value", "Nhập giá trị chỉ tiêu (một số).");
        else if (v < 0 || v > 1e12) Add(e, "Value", "Giá trị chỉ tiêu từ 0 đến 1.000 tỷ.");
        else if (indicator?.UnitOfMeasure == "%" && v > 100) Add(e, "Value", "Chỉ tiêu tính theo % không vượt quá 100.");
        CheckLength(e, "Label", input.Label, 500, "nội dung chỉ tiêu");
        if (!Enum.IsDefined(input.Source)) Add(e, "Source", "Chọn nguồn của chỉ tiêu.");
        if (e.Count == 0
            && await db.Targets.AnyAsync(t => t.UnitId == unit.Id && t.Indicator == indicator!.Code && t.Period == period.Id && t.Id != (existingId ?? 0)))
            Add(e, "Indicator", "Đơn vị đã có chỉ tiêu này cho kỳ này: sửa chỉ tiêu đã có.");
        return e;
    }

    public static async Task ApplyAsync(AppDb db, Target t, TargetInput input)
    {
        var indicator = await db.Indicators.AsNoTracking().FirstAsync(i => i.Code == input.Indicator);
        t.UnitId = input.UnitId;
        t.Indicator = indicator.Code;
        t.Period = Period.Parse(input.Period!.Trim()).Id;
        t.Value = input.Value!.Value;
        t.Label = Clean(input.Label) ?? indicator.Name;
        t.Source = input.Source;
    }

    public static string TargetSourceLabel(TargetSource s) => s == TargetSource.CongressResolution ? "Nghị quyết đại hội" : "Chương trình công tác năm";

    /// <summary>Ids of every year and term that overlaps the period: targets are stored by id, so this filters in SQL.</summary>
    public static List<string> TargetPeriodsOverlapping(Period p)
    {
        var ids = new List<string>();
        for (var y = p.From.Year; y <= p.To.Year; y++) ids.Add(Period.Year(y).Id);
        for (var a = Math.Max(Period.MinYear, p.From.Year - Period.MaxTermYears); a <= p.To.Year; a++)
            for (var b = Math.Max(a + 1, p.From.Year); b <= Math.Min(Period.MaxYear, a + Period.MaxTermYears); b++)
                ids.Add(Period.Term(a, b).Id);
        return ids;
    }

    // ------------------------------------------------------------------ Unity Day

    public static bool ValidInYear(Unit u, int year) =>
        u.ValidFrom <= new DateOnly(year, 12, 31) && (u.ValidTo is null || u.ValidTo > new DateOnly(year, 1, 1));

    public static Dictionary<string, string[]> ValidateUnityDay(UnityDayInput input, Unit unit, DateOnly today, string prefix = "")
    {
        var e = new Dictionary<string, string[]>();
        if (unit.Level != UnitLevel.ResidentialGroup) Add(e, prefix + "UnitId", "Ngày hội Đại đoàn kết được ghi cho từng thôn, tổ dân phố.");
        if (input.Year < 1990 || input.Year > today.Year) Add(e, prefix + "Year", $"Năm từ 1990 đến {today.Year}.");
        else if (!ValidInYear(unit, input.Year)) Add(e, prefix + "Year", $"{unit.FullName} không có trong năm {input.Year}.");
        if (input.Held)
        {
            if (input.Date is not { } d) Add(e, prefix + "Date", $"Nhập ngày tổ chức Ngày hội của {unit.FullName}.");
            else if (d.Year != input.Year) Add(e, prefix + "Date", $"Ngày tổ chức phải trong năm {input.Year}.");
            else if (d > today) Add(e, prefix + "Date", "Ngày tổ chức không được sau hôm nay.");
            else if (!unit.IsValidOn(d)) Add(e, prefix + "Date", $"Ngày tổ chức phải trong thời gian {unit.FullName} còn hiệu lực (từ {Fmt.Date(unit.ValidFrom)}).");
            CheckCount(e, prefix + "HouseholdsAttending", input.HouseholdsAttending, "số hộ tham dự", 100_000);
        }
        CheckCount(e, prefix + "HouseholdsTotal", input.HouseholdsTotal, "tổng số hộ", 100_000);
        if (input.Held && input.HouseholdsAttending > input.HouseholdsTotal)
            Add(e, prefix + "HouseholdsAttending", "Số hộ tham dự không được lớn hơn tổng số hộ.");
        CheckLength(e, prefix + "Note", input.Note, 2000, "ghi chú");
        return e;
    }

    public static void Apply(UnityDay d, UnityDayInput input)
    {
        d.UnitId = input.UnitId;
        d.Year = input.Year;
        d.Held = input.Held;
        d.Date = input.Held ? input.Date : null;
        d.HouseholdsAttending = input.Held ? input.HouseholdsAttending : null;
        d.HouseholdsTotal = input.HouseholdsTotal;
        d.Note = Clean(input.Note);
    }

    // ------------------------------------------------------------------ lists

    /// <summary>
    /// The readable units whose records a list of this unit shows: its subtree as then, and older units
    /// restated into it as now (so a merged ward lists the work of the wards it came from).
    /// </summary>
    public static async Task<IQueryable<Unit>> AreaAsync(AppDb db, UnitScope scope, Unit unit)
    {
        var (lo, hi) = UnitScope.PathRange(unit.Path);
        var readable = await scope.ReadableAsync(db.Units.AsNoTracking());
        return readable.Where(u => u.DeletedAt == null && (
            (string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0)
            || db.UnitSuccessors.Any(s => s.OriginalUnitId == u.Id
                && db.Units.Any(c => c.Id == s.CurrentUnitId && string.Compare(c.Path, lo) >= 0 && string.Compare(c.Path, hi) < 0))));
    }

    /// <summary>Full names of units by id (ended and deleted ones too: records keep their unit's name).</summary>
    public static async Task<Dictionary<int, string>> UnitNamesAsync(AppDb db, IEnumerable<int> ids)
    {
        var list = ids.Distinct().ToList();
        return (await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => list.Contains(u.Id)).Select(u => new { u.Id, u.Kind, u.Name }).ToListAsync())
            .ToDictionary(u => u.Id, u => Unit.FullNameOf(u.Kind, u.Name));
    }

    /// <summary>
    /// Units offered in a record form, where the account writes: the chosen unit, its parent and siblings,
    /// and its children (a commune's groups), so the choice can move one step up or down without a search.
    /// </summary>
    public static async Task<List<Unit>> WritableChoicesAsync(AppDb db, UnitScope scope, Unit? around, Func<Unit, bool> fits)
    {
        var home = await scope.HomeAsync();
        if (home is null || home.ValidTo is not null || !scope.IsWriter) return [];
        var root = around is not null && UnitScope.Covers(home, around) && around.ValidTo is null ? around : home;
        var parent = root.ParentId is { } parentId
            ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == parentId && u.ValidTo == null)
            : null;
        if (parent is not null && !UnitScope.Covers(home, parent)) parent = null;
        var ids = new[] { root.Id, parent?.Id ?? root.Id };
        var near = await db.Units.AsNoTracking().Where(u => u.ParentId != null && ids.Contains(u.ParentId.Value) && u.ValidTo == null)
            .OrderBy(u => u.Level).ThenBy(u => u.Kind).ThenBy(u => u.Name.Length).ThenBy(u => u.Name).Take(1000).ToListAsync();
        var list = new List<Unit>();
        if (parent is not null) list.Add(parent);
        list.Add(root);
        // Siblings first, then the chosen unit's own children.
        list.AddRange(near.Where(u => u.ParentId == parent?.Id));
        list.AddRange(near.Where(u => u.ParentId == root.Id));
        return [.. list.DistinctBy(u => u.Id).Where(fits)];
    }
}
