using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Petitions;
using DoanKet.Features.Records;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Public;

/// <summary>/gop-y/tra-loi: published answers, searchable without diacritics; the checked summary, never the petitioner.</summary>
public class AnswersModel(AppDb db) : PageModel
{
    public const int PageSize = 20;
    public sealed record Row(int Id, string UnitName, string? Topic, DateOnly ReceivedOn, string Summary, string Answer, string? AnsweredBy, string? Document, DateOnly PublishedOn);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "chu-de")] public int? TopicId { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int PageNumber { get; set; } = 1;

    public List<Row> Rows { get; private set; } = [];
    public List<Topic> Topics { get; private set; } = [];
    public bool More { get; private set; }

    public async Task OnGetAsync()
    {
        Topics = await db.Topics.AsNoTracking().Where(t => !t.Retired).OrderBy(t => t.SortOrder).ToListAsync();
        var q = db.Petitions.AsNoTracking().Where(p => p.PublicFolded != null);
        if (TopicId is int t) q = q.Where(p => p.TopicId == t);
        foreach (var word in Text.Fold(Q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
            q = q.Where(p => p.PublicFolded!.Contains(word));
        await FillAsync(await q.OrderByDescending(p => p.PublishedOn).ThenByDescending(p => p.Id).Skip((Math.Clamp(PageNumber, 1, 10_000) - 1) * PageSize).Take(PageSize + 1).ToListAsync());
    }

    private async Task FillAsync(List<Petition> rows)
    {
        More = rows.Count > PageSize;
        rows = [.. rows.Take(PageSize)];
        var names = await RecordRules.UnitNamesAsync(db, rows.Select(p => p.UnitId));
        var topics = Topics.ToDictionary(t => t.Id, t => t.Name);
        Rows = [.. rows.Select(p => new Row(p.Id, names.GetValueOrDefault(p.UnitId, ""), p.TopicId is int t ? topics.GetValueOrDefault(t) : null, p.ReceivedOn,
            p.PublicSummary!, p.Answer!, p.AnsweredBy, p.AnswerDocument, p.PublishedOn!.Value))];
    }
}
