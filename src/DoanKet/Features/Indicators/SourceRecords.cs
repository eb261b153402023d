using System.Globalization;
using DoanKet.Data;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Indicators;

/// <summary>One line of a figure's provenance: the fact, the record it came from, where to open it.</summary>
public sealed record SourceRow(Source Source, string UnitName, string TypeLabel, string Title, string Url, string FactLabel);

/// <summary>Titles, unit names and addresses of the records behind a figure, loaded per record type.</summary>
public static class SourceRecords
{
    public static string TypeLabel(string recordType) => recordType switch
    {
        RecordFacts.ActivityType => "Hoạt động",
        RecordFacts.ConferenceType => "Hội nghị",
        RecordFacts.InitiativeType => "Mô hình",
        RecordFacts.UnityDayType => "Ngày hội Đại đoàn kết",
        RecordFacts.CommendationType => "Khen thưởng",
        Funds.FundLedger.RecordType => "Sổ quỹ",
        RecordFacts.PetitionType => "Ý kiến, kiến nghị",
        RecordFacts.VoterMeetingType => "Tiếp xúc cử tri",
        RecordFacts.SupervisionType => "Giám sát",
        RecordFacts.CriticismType => "Phản biện, góp ý",
        Domain.History.HistoricalDocument.RecordType => "Nhập từ văn bản cũ",
        _ => recordType,
    };

