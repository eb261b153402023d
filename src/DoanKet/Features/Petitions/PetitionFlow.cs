using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Petitions;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DoanKet.Features.Petitions;

/// <summary>Deadlines in days (section "Petitions" of the configuration).</summary>
public sealed class PetitionOptions
{
    /// <summary>To classify a petition after receiving it.</summary>
    public int ClassifyDays { get; set; } = 5;
    /// <summary>To answer, or for the agency to answer after forwarding, per kind.</summary>
    public int OpinionDays { get; set; } = 15;
    public int PetitionDays { get; set; } = 15;
    public int ComplaintDays { get; set; } = 30;
    /// <summary>Feedback on a forwarded denunciation is due in 7 days.</summary>
    public int DenunciationDays { get; set; } = 7;
    /// <summary>How long a citizen may reopen a published or closed petition.</summary>
    public int ReopenDays { get; set; } = 30;

    public int AnswerDays(PetitionKind k) => k switch
    {
        PetitionKind.Opinion => OpinionDays,
        PetitionKind.Petition => PetitionDays,
        PetitionKind.Complaint => ComplaintDays,
        _ => DenunciationDays,
    };
}

public enum PetitionAction { Classify, Forward, Answer, SendBack, Check, Publish, Close, Transfer, MarkDuplicate, CloseUnresolved, Reopen }

public sealed record PetitionInput(int UnitId, PetitionChannel Channel, PetitionKind Kind, Competence Competence, int? TopicId, DateOnly? ReceivedOn,
    string? Content, bool Anonymous, string? PetitionerName, string? PetitionerContact, string? PetitionerAddress, int? VoterMeetingId = null);

public sealed record PersonalPetition(string Code, string Unit, DateOnly ReceivedOn, string Channel, string Kind, string Content, string Status, string? Answer);
public sealed record PersonalData(string? Name, string? Contact, string? Address, DateTime ExportedAt, List<PersonalPetition> Petitions);

public sealed record ActionInput(PetitionAction Action, long? Version, int? TopicId = null, PetitionKind? Kind = null, Competence? Competence = null,
    int? AgencyId = null, DateOnly? DueDate = null, string? Answer = null, string? AnswerDocument = null, string? AnsweredBy = null,
    string? PublicSummary = null, string? TransferredTo = null, string? Reason = null, int? DuplicateOfId = null);

/// <summary>
/// The petition workflow shared by the pages, the API and the public form: receiving, each step with its
/// rules and deadline, the history, and the facts the petition writes (through <see cref="RecordWriter"/>).
/// </summary>
public sealed class PetitionFlow(AppDb db, RecordWriter writer, IOptions<PetitionOptions> options, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore? cache = null)
{
    public PetitionOptions Options => options.Value;
    public const string Anonymous = "Người gửi giấu tên";

    /// <summary>The actions a petition in a status allows.</summary>
    public static PetitionAction[] Allowed(Petition p) => p.Status switch
    {
        PetitionStatus.Received => [PetitionAction.Classify, PetitionAction.Transfer, PetitionAction.MarkDuplicate, PetitionAction.CloseUnresolved],
        PetitionStatus.Classified => [PetitionAction.Answer, PetitionAction.Forward, PetitionAction.Classify, PetitionAction.Transfer, PetitionAction.MarkDuplicate, PetitionAction.CloseUnresolved],
        PetitionStatus.Forwarded => [PetitionAction.Answer, PetitionAction.Forward, PetitionAction.Transfer, PetitionAction.CloseUnresolved],
        PetitionStatus.Answered => [PetitionAction.Check, PetitionAction.SendBack],
        PetitionStatus.Checked => p.Kind == PetitionKind.Denunciation ? [PetitionAction.Close] : [PetitionAction.Publish, PetitionAction.Close],
        PetitionStatus.Published => [PetitionAction.Close, PetitionAction.Reopen],
        _ => [PetitionAction.Reopen],
    };

