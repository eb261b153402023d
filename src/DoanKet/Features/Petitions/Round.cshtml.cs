using DoanKet.Data;
using DoanKet.Domain.Petitions;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Petitions;

/// <summary>
/// /y-kien/tiep-xuc-cu-tri/{id}: a round's meetings and their opinions, consolidated by topic group with likely
/// duplicates across meetings (merged on the petition's page, which keeps every source).
/// </summary>
public class RoundModel(AppDb db, UnitScope scope, PetitionFlow flow, RecordWriter writer) : PageModel
{
    public sealed class MeetingInput
    {
        public DateOnly? Date { get; set; }
        public string? Place { get; set; }
        public string? Deputies { get; set; }
        public int? Attendance { get; set; }
    }

    public sealed class OpinionInput
    {
        public int MeetingId { get; set; }
        public int? TopicId { get; set; }
        public Competence Competence { get; set; }
        public string? Content { get; set; }
        public string? PetitionerName { get; set; }
    }

    [BindProperty] public MeetingInput Meeting { get; set; } = new();
    [BindProperty] public OpinionInput Opinion { get; set; } = new();

    public VoterRound Round { get; private set; } = null!;
    public Unit Unit { get; private set; } = null!;
    public bool Writer { get; private set; }
    public List<VoterMeeting> Meetings { get; private set; } = [];
    public List<PetitionDto> Opinions { get; private set; } = [];
    public List<Topic> Topics { get; private set; } = [];
    public List<(PetitionDto A, PetitionDto B, double Score)> Pairs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    /// <summary>The round's summary report (.docx): opinions after merging, by topic group, each with the meetings it came from.</summary>
    public async Task<IActionResult> OnGetWordAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var groups = Topics.ToDictionary(t => t.Id, t => t.Group);
        var places = Meetings.ToDictionary(m => m.Id, m => m.Place);
        string PlaceOf(PetitionDto o) => o.VoterMeetingId is int m ? places.GetValueOrDefault(m, "") : "";
        var items = Opinions.Where(o => o.Status != PetitionStatus.Duplicate).Select(o =>
        {
            var merged = Opinions.Where(x => x.DuplicateOfId == o.Id).ToList();
            return (Group: o.TopicId is int t ? groups.GetValueOrDefault(t, "Vấn đề khác") : "Chưa phân loại",
                Item: new RoundDocument.Item(o.Content, o.Competence, [PlaceOf(o), .. merged.Select(PlaceOf)], merged.Count + 1));
        });
        var doc = RoundDocument.Build(Round, Unit, Meetings, Opinions.Count,
            [.. items.GroupBy(x => x.Group).OrderByDescending(g => g.Count()).Select(g => new RoundDocument.Group(g.Key, [.. g.Select(x => x.Item)]))], db.Clock.Today);
        return File(doc, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"tong-hop-y-kien-cu-tri-{id}.docx");
    }

    public async Task<IActionResult> OnPostMeetingAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Writer) return Forbid();
        var e = new Dictionary<string, string[]>();
        if (Meeting.Date is not { } date) RecordRules.Add(e, "Date", "Nhập ngày tiếp xúc.");
        else if (date < Round.StartDate || Round.EndDate is { } end && date > end || date > db.Clock.Today)
            RecordRules.Add(e, "Date", $"Ngày tiếp xúc phải trong đợt (từ {Fmt.Date(Round.StartDate)}) và không sau hôm nay.");
        if (string.IsNullOrWhiteSpace(Meeting.Place) || Meeting.Place.Trim().Length > 300) RecordRules.Add(e, "Place", "Nhập địa điểm (tối đa 300 ký tự).");
        if (string.IsNullOrWhiteSpace(Meeting.Deputies) || Meeting.Deputies.Trim().Length > 1000) RecordRules.Add(e, "Deputies", "Nhập đại biểu dự (tối đa 1.000 ký tự).");
        if (Meeting.Attendance is not (>= 0 and <= 100_000)) RecordRules.Add(e, "Attendance", "Nhập số cử tri dự (0 đến 100.000).");
        if (e.Count > 0)
        {
            FormErrors.Add(ModelState, e, "Meeting.");
            return Page();
        }
        var m = new VoterMeeting { RoundId = id, UnitId = Round.UnitId, Date = Meeting.Date!.Value, Place = Meeting.Place!.Trim(), Deputies = Meeting.Deputies!.Trim(), Attendance = Meeting.Attendance!.Value };
        db.VoterMeetings.Add(m);
        await writer.SaveAsync(m);
        TempData["Message"] = "Đã ghi cuộc tiếp xúc.";
        return Redirect($"/y-kien/tiep-xuc-cu-tri/{id}");
    }

    public async Task<IActionResult> OnPostOpinionAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!Writer) return Forbid();
        var meeting = Meetings.FirstOrDefault(m => m.Id == Opinion.MeetingId);
        var input = new PetitionInput(Unit.Id, PetitionChannel.VoterContact, PetitionKind.Petition, Opinion.Competence, Opinion.TopicId, meeting?.Date, Opinion.Content,
            string.IsNullOrWhiteSpace(Opinion.PetitionerName), Opinion.PetitionerName, null, null, meeting?.Id);
        var e = await flow.ValidateAsync(input, Unit);
        if (meeting is null) RecordRules.Add(e, "MeetingId", "Chọn cuộc tiếp xúc của đợt này.");
        if (e.Count > 0)
        {
            FormErrors.Add(ModelState, e, "Opinion.");
            return Page();
        }
        await flow.ReceiveAsync(input, User.Identity?.Name ?? "?");
        TempData["Message"] = "Đã ghi ý kiến cử tri.";
        return Redirect($"/y-kien/tiep-xuc-cu-tri/{id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var round = await db.VoterRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
        var unit = round is null ? null : await Units.UnitsApi.FindReadableAsync(round.UnitId, db, scope);
        if (round is null || unit is null) return false;
        (Round, Unit) = (round, unit);
        Writer = unit.ValidTo is null && await scope.CanWriteAsync(unit);
        Meetings = await db.VoterMeetings.AsNoTracking().Where(m => m.RoundId == id).OrderBy(m => m.Date).ThenBy(m => m.Id).ToListAsync();
        var meetingIds = Meetings.Select(m => m.Id).ToList();
        var opinions = await db.Petitions.AsNoTracking().Where(p => p.VoterMeetingId != null && meetingIds.Contains(p.VoterMeetingId.Value)).OrderBy(p => p.Id).ToListAsync();
        Opinions = await PetitionQueries.DtosAsync(db, scope, opinions);
        Topics = await db.Topics.AsNoTracking().OrderBy(t => t.SortOrder).ToListAsync();
        var byId = Opinions.ToDictionary(o => o.Id);
        Pairs = [.. PetitionFlow.Similar([.. opinions.Where(p => p.Status != PetitionStatus.Duplicate)]).Take(20).Select(x => (byId[x.A.Id], byId[x.B.Id], x.Score))];
        return true;
    }
}
