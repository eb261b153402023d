using DoanKet.Data;
using DoanKet.Domain.Portal;
using DoanKet.Features.News;
using DoanKet.Features.Portal;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Demo;

/// <summary>
/// The demo's public sites: an article for each conference of the demo records, drafted by <see cref="NewsWriter"/> from
/// the record (so its figures are the records' figures) and published the next day, as commune portals do; and the
/// search entries of the published answers and public funds.
/// </summary>
public sealed class DemoPortal(AppDb db)
{
    public async Task LoadAsync()
    {
        if (await db.Articles.IgnoreQueryFilters().AnyAsync()) return;
        await using var tx = await db.Database.BeginTransactionAsync();
        var conferences = await db.Conferences.AsNoTracking().Include(c => c.Decisions).OrderBy(c => c.Date).ThenBy(c => c.Id).ToListAsync();
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(u => u.Id);
        var n = 0;
        // The communes' own conferences (the residential groups' ones are the communes' business to write up).
        foreach (var c in conferences.Where(c => units[c.UnitId].Level != Domain.Units.UnitLevel.ResidentialGroup))
        {
            var unit = units[c.UnitId];
            var draft = NewsWriter.FromConference(c, unit);
            draft.CreatedAt = c.Date.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc).AddHours(-7);
            draft.CreatedBy = "demo";
            db.NewsDrafts.Add(draft);
            await db.SaveChangesAsync();
            var published = c.Date.AddDays(1).ToDateTime(new TimeOnly(14, 9), DateTimeKind.Utc).AddHours(-7);
            var a = new Article
            {
                UnitId = unit.Id, Title = draft.Title, Lead = draft.Lead, Body = ArticleHtml.Clean(draft.Body), NewsDraftId = draft.Id,
                Category = ArticleCategory.Activity, Author = "Ban Thường trực Ủy ban MTTQ " + unit.FullName,
                Status = PublishStatus.Published, PublishedAt = published, PublishedBy = "demo", Views = 40 + (n++ * 37 % 180),
                CreatedAt = draft.CreatedAt, CreatedBy = "demo",
            };
            db.Articles.Add(a);
            await db.SaveChangesAsync();
            await SearchIndex.PutAsync(db, "article", a.Id, a.UnitId, a.Title, a.Lead + "\n" + SearchIndex.PlainText(a.Body), Publishing.UrlOf(a, unit), published);
        }
        await db.SaveChangesAsync();
        await SearchIndex.IndexAnswersAndFundsAsync(db);
        await tx.CommitAsync();
    }
}