    public static string Label(PetitionAction a) => a switch
    {
        PetitionAction.Classify => "Phân loại",
        PetitionAction.Forward => "Chuyển cơ quan có thẩm quyền",
        PetitionAction.Answer => "Ghi nội dung trả lời",
        PetitionAction.SendBack => "Trả lại: trả lời chưa đáp ứng",
        PetitionAction.Check => "Xác nhận trả lời đúng nội dung",
        PetitionAction.Publish => "Công khai trả lời",
        PetitionAction.Close => "Kết thúc",
        PetitionAction.Transfer => "Chuyển nơi khác giải quyết",
        PetitionAction.MarkDuplicate => "Gộp vào ý kiến trùng",
        PetitionAction.CloseUnresolved => "Kết thúc, chưa giải quyết được",
        _ => "Mở lại",
    };

    private static void Add(Dictionary<string, string[]> e, string field, string message) => RecordRules.Add(e, field, message);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The checks of a new petition (officers' form, API, public form).</summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(PetitionInput input, Unit unit)
    {
        var e = new Dictionary<string, string[]>();
        if (input.ReceivedOn is not { } on) Add(e, "ReceivedOn", "Nhập ngày tiếp nhận.");
        else if (on > db.Clock.Today) Add(e, "ReceivedOn", "Ngày tiếp nhận không được sau hôm nay.");
        else if (!unit.IsValidOn(on)) Add(e, "ReceivedOn", $"Ngày tiếp nhận phải trong thời gian {unit.FullName} còn hiệu lực.");
        RecordRules.CheckLength(e, "Content", input.Content, 8000, "nội dung ý kiến", required: true);
        if (Clean(input.Content) is { Length: < 10 }) Add(e, "Content", "Nội dung quá ngắn: ghi rõ sự việc, địa điểm, đề nghị (ít nhất 10 ký tự).");
        RecordRules.CheckLength(e, "PetitionerName", input.PetitionerName, 200, "họ tên");
        RecordRules.CheckLength(e, "PetitionerContact", input.PetitionerContact, 200, "số điện thoại, thư điện tử");
        RecordRules.CheckLength(e, "PetitionerAddress", input.PetitionerAddress, 300, "địa chỉ");
        if (!input.Anonymous && Clean(input.PetitionerName) is null) Add(e, "PetitionerName", "Nhập họ tên người gửi, hoặc chọn giấu tên.");
        if (input.Kind == PetitionKind.Denunciation && (input.Anonymous || Clean(input.PetitionerName) is null || Clean(input.PetitionerContact) is null && Clean(input.PetitionerAddress) is null))
            Add(e, "Anonymous", "Tố cáo phải ghi rõ họ tên và địa chỉ hoặc số điện thoại của người tố cáo; không tiếp nhận tố cáo giấu tên.");
        if (!Enum.IsDefined(input.Channel)) Add(e, "Channel", "Chọn kênh tiếp nhận.");
        if (!Enum.IsDefined(input.Kind)) Add(e, "Kind", "Chọn loại ý kiến.");
        if (!Enum.IsDefined(input.Competence)) Add(e, "Competence", "Chọn thẩm quyền giải quyết.");
        if (input.TopicId is int t && !await db.Topics.AnyAsync(x => x.Id == t && !x.Retired)) Add(e, "TopicId", "Chọn nhóm vấn đề trong danh mục.");
        if (input.VoterMeetingId is int m)
        {
            var meeting = await db.VoterMeetings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == m);
            if (meeting is null || meeting.UnitId != unit.Id) Add(e, "VoterMeetingId", "Cuộc tiếp xúc cử tri không thuộc đơn vị này.");
            else if (input.Channel != PetitionChannel.VoterContact) Add(e, "Channel", "Ý kiến tại cuộc tiếp xúc cử tri có kênh “Tiếp xúc cử tri”.");
        }
        return e;
    }

