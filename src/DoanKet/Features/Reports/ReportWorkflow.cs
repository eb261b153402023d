using System.Security.Claims;
using System.Text.Json;
using DoanKet.Data;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Reports;
using DoanKet.Domain.Units;
using DoanKet.Features.Indicators;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Reports;

public sealed record ProseInput(string? Situation, string? Assessment, string? Tasks, string? Proposals, long Version);

/// <summary>One figure of a submitted report: as sent, as the records give it today, and restated onto today's units.</summary>
public sealed record ComparedFigure(string Code, string Label, string Sent, string Today, IReadOnlyList<string> Restated)
{
    public bool Changed => Sent != Today;
}

/// <summary>
/// A unit's stored review report and its way up: the unit's writers write the prose and submit it (a document number in
/// sequence per unit and year, the computed part frozen); a writer of a level above approves it — then it is locked —
/// or returns it with comments, and its figures refresh again until it is sent back.
/// </summary>
public sealed class ReportWorkflow(AppDb db, UnitScope scope, ReportBuilder builder, Figures figures)
{
    public const string Locked = "Báo cáo đã nộp hoặc đã được duyệt: không sửa được nữa.";

    private static readonly JsonSerializerOptions Json = new();

    private string Who => scope.User.Identity?.Name ?? "?";

    private string? WhoId => scope.User.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>May the account approve or return reports of this unit: a writer of a current unit strictly above it.</summary>
    public async Task<bool> CanReviewAsync(Unit unit)
    {
        var home = await scope.HomeAsync();
        return home is { ValidTo: null } && scope.IsWriter && home.Id != unit.Id && UnitScope.Covers(home, unit);
    }

