using DoanKet.Data;
using DoanKet.Domain.Petitions;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Petitions;

/// <summary>/y-kien/tiep-xuc-cu-tri: voter-contact rounds of the account's units, and a form to open one.</summary>
public class RoundsModel(AppDb db, UnitScope scope) : PageModel
{
    public sealed class FormInput
    {
        public int UnitId { get; set; }
        public VoterBody Body { get; set; }
        public string? Name { get; set; }
        public string? Session { get; set; }
        public DateOnly? StartDate { get; set; }
        public DateOnly? EndDate { get; set; }
    }

    [BindProperty] public FormInput Input { get; set; } = new();
    public List<(VoterRound Round, string UnitName, int Meetings, int Opinions)> Rows { get; private set; } = [];
    public List<Unit> Writable { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var (unit, fail) = await RecordRules.WritableUnitAsync(db, scope, Input.UnitId);
        if (fail is { Status: 403 }) return Forbid();
        var e = fail?.Errors ?? [];
        if (unit is { Level: UnitLevel.ResidentialGroup }) RecordRules.Add(e, "UnitId", "Đợt tiếp xúc cử tri do xã, phường hoặc cấp trên tổ chức.");
        if (string.IsNullOrWhiteSpace(Input.Name) || Input.Name.Trim().Length > 300) RecordRules.Add(e, "Name", "Nhập tên đợt (tối đa 300 ký tự).");
        if (string.IsNullOrWhiteSpace(Input.Session) || Input.Session.Trim().Length > 300) RecordRules.Add(e, "Session", "Nhập kỳ họp, ví dụ “kỳ họp thứ 7 HĐND phường khóa XII” (tối đa 300 ký tự).");
        if (Input.StartDate is null) RecordRules.Add(e, "StartDate", "Nhập ngày bắt đầu.");
        else if (Input.EndDate < Input.StartDate) RecordRules.Add(e, "EndDate", "Ngày kết thúc không được trước ngày bắt đầu.");
        if (!Enum.IsDefined(Input.Body)) RecordRules.Add(e, "Body", "Chọn cơ quan dân cử.");
        if (e.Count > 0)
        {
            FormErrors.Add(ModelState, e);
            await LoadAsync();
            return Page();
        }
        var round = new VoterRound { UnitId = unit!.Id, Body = Input.Body, Name = Input.Name!.Trim(), Session = Input.Session!.Trim(), StartDate = Input.StartDate!.Value, EndDate = Input.EndDate };
        db.VoterRounds.Add(round);
        await db.SaveChangesAsync();
        return Redirect($"/y-kien/tiep-xuc-cu-tri/{round.Id}");
    }

    private async Task LoadAsync()
    {
        var home = await scope.HomeAsync();
        if (home is null) return;
        var area = await RecordRules.AreaAsync(db, scope, home);
        var rounds = await db.VoterRounds.AsNoTracking().Where(r => area.Any(u => u.Id == r.UnitId)).OrderByDescending(r => r.StartDate).Take(200).ToListAsync();
        var ids = rounds.Select(r => r.Id).ToList();
        var meetings = await db.VoterMeetings.AsNoTracking().Where(m => ids.Contains(m.RoundId)).Select(m => new { m.Id, m.RoundId }).ToListAsync();
        var meetingIds = meetings.Select(m => m.Id).ToList();
        var opinions = await db.Petitions.AsNoTracking().Where(p => p.VoterMeetingId != null && meetingIds.Contains(p.VoterMeetingId.Value))
            .GroupBy(p => p.VoterMeetingId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key!.Value, x => x.Count);
        var names = await RecordRules.UnitNamesAsync(db, rounds.Select(r => r.UnitId));
        Rows = [.. rounds.Select(r => (r, names.GetValueOrDefault(r.UnitId, ""), meetings.Count(m => m.RoundId == r.Id),
            meetings.Where(m => m.RoundId == r.Id).Sum(m => opinions.GetValueOrDefault(m.Id))))];
        Writable = await RecordRules.WritableChoicesAsync(db, scope, null, u => u.Level != UnitLevel.ResidentialGroup);
        if (Input.UnitId == 0) Input.UnitId = Writable.FirstOrDefault()?.Id ?? 0;
    }
}