    public static async Task<List<SourceRow>> LoadAsync(AppDb db, IReadOnlyList<Source> sources)
    {
        List<int> Ids(string type) => [.. sources.Where(s => s.RecordType == type).Select(s => s.RecordId).Distinct()];
        var activityIds = Ids(RecordFacts.ActivityType);
        var conferenceIds = Ids(RecordFacts.ConferenceType);
        var initiativeIds = Ids(RecordFacts.InitiativeType);
        var unityIds = Ids(RecordFacts.UnityDayType);
        var commendationIds = Ids(RecordFacts.CommendationType);

        var kinds = await db.ActivityKinds.AsNoTracking().ToDictionaryAsync(k => k.Code);
        var kindNames = kinds.Values.ToDictionary(k => k.Id, k => k.Name);
        var titles = new Dictionary<(string, int), (string Title, string Url)>();
        foreach (var a in await db.Activities.AsNoTracking().Where(a => activityIds.Contains(a.Id)).Select(a => new { a.Id, a.Title, a.KindId }).ToListAsync())
            {
            var kind = kindNames.GetValueOrDefault(a.KindId, "?");
            titles[(RecordFacts.ActivityType, a.Id)] = (a.Title.Contains(kind, StringComparison.Ordinal) ? a.Title : $"{a.Title} ({kind})", UrlOf(RecordFacts.ActivityType, a.Id));
        }
        foreach (var c in await db.Conferences.AsNoTracking().Where(c => conferenceIds.Contains(c.Id)).Select(c => new { c.Id, c.Title }).ToListAsync())
            titles[(RecordFacts.ConferenceType, c.Id)] = (c.Title, UrlOf(RecordFacts.ConferenceType, c.Id));
        foreach (var i in await db.Initiatives.AsNoTracking().Where(i => initiativeIds.Contains(i.Id)).Select(i => new { i.Id, i.Name }).ToListAsync())
            titles[(RecordFacts.InitiativeType, i.Id)] = (i.Name, UrlOf(RecordFacts.InitiativeType, i.Id));
        foreach (var d in await db.UnityDays.AsNoTracking().Where(d => unityIds.Contains(d.Id)).Select(d => new { d.Id, d.UnitId, d.Year }).ToListAsync())
            titles[(RecordFacts.UnityDayType, d.Id)] = ($"Ngày hội ĐĐK năm {I(d.Year)}", UrlOf(RecordFacts.UnityDayType, d.Id, d.UnitId, d.Year));
        foreach (var c in await db.Commendations.AsNoTracking().Where(c => commendationIds.Contains(c.Id)).Select(c => new { c.Id, c.Recipient, c.Form }).ToListAsync())
            titles[(RecordFacts.CommendationType, c.Id)] = ($"{Commendation.FormLabel(c.Form)}: {c.Recipient}", UrlOf(RecordFacts.CommendationType, c.Id));

        var moneyIds = Ids(Funds.FundLedger.RecordType);
        foreach (var e in await db.MoneyEntries.AsNoTracking().Where(e => moneyIds.Contains(e.Id))
            .Join(db.Funds, e => e.FundId, f => f.Id, (e, f) => new { e.Id, e.Seq, e.Kind, e.DonorName, e.BeneficiaryName, e.Purpose, Fund = f.Name }).ToListAsync())
            // A beneficiary's name shortened: provenance lists are read by reviewers too.
            titles[(Funds.FundLedger.RecordType, e.Id)] = ($"{e.Fund}, bút toán số {e.Seq}: " + (e.Kind == Domain.Funds.EntryKind.Contribution ? e.DonorName
                : Domain.Funds.MoneyEntry.PurposeLabel(e.Purpose ?? Domain.Funds.Purpose.Support) + (e.BeneficiaryName is null ? "" : " — " + Funds.FundRules.ShortName(e.BeneficiaryName))),
                UrlOf(Funds.FundLedger.RecordType, e.Id));
        // A petition by its date and topic only: its content may name people, and provenance is read by upper levels too.
        var petitionIds = Ids(RecordFacts.PetitionType);
        foreach (var p in await db.Petitions.AsNoTracking().Where(p => petitionIds.Contains(p.Id))
            .Select(p => new { p.Id, p.ReceivedOn, p.Channel, Topic = db.Topics.Where(t => t.Id == p.TopicId).Select(t => t.Name).FirstOrDefault() }).ToListAsync())
            titles[(RecordFacts.PetitionType, p.Id)] = ($"Ý kiến tiếp nhận ngày {Infrastructure.Fmt.Date(p.ReceivedOn)} ({Domain.Petitions.PetitionLabels.Channel(p.Channel).ToLowerInvariant()}{(p.Topic is null ? "" : ", " + p.Topic.ToLowerInvariant())})",
                UrlOf(RecordFacts.PetitionType, p.Id));
        var meetingIds = Ids(RecordFacts.VoterMeetingType);
        foreach (var m in await db.VoterMeetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).Select(m => new { m.Id, m.RoundId, m.Date, m.Place }).ToListAsync())
            titles[(RecordFacts.VoterMeetingType, m.Id)] = ($"Tiếp xúc cử tri ngày {Infrastructure.Fmt.Date(m.Date)} tại {m.Place}", UrlOf(RecordFacts.VoterMeetingType, m.RoundId));
        var supervisionIds = Ids(RecordFacts.SupervisionType);
        foreach (var x in await db.Supervisions.AsNoTracking().Where(x => supervisionIds.Contains(x.Id)).Select(x => new { x.Id, x.Title }).ToListAsync())
            titles[(RecordFacts.SupervisionType, x.Id)] = (x.Title, UrlOf(RecordFacts.SupervisionType, x.Id));
        var criticismIds = Ids(RecordFacts.CriticismType);
        foreach (var x in await db.SocialCriticisms.AsNoTracking().Where(x => criticismIds.Contains(x.Id)).Select(x => new { x.Id, x.Kind, x.Draft }).ToListAsync())
            titles[(RecordFacts.CriticismType, x.Id)] = ($"{Domain.Supervisions.SupervisionLabels.Kind(x.Kind)}: {x.Draft}", UrlOf(RecordFacts.CriticismType, x.Id));
        var documentIds = Ids(Domain.History.HistoricalDocument.RecordType);
        foreach (var d in await db.HistoricalDocuments.AsNoTracking().Where(d => documentIds.Contains(d.Id)).Select(d => new { d.Id, d.Title }).ToListAsync())
            titles[(Domain.History.HistoricalDocument.RecordType, d.Id)] = (d.Title, UrlOf(Domain.History.HistoricalDocument.RecordType, d.Id));
        var unitIds = sources.Select(s => s.UnitId).Distinct().ToList();
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Kind, u.Name, u.ValidTo }).ToListAsync();
        var names = units.ToDictionary(u => u.Id, u => Unit.FullNameOf(u.Kind, u.Name) + (u.ValidTo is null ? "" : $" (đến {Infrastructure.Fmt.Until(u.ValidTo)})"));

        return [.. sources.Select(s =>
        {
            var (title, url) = titles.GetValueOrDefault((s.RecordType, s.RecordId), ("(bản ghi đã xóa)", ""));
            return new SourceRow(s, names.GetValueOrDefault(s.UnitId, "?"), TypeLabel(s.RecordType), title, url, FigureText.Fact(s.Key, kinds));
        })];
    }

    /// <summary>
    /// The page of a record (Features/Records; a voter meeting's is its round's, so pass the round's id). Initiatives and commendations have only their edit page
    /// (writers; others get the access-denied page); a Unity Day is shown on its unit's page for the year.
    /// </summary>
    public static string UrlOf(string recordType, int id, int unitId = 0, int year = 0) => recordType switch
    {
        RecordFacts.ActivityType => $"/cong-viec/hoat-dong/{I(id)}",
        RecordFacts.ConferenceType => $"/cong-viec/hoi-nghi/{I(id)}",
        RecordFacts.InitiativeType => $"/cong-viec/mo-hinh/{I(id)}/sua",
        RecordFacts.CommendationType => $"/cong-viec/khen-thuong/{I(id)}/sua",
        RecordFacts.UnityDayType => $"/cong-viec/ngay-hoi/{I(unitId)}?nam={I(year)}",
        Funds.FundLedger.RecordType => $"/quy/but-toan/{I(id)}",
        RecordFacts.PetitionType => $"/y-kien/{I(id)}",
        RecordFacts.VoterMeetingType => $"/y-kien/tiep-xuc-cu-tri/{I(id)}",
        RecordFacts.SupervisionType => $"/giam-sat/{I(id)}",
        RecordFacts.CriticismType => $"/phan-bien/{I(id)}",
        Domain.History.HistoricalDocument.RecordType => $"/lich-su/{I(id)}",
        _ => "",
    };

    private static string I(int i) => i.ToString(CultureInfo.InvariantCulture);
}
