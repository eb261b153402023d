using DoanKet.Data;
using DoanKet.Domain.Portal;
using DoanKet.Features.News;
using DoanKet.Features.Portal;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Demo;

/// <summary>
/// The demo's public sites: an article for each conference of the demo records, drafted by <see cref="NewsWriter"/> from
/// the record (so its figures are the records' figures) and published the next day, as commune portals do; and the
/// search entries of the published answers and public funds; and Sài Đồng's approved report of the first quarter of 2023
/// in its document library, as the Word file DoanKet makes of it.
/// </summary>
public sealed class DemoPortal(AppDb db, Reports.ReportWorkflow reports)
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
            await Publishing.IndexAsync(db, a, unit);
        }
        await db.SaveChangesAsync();
        await ReportDocumentAsync(units);
        await SearchIndex.IndexAnswersAndFundsAsync(db);
        await tx.CommitAsync();
    }

    private async Task ReportDocumentAsync(Dictionary<int, Domain.Units.Unit> units)
    {
        var stored = await db.ReviewReports.AsNoTracking().FirstOrDefaultAsync(r => r.Status == Domain.Reports.ReportStatus.Approved && r.Number != null);
        if (stored is null) return;
        var unit = units[stored.UnitId];
        var report = await reports.ViewAsync(stored, unit);
        var issued = stored.IssuedOn ?? Clock.DayOf(stored.CreatedAt);
        var bytes = Reports.ReportOutput.Word(report, issued);
        var (text, _) = History.SourceText.Read("bao-cao.docx", bytes);
        var published = issued.AddDays(1).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc).AddHours(-7);
        var d = new PublicDocument
        {
            UnitId = unit.Id, Number = $"{stored.Number}/BC-MTTQ", Type = DocumentType.Report, IssuedOn = issued,
            Title = $"Báo cáo sơ kết công tác Mặt trận {Reports.Wording.LowerFirst(report.Period.Label)}", Signer = "TM. Ban Thường trực Ủy ban MTTQ " + unit.FullName,
            Summary = $"Kết quả công tác Mặt trận {Reports.Wording.LowerFirst(report.Period.Label)} và phương hướng, nhiệm vụ kỳ tới.", Text = text,
            Status = PublishStatus.Published, PublishedAt = published, PublishedBy = "demo", CreatedAt = published, CreatedBy = "demo",
        };
        db.PublicDocuments.Add(d);
        await db.SaveChangesAsync();
        var file = new StoredFile
        {
            UnitId = unit.Id, OwnerKind = "document", OwnerId = d.Id, Name = $"bao-cao-{stored.Number}-{stored.PeriodId}.docx",
            ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Bytes = bytes, Size = bytes.Length,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), CreatedAt = published, CreatedBy = "demo",
        };
        db.StoredFiles.Add(file);
        await db.SaveChangesAsync();
        d.FileId = file.Id;
        await Publishing.IndexAsync(db, d, unit);
        await db.SaveChangesAsync();
    }
}