    /// <summary>Attachments checked before anything is saved: at most three photos or PDFs of 5 MB each, by what the bytes are.</summary>
    public static async Task<(List<PetitionFile> Files, string? Error)> ReadFilesAsync(IEnumerable<IFormFile>? uploads)
    {
        var files = new List<PetitionFile>();
        foreach (var f in (uploads ?? []).Where(f => f.Length > 0))
        {
            if (files.Count == PetitionFile.MaxPerPetition) return ([], $"Gửi kèm tối đa {PetitionFile.MaxPerPetition} tệp.");
            if (f.Length > PetitionFile.MaxBytes) return ([], $"Tệp “{f.FileName}” lớn hơn 5 MB: hãy chụp ảnh nhỏ hơn hoặc tách tệp.");
            using var ms = new MemoryStream();
            await f.CopyToAsync(ms);
            var bytes = ms.ToArray();
            if (PetitionFile.Sniff(bytes) is not { } type) return ([], $"Tệp “{f.FileName}” không phải ảnh (JPEG, PNG, WebP) hoặc PDF.");
            var name = Path.GetFileName(f.FileName);
            files.Add(new PetitionFile { FileName = name.Length > 200 ? name[^200..] : name, ContentType = type, Bytes = bytes });
        }
        return (files, null);
    }

    /// <summary>Records a new petition with a fresh tracking code, its attachments, its first step and its facts, in one transaction.</summary>
    public async Task<Petition> ReceiveAsync(PetitionInput input, string by, bool publicForm = false, IReadOnlyList<PetitionFile>? files = null)
    {
        var anonymous = input.Anonymous && input.Kind != PetitionKind.Denunciation;
        var p = new Petition
        {
            Code = await FreshCodeAsync(), UnitId = input.UnitId, Channel = input.Channel, Kind = input.Kind, Competence = input.Competence, TopicId = input.TopicId,
            ReceivedOn = input.ReceivedOn!.Value, Content = input.Content!.Trim(), ContentFolded = Text.Fold(input.Content), Anonymous = anonymous,
            PetitionerName = anonymous ? null : Clean(input.PetitionerName), PetitionerContact = anonymous ? null : Clean(input.PetitionerContact),
            PetitionerAddress = anonymous ? null : Clean(input.PetitionerAddress), VoterMeetingId = input.VoterMeetingId,
            Status = PetitionStatus.Received, DueDate = input.ReceivedOn.Value.AddDays(Options.ClassifyDays), CreatedAt = db.Clock.UtcNow, CreatedBy = by,
        };
        db.Petitions.Add(p);
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await writer.SaveAsync(p);
        foreach (var f in files ?? []) { (f.PetitionId, f.CreatedAt) = (p.Id, p.CreatedAt); db.PetitionFiles.Add(f); }
        db.PetitionEvents.Add(new PetitionEvent
        {
            PetitionId = p.Id, At = db.Clock.UtcNow, By = by, To = PetitionStatus.Received, Public = true,
            Action = publicForm ? "Tiếp nhận qua cổng trực tuyến" : "Tiếp nhận: " + PetitionLabels.Channel(p.Channel).ToLowerInvariant(),
        });
        await db.SaveChangesAsync();
        if (tx is not null) await tx.CommitAsync();
        return p;
    }

    private async Task<string> FreshCodeAsync()
    {
        while (true)
        {
            var code = Petition.NewCode();
            if (!await db.Petitions.IgnoreQueryFilters().AnyAsync(p => p.Code == code)) return code;
        }
    }