    /// <summary>The unit's report of the period, made when a writer first opens it.</summary>
    public async Task<(ReviewReport? Report, Fail? Fail)> OpenAsync(Unit unit, Period period)
    {
        var existing = await db.ReviewReports.FirstOrDefaultAsync(r => r.UnitId == unit.Id && r.PeriodId == period.Id);
        if (existing is not null) return (existing, null);
        if (!await scope.CanWriteAsync(unit)) return (null, new Fail(403, RecordRules.NoWrite));
        if (unit.ValidTo is not null) return (null, RecordRules.Invalid("UnitId", RecordRules.EndedUnit));
        if (period.To > db.Clock.Today.AddYears(1)) return (null, RecordRules.Invalid("period", "Chỉ lập báo cáo cho kỳ đã qua, đang diễn ra hoặc sắp tới."));
        var report = new ReviewReport { UnitId = unit.Id, PeriodId = period.Id, CreatedAt = db.Clock.UtcNow, CreatedBy = Who };
        db.ReviewReports.Add(report);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException)
        {
            // Opened at the same moment by a colleague: theirs is the report.
            db.ChangeTracker.Clear();
            return (await db.ReviewReports.FirstAsync(r => r.UnitId == unit.Id && r.PeriodId == period.Id), null);
        }
        return (report, null);
    }

    /// <summary>The report as it reads now: the frozen figures once submitted, else computed afresh.</summary>
    public async Task<Report> ViewAsync(ReviewReport r, Unit unit)
    {
        var period = Period.Parse(r.PeriodId);
        var content = r.Snapshot is { } json
            ? JsonSerializer.Deserialize<ReportContent>(json, Json)!
            : (await builder.BuildAsync(unit, period, FigureMode.Then)).Content;
        return new Report(unit, period, FigureMode.Then, content)
        {
            Written = [r.Situation, r.Assessment, r.Tasks, r.Proposals],
            Number = r.Number,
        };
    }

    public async Task<Fail?> SaveProseAsync(ReviewReport r, Unit unit, ProseInput input)
    {
        if (await WriteFailAsync(r, unit) is { } fail) return fail;
        if (ApplyProse(r, input) is { } invalid) return invalid;
        return await SaveAsync();
    }

    /// <summary>
    /// Saves what was written and sends the report up: it gets its number (kept if it was returned and is sent again)
    /// and its figures are frozen.
    /// </summary>
    public async Task<Fail?> SubmitAsync(ReviewReport r, Unit unit, ProseInput input)
    {
        if (await WriteFailAsync(r, unit) is { } fail) return fail;
        if (unit.ParentId is null) return RecordRules.Invalid("", "Đơn vị cấp cao nhất không nộp báo cáo lên cấp trên.");
        if (ApplyProse(r, input) is { } invalid) return invalid;
        var e = new Dictionary<string, string[]>();
        if (r.Situation is null) RecordRules.Add(e, "Situation", "Viết phần I. Đặc điểm tình hình trước khi nộp.");
        if (r.Assessment is null) RecordRules.Add(e, "Assessment", "Viết phần III. Đánh giá chung trước khi nộp.");
        if (r.Tasks is null) RecordRules.Add(e, "Tasks", "Viết phần IV. Phương hướng, nhiệm vụ kỳ tới trước khi nộp.");
        var period = Period.Parse(r.PeriodId);
        var today = db.Clock.Today;
        if (period.From > today) RecordRules.Add(e, "", $"Kỳ báo cáo bắt đầu từ {Fmt.Date(period.From)}: chưa nộp được.");
        if (e.Count > 0) return RecordRules.Invalid(e);
        r.Snapshot = JsonSerializer.Serialize((await builder.BuildAsync(unit, period, FigureMode.Then)).Content, Json);
        r.Status = ReportStatus.Submitted;
        (r.SubmittedAt, r.SubmittedBy, r.SubmittedById) = (db.Clock.UtcNow, Who, WhoId);
        if (r.Number is null)
        {
            r.IssuedOn = today;
            r.NumberYear = today.Year;
            r.Number = await NextNumberAsync(unit.Id, today.Year);
        }
        return await SaveAsync("Số văn bản vừa được cấp cho một báo cáo khác nộp cùng lúc: bấm “Nộp” lại để nhận số tiếp theo.");
    }

    /// <summary>The officers' parts as typed (checked for length and version); null when they can be saved.</summary>
    private static Fail? ApplyProse(ReviewReport r, ProseInput input)
    {
        var e = new Dictionary<string, string[]>();
        foreach (var (field, value, i) in new[] { ("Situation", input.Situation, 0), ("Assessment", input.Assessment, 1), ("Tasks", input.Tasks, 2), ("Proposals", input.Proposals, 3) })
            RecordRules.CheckLength(e, field, value, ReportLimits.Prose, $"phần {Report.Prose[i].Number}");
        if (e.Count > 0) return RecordRules.Invalid(e);
        if (r.Version != input.Version) return new Fail(409, RecordRules.Conflict);
        (r.Situation, r.Assessment, r.Tasks, r.Proposals) = (Clean(input.Situation), Clean(input.Assessment), Clean(input.Tasks), Clean(input.Proposals));
        return null;
    }

    public Task<Fail?> ApproveAsync(ReviewReport r, Unit unit, string? comment, long version) => ReviewAsync(r, unit, comment, version, approve: true);

    public Task<Fail?> ReturnAsync(ReviewReport r, Unit unit, string? comment, long version) => ReviewAsync(r, unit, comment, version, approve: false);

    private async Task<Fail?> ReviewAsync(ReviewReport r, Unit unit, string? comment, long version, bool approve)
    {
        if (!await CanReviewAsync(unit)) return new Fail(403, "Chỉ cán bộ của Ủy ban MTTQ cấp trên mới duyệt hoặc trả lại báo cáo này.");
        if (r.Status != ReportStatus.Submitted) return RecordRules.Invalid("", "Chỉ duyệt hoặc trả lại báo cáo đang chờ duyệt.");
        if (r.SubmittedById is not null && r.SubmittedById == WhoId) return RecordRules.Invalid("", "Người nộp báo cáo không tự duyệt hoặc trả lại báo cáo của mình.");
        // A returned report is sent again by its unit: an ended unit no longer can, so its report can only be approved.
        if (!approve && unit.ValidTo is not null) return RecordRules.Invalid("", "Đơn vị đã kết thúc (sáp nhập, chia tách…): báo cáo chỉ duyệt được, không trả lại để sửa được.");
        var e = new Dictionary<string, string[]>();
        RecordRules.CheckLength(e, "Comment", comment, 4000, approve ? "nhận xét" : "lý do trả lại và nội dung cần sửa", required: !approve);
        if (e.Count > 0) return RecordRules.Invalid(e);
        if (r.Version != version) return new Fail(409, RecordRules.Conflict);
        (r.ReviewedAt, r.ReviewedBy, r.ReviewComment) = (db.Clock.UtcNow, Who, Clean(comment));
        r.Status = approve ? ReportStatus.Approved : ReportStatus.Returned;
        // Returned: the figures refresh again until it is sent back.
        if (!approve) r.Snapshot = null;
        return await SaveAsync();
    }

    /// <summary>
    /// The figures of a submitted report beside the same figures computed today: for the unit as it was (records changed
    /// since?) and restated onto the units that carry it on today (after merges and splits).
    /// </summary>
    public async Task<(List<Unit> Successors, List<ComparedFigure> Rows)> CompareAsync(Report sent)
    {
        var period = sent.Period;
        var today = (await figures.ComputeAsync(sent.Unit, period, FigureMode.Then)).ToDictionary(f => f.Indicator.Code);
        var successorIds = await db.UnitSuccessors.Where(s => s.OriginalUnitId == sent.Unit.Id).Select(s => s.CurrentUnitId).ToListAsync();
        // Only the units the reader may see: after a split, one part's officers do not see the other part's figures.
        var readable = await scope.ReadableAsync(db.Units);
        var successors = await readable.AsNoTracking().Where(u => successorIds.Contains(u.Id) && u.ValidTo == null).OrderBy(u => u.Name).ToListAsync();
        var restated = new List<Dictionary<string, Figure>>();
        foreach (var s in successors) restated.Add((await figures.ComputeAsync(s, period, FigureMode.Now)).ToDictionary(f => f.Indicator.Code));
        var rows = sent.Figures.Select(f => new ComparedFigure(f.Code, f.Label, f.Display,
            today.TryGetValue(f.Code, out var t) ? t.Display : "0",
            [.. restated.Select(d => d.TryGetValue(f.Code, out var x) ? x.Display : "0")])).ToList();
        return (successors, rows);
    }

    /// <summary>The deadline the level above set for this unit's report of the period.</summary>
    public async Task<DateOnly?> DeadlineAsync(Unit unit, string periodId) =>
        unit.ParentId is { } parent
            ? await db.ReportDeadlines.Where(d => d.UnitId == parent && d.PeriodId == periodId).Select(d => (DateOnly?)d.Due).FirstOrDefaultAsync()
            : null;

    private async Task<int> NextNumberAsync(int unitId, int year) =>
        (await db.ReviewReports.Where(x => x.UnitId == unitId && x.NumberYear == year).MaxAsync(x => x.Number) ?? 0) + 1;

    private async Task<Fail?> WriteFailAsync(ReviewReport r, Unit unit)
    {
        if (!await scope.CanWriteAsync(unit)) return new Fail(403, RecordRules.NoWrite);
        if (unit.ValidTo is not null) return RecordRules.Invalid("", RecordRules.EndedUnit);
        return r.Editable ? null : RecordRules.Invalid("", Locked);
    }

    private async Task<Fail?> SaveAsync(string? clash = null)
    {
        try
        {
            await db.SaveChangesAsync();
            return null;
        }
        catch (DbUpdateException ex)
        {
            // A stale version, or (not a concurrency error) the same number taken by a report submitted at the same moment.
            db.ChangeTracker.Clear();
            return new Fail(409, ex is DbUpdateConcurrencyException || clash is null ? RecordRules.Conflict : clash);
        }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
}
