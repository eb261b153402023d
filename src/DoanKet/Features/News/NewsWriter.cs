using System.Globalization;
using System.Text;
using DoanKet.Data;
using DoanKet.Domain.Records;
using DoanKet.Domain.Reports;
using DoanKet.Domain.Units;
using DoanKet.Features.Reports;
using DoanKet.Infrastructure;

namespace DoanKet.Features.News;

/// <summary>
/// Drafts a news article from a conference or a report, the way commune portals write them: the title, a lead with who did
/// what and when, and a body with the figures — every number taken from the record, never typed. Officers edit it after.
/// </summary>
public sealed class NewsWriter(AppDb db, UnitScope scope)
{
    public static NewsDraft FromReport(Report r, ReviewReport stored)
    {
        var committee = "Ủy ban MTTQ Việt Nam " + Wording.LowerFirst(r.Unit.FullName);
        var period = Wording.LowerFirst(r.Period.Label);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"Theo báo cáo {Wording.LowerFirst(r.Kind)} của Ban Thường trực {committee}, {period} Mặt trận và các tổ chức thành viên đã đạt các kết quả sau.");
        foreach (var s in r.Results)
            body.Append("\n\n").Append(s.Title).Append(": ").Append(string.Join(" ", s.Sentences.Select(x => x.Text)));
        if (r.Targets.Count > 0) body.Append("\n\nThực hiện các chỉ tiêu: ").Append(string.Join(" ", r.Targets));
        if (r.Paragraphs(2) is { } tasks) body.Append("\n\nPhương hướng, nhiệm vụ kỳ tới: ").Append(string.Join(" ", tasks));
        return new NewsDraft
        {
            UnitId = r.Unit.Id,
            Title = Clip($"{committee} {Wording.LowerFirst(r.Kind)} công tác Mặt trận {period}", ReportLimits.Title),
            Lead = Clip($"Ban Thường trực {committee} {Wording.LowerFirst(r.Kind)} công tác Mặt trận {period} và đề ra phương hướng, nhiệm vụ kỳ tới.", ReportLimits.Lead),
            Body = Clip(body.ToString(), ReportLimits.Body),
            SourceType = "report", SourceId = stored.Id,
        };
    }

    public static NewsDraft FromConference(Conference c, Unit unit)
    {
        var committee = "Ủy ban MTTQ Việt Nam " + Wording.LowerFirst(unit.FullName);
        var body = new StringBuilder();
        if (c.Present is int present)
        {
            body.Append(c.Invited is int invited && invited > 0
                ? $"Tham dự hội nghị có {Reports.Wording.Fraction(present, invited, "đại biểu")} được triệu tập, đạt {Reports.Wording.Rate(100.0 * present / invited)}."
                : $"Tham dự hội nghị có {Reports.Wording.Count(present, "đại biểu")}.");
        }
        if (c.Opinions is > 0) body.Append(CultureInfo.InvariantCulture, $" Hội nghị đã ghi nhận {Reports.Wording.Count(c.Opinions.Value, "ý kiến")} phát biểu, đóng góp.");
        foreach (var d in c.Decisions)
            body.Append($"\n\nHội nghị biểu quyết {Wording.LowerFirst(d.Subject)} với {Reports.Wording.Fraction(d.For, d.Present, "đại biểu")} tán thành"
                + (d.Present > 0 ? $", đạt {Reports.Wording.Rate(100.0 * d.For / d.Present)}." : "."));
        if (!string.IsNullOrWhiteSpace(c.Minutes)) body.Append("\n\n").Append(c.Minutes.Trim());
        return new NewsDraft
        {
            UnitId = unit.Id,
            Title = Clip(c.Title, ReportLimits.Title),
            Lead = Clip($"Ngày {c.Date.Day}/{c.Date.Month}/{c.Date.Year}, {committee} tổ chức {Wording.LowerFirst(c.Title)}.", ReportLimits.Lead),
            Body = Clip(body.Length > 0 ? body.ToString().TrimStart() : c.Title + ".", ReportLimits.Body),
            SourceType = "conference", SourceId = c.Id,
        };
    }

    public async Task<NewsDraft> SaveAsync(NewsDraft draft)
    {
        draft.CreatedAt = db.Clock.UtcNow;
        draft.CreatedBy = scope.User.Identity?.Name;
        db.NewsDrafts.Add(draft);
        await db.SaveChangesAsync();
        return draft;
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