    /// <summary>
    /// Applies one step to a tracked petition after checking it is allowed and complete; saves it with its
    /// facts and history in one transaction. Errors by field (Vietnamese); null when done.
    /// </summary>
    public async Task<Fail?> ApplyAsync(Petition p, Unit unit, ActionInput a, string by)
    {
        if (!Allowed(p).Contains(a.Action))
            return new Fail(409, $"Ý kiến đang ở bước “{PetitionLabels.Status(p.Status)}”: không thể “{Label(a.Action).ToLowerInvariant()}”.");
        var e = new Dictionary<string, string[]>();
        var today = db.Clock.Today;
        var from = p.Status;
        string? publicNote = null, note = Clean(a.Reason);
        switch (a.Action)
        {
            case PetitionAction.Classify:
                if (a.TopicId is not int topic || !await db.Topics.AnyAsync(t => t.Id == topic && !t.Retired)) Add(e, "TopicId", "Chọn nhóm vấn đề.");
                if (a.Kind is not { } kind || !Enum.IsDefined(kind)) Add(e, "Kind", "Chọn loại ý kiến.");
                if (a.Competence is not { } level || !Enum.IsDefined(level)) Add(e, "Competence", "Chọn thẩm quyền giải quyết.");
                if (a.Kind == PetitionKind.Denunciation && (p.Anonymous || p.PetitionerName is null))
                    Add(e, "Kind", "Không xử lý như tố cáo khi người gửi giấu tên: phân loại là kiến nghị, phản ánh.");
                if (e.Count > 0) break;
                (p.TopicId, p.Kind, p.Competence) = (a.TopicId, a.Kind!.Value, a.Competence!.Value);
                // Classifying again corrects the labels; it does not buy time on a running deadline.
                if (p.Status == PetitionStatus.Received) p.DueDate = today.AddDays(Options.AnswerDays(p.Kind));
                p.Status = PetitionStatus.Classified;
                break;
            case PetitionAction.Forward:
                var agency = a.AgencyId is int agencyId ? await db.Agencies.AsNoTracking().FirstOrDefaultAsync(x => x.Id == agencyId && !x.Retired) : null;
                if (agency is null || !await AgenciesFor(unit).AnyAsync(x => x.Id == agency.Id)) Add(e, "AgencyId", "Chọn cơ quan nhận trong danh mục của đơn vị.");
                if (a.DueDate is { } due && (due < today || due > today.AddDays(90))) Add(e, "DueDate", "Hạn trả lời phải từ hôm nay đến 90 ngày sau.");
                if (e.Count > 0) break;
                // Forwarding again (another agency) does not buy time on a missed deadline unless a new date is set.
                var missed = p.Status == PetitionStatus.Forwarded && p.DueDate < today;
                (p.AgencyId, p.ForwardedOn, p.Status) = (agency!.Id, today, PetitionStatus.Forwarded);
                p.DueDate = a.DueDate ?? (missed ? p.DueDate : today.AddDays(Options.AnswerDays(p.Kind)));
                publicNote = $"{agency.Name}, hạn trả lời {Fmt.Date(p.DueDate!.Value)}.";
                break;
            case PetitionAction.Answer:
                RecordRules.CheckLength(e, "Answer", a.Answer, 8000, "nội dung trả lời", required: true);
                RecordRules.CheckLength(e, "AnswerDocument", a.AnswerDocument, 300, "văn bản trả lời", required: p.Status == PetitionStatus.Forwarded);
                RecordRules.CheckLength(e, "AnsweredBy", a.AnsweredBy, 200, "cơ quan, người trả lời");
                if (e.Count > 0) break;
                (p.Answer, p.AnswerDocument, p.AnsweredOn) = (a.Answer!.Trim(), Clean(a.AnswerDocument), today);
                p.AnsweredBy = Clean(a.AnsweredBy) ?? (p.AgencyId is int ag ? await db.Agencies.Where(x => x.Id == ag).Select(x => x.Name).FirstAsync() : null);
                p.AnsweredLate = p.DueDate < today;
                p.Status = PetitionStatus.Answered;
                break;
            case PetitionAction.SendBack:
                RecordRules.CheckLength(e, "Reason", a.Reason, 2000, "lý do trả lại (trả lời chưa đáp ứng điểm nào)", required: true);
                if (e.Count > 0) break;
                note = $"Trả lời bị trả lại: {note}. Trả lời cũ: {p.Answer}";
                (p.Answer, p.AnswerDocument, p.AnsweredBy, p.AnsweredOn, p.AnsweredLate, p.Reason) = (null, null, null, null, false, Clean(a.Reason));
                p.Status = p.AgencyId is null ? PetitionStatus.Classified : PetitionStatus.Forwarded;
                p.DueDate = today.AddDays(Options.AnswerDays(p.Kind));
                publicNote = "Trả lời chưa đáp ứng nội dung ý kiến: đã đề nghị trả lời lại.";
                break;
            case PetitionAction.Check:
                RecordRules.CheckLength(e, "PublicSummary", a.PublicSummary, 2000, "tóm tắt ý kiến để công khai (không có thông tin cá nhân)", required: p.Kind != PetitionKind.Denunciation);
                if (e.Count > 0) break;
                p.PublicSummary = Clean(a.PublicSummary);
                p.Status = PetitionStatus.Checked;
                break;
            case PetitionAction.Publish:
                (p.Status, p.PublishedOn, p.ReopenUntil) = (PetitionStatus.Published, today, today.AddDays(Options.ReopenDays));
                publicNote = $"Nếu chưa đồng ý, người gửi có thể đề nghị xem xét lại đến hết ngày {Fmt.Date(p.ReopenUntil.Value)}.";
                break;
            case PetitionAction.Close:
                p.Status = PetitionStatus.Closed;
                p.ReopenUntil ??= today.AddDays(Options.ReopenDays);
                break;
            case PetitionAction.Transfer:
                RecordRules.CheckLength(e, "TransferredTo", a.TransferredTo, 300, "nơi nhận (cơ quan, đơn vị có thẩm quyền)", required: true);
                RecordRules.CheckLength(e, "Reason", a.Reason, 2000, "lý do chuyển (căn cứ thẩm quyền)", required: true);
                if (Clean(a.Reason) is { Length: < 15 }) Add(e, "Reason", "Ghi rõ vì sao nơi nhận có thẩm quyền (ít nhất 15 ký tự): người dân cần biết ai giải quyết và vì sao.");
                if (e.Count > 0) break;
                (p.TransferredTo, p.Reason, p.Status) = (a.TransferredTo!.Trim(), a.Reason!.Trim(), PetitionStatus.Transferred);
                publicNote = $"Chuyển đến {p.TransferredTo} giải quyết. Lý do: {p.Reason}";
                break;
            case PetitionAction.MarkDuplicate:
                var original = a.DuplicateOfId is int oid && oid != p.Id ? await db.Petitions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == oid) : null;
                if (original is null || !await SameScopeAsync(original, unit)) Add(e, "DuplicateOfId", "Chọn ý kiến gốc cùng đơn vị (số ý kiến).");
                else if (original.Status == PetitionStatus.Duplicate) Add(e, "DuplicateOfId", $"Ý kiến số {original.Id} cũng đã gộp vào ý kiến khác: chọn ý kiến gốc.");
                if (e.Count > 0) break;
                (p.DuplicateOfId, p.Status) = (original!.Id, PetitionStatus.Duplicate);
                // Never the other petition's code: it is its sender's key to the tracking page.
                publicNote = "Nội dung trùng với một ý kiến khác đang được xử lý: được theo dõi, trả lời chung.";
                break;
            case PetitionAction.CloseUnresolved:
                RecordRules.CheckLength(e, "Reason", a.Reason, 2000, "lý do chưa giải quyết được", required: true);
                if (e.Count > 0) break;
                (p.Reason, p.Status) = (a.Reason!.Trim(), PetitionStatus.ClosedUnresolved);
                publicNote = "Kết thúc, chưa giải quyết được. Lý do: " + p.Reason;
                break;
            case PetitionAction.Reopen:
                RecordRules.CheckLength(e, "Reason", a.Reason, 2000, "lý do mở lại", required: true);
                if (e.Count > 0) break;
                Reopen(p, today);
                publicNote = "Mở lại để xem xét tiếp.";
                break;
        }
        if (e.Count > 0) return RecordRules.Invalid(e);
        return await SaveStepAsync(p, from, Label(a.Action), by, note, publicNote);
    }

    private void Reopen(Petition p, DateOnly today)
    {
        (p.Status, p.Reopened, p.DueDate, p.ReopenUntil) = (PetitionStatus.Classified, p.Reopened + 1, today.AddDays(Options.AnswerDays(p.Kind)), null);
        (p.DuplicateOfId, p.TransferredTo) = (null, null);
        // The standing answer is withdrawn: a new one goes through the check and publication again.
        (p.PublishedOn, p.PublicSummary, p.AnsweredOn, p.AnsweredLate) = (null, null, null, false);
    }

    /// <summary>The citizen, holding the code, asks to reopen a published or closed petition within the allowed time.</summary>
    public async Task<Fail?> CitizenReopenAsync(Petition p, string? reason)
    {
        var today = db.Clock.Today;
        if (p.Status is not (PetitionStatus.Published or PetitionStatus.Closed) || p.ReopenUntil is not { } until || until < today)
            return new Fail(409, "Ý kiến này không còn trong thời hạn đề nghị xem xét lại.");
        if (Clean(reason) is not { Length: >= 10 and <= 2000 } r)
            return RecordRules.Invalid("Reason", "Ghi rõ vì sao chưa đồng ý với trả lời (10 đến 2.000 ký tự).");
        var from = p.Status;
        Reopen(p, today);
        return await SaveStepAsync(p, from, "Người gửi đề nghị xem xét lại", "người gửi", r, "Người gửi đề nghị xem xét lại: " + r);
    }

    private async Task<Fail?> SaveStepAsync(Petition p, PetitionStatus from, string action, string by, string? note, string? publicNote)
    {
        p.PublicFolded = p.AnswerPublic ? Text.Fold($"{p.PublicSummary} {p.Answer} {p.AnsweredBy}") : null;
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        if (p.Id != 0) await Portal.SearchIndex.AnswerAsync(db, p);
        try
        {
            await writer.SaveAsync(p);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Fail(409, RecordRules.Conflict);
        }
        // Two events when the citizen may see the step: the internal one with the handler's note, the public one with its own words.
        db.PetitionEvents.Add(new PetitionEvent { PetitionId = p.Id, At = db.Clock.UtcNow, By = by, From = from, To = p.Status, Action = action, Note = note ?? publicNote, Public = false });
        if (publicNote is not null || from != p.Status)
            db.PetitionEvents.Add(new PetitionEvent { PetitionId = p.Id, At = db.Clock.UtcNow, From = from, To = p.Status, Action = PetitionLabels.Status(p.Status), Note = publicNote, Public = true });
        await db.SaveChangesAsync();
        if (tx is not null) await tx.CommitAsync();
        if (cache is not null && (p.AnswerPublic || from is PetitionStatus.Published or PetitionStatus.Closed)) await cache.EvictByTagAsync(Portal.Publishing.CacheTag, default);
        return null;
    }

    /// <summary>Agencies a unit may forward to: its own and those of the units above it.</summary>
    public IQueryable<Agency> AgenciesFor(Unit unit)
    {
        var ancestors = AncestorPaths(unit.Path);
        return db.Agencies.AsNoTracking().Where(a => !a.Retired && db.Units.IgnoreQueryFilters().Any(u => u.Id == a.UnitId && ancestors.Contains(u.Path)));
    }

    private static List<string> AncestorPaths(string path)
    {
        var list = new List<string>();
        for (var i = path.IndexOf('/', 1); i > 0; i = path.IndexOf('/', i + 1)) list.Add(path[..(i + 1)]);
        return list;
    }

    /// <summary>A duplicate must be merged within the same commune (or the unit and its groups).</summary>
    private async Task<bool> SameScopeAsync(Petition other, Unit unit)
    {
        var otherUnit = await db.Units.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(u => u.Id == other.UnitId);
        if (otherUnit is null) return false;
        var commune = unit.Level == UnitLevel.ResidentialGroup && unit.ParentId is int parent ? await db.Units.IgnoreQueryFilters().AsNoTracking().FirstAsync(u => u.Id == parent) : unit;
        return UnitScope.Covers(commune, otherUnit);
    }

    /// <summary>Erases the petitioner's identity on request (data-protection law): kept anonymous, logged as a step and in the audit trail.</summary>
    public async Task<Fail?> EraseIdentityAsync(Petition p, string by)
    {
        var files = await db.PetitionFiles.Where(f => f.PetitionId == p.Id).ToListAsync();
        if (p.PetitionerName is null && p.PetitionerContact is null && p.PetitionerAddress is null && files.Count == 0) return new Fail(409, "Ý kiến này không còn thông tin cá nhân.");
        (p.PetitionerName, p.PetitionerContact, p.PetitionerAddress, p.Anonymous) = (null, null, null, true);
        // Scanned letters and photos can show who sent them: erased with the identity.
        db.PetitionFiles.RemoveRange(files);
        return await SaveStepAsync(p, p.Status, "Xóa thông tin cá nhân của người gửi theo yêu cầu", by, null, null);
    }

    /// <summary>
    /// A petitioner's data on request: every petition the account handles with the same name and contact, what
    /// they said and what they were answered. The export is logged as a step of the petition it was asked from.
    /// </summary>
    public async Task<PersonalData> ExportAsync(Petition p, UnitScope scope, string by)
    {
        var home = await scope.HomeAsync();
        var (lo, hi) = UnitScope.PathRange(home!.Path);
        // Without a contact, a name alone could be a namesake's: then only this petition.
        var same = await db.Petitions.AsNoTracking().Where(x => (x.Id == p.Id || p.PetitionerContact != null && x.PetitionerName == p.PetitionerName && x.PetitionerContact == p.PetitionerContact)
            && db.Units.IgnoreQueryFilters().Any(u => u.Id == x.UnitId && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0)).OrderBy(x => x.Id).ToListAsync();
        var handled = await PetitionQueries.HandledUnitsAsync(db, scope, same.Select(x => x.UnitId));
        same = [.. same.Where(x => handled.Contains(x.UnitId))];
        var names = await RecordRules.UnitNamesAsync(db, same.Select(x => x.UnitId));
        db.PetitionEvents.Add(new PetitionEvent { PetitionId = p.Id, At = db.Clock.UtcNow, By = by, From = p.Status, To = p.Status, Action = "Xuất dữ liệu cá nhân theo yêu cầu của người gửi", Note = $"{same.Count} ý kiến" });
        await db.SaveChangesAsync();
        return new PersonalData(p.PetitionerName, p.PetitionerContact, p.PetitionerAddress, db.Clock.UtcNow,
            [.. same.Select(x => new PersonalPetition(x.Code, names.GetValueOrDefault(x.UnitId, ""), x.ReceivedOn, PetitionLabels.Channel(x.Channel), PetitionLabels.Kind(x.Kind),
                x.Content, PetitionLabels.Status(x.Status), x.Answer))]);
    }

    /// <summary>
    /// Likely duplicates among opinions: the share of shared word pairs of the folded texts (diacritic-insensitive),
    /// so "đường ngõ 40 ngập nước khi mưa" and "duong ngo 40 bi ngap khi mua" match. Pairs at or above the threshold.
    /// </summary>
    public static List<(Petition A, Petition B, double Score)> Similar(IReadOnlyList<Petition> petitions, double threshold = 0.45)
    {
        var shingles = petitions.Select(p => Shingles(p.ContentFolded)).ToList();
        var pairs = new List<(Petition, Petition, double)>();
        for (var i = 0; i < petitions.Count; i++)
            for (var j = i + 1; j < petitions.Count; j++)
            {
                if (shingles[i].Count == 0 || shingles[j].Count == 0) continue;
                var shared = shingles[i].Count(shingles[j].Contains);
                var score = (double)shared / Math.Min(shingles[i].Count, shingles[j].Count);
                if (score >= threshold) pairs.Add((petitions[i], petitions[j], score));
            }
        return [.. pairs.OrderByDescending(x => x.Item3)];
    }

    private static HashSet<string> Shingles(string folded)
    {
        var words = folded.Split([' ', ',', '.', ';', ':', '!', '?', '(', ')', '"', '“', '”', '-'], StringSplitOptions.RemoveEmptyEntries);
        var set = new HashSet<string>();
        for (var i = 0; i + 1 < words.Length; i++) set.Add(words[i] + " " + words[i + 1]);
        if (words.Length == 1) set.Add(words[0]);
        return set;
    }
}
