using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Petitions;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Demo;

/// <summary>
/// Petitions behind the seeds' figures: Sài Đồng 2023Q1 "51 ý kiến tập trung vào 4 nhóm" (raised at the residents'
/// conferences), Phường 2 2024S1 "5 cuộc tiếp xúc cử tri/300 lượt người, 38 ý kiến" (a voter-contact round);
/// and a current worklist for Bồ Đề in every state of the workflow. Wording and dates are illustrative.
/// </summary>
public sealed class DemoPetitions(AppDb db, RecordWriter writer)
{
    private const string By = "dữ liệu mẫu";
    private readonly Random _rng = new(311);
    private Dictionary<string, int> _topics = [];

    private static readonly Dictionary<string, string[]> Texts = new()
    {
        ["atgt"] = ["Đề nghị lắp gương cầu lồi tại khúc cua đầu ngõ, xe máy hay va chạm", "Ô tô đỗ tràn lòng đường giờ tan học, đề nghị bố trí người phân luồng",
            "Đề nghị kẻ vạch đi bộ trước cổng trường tiểu học"],
        ["tnxh"] = ["Phản ánh tụ tập thanh niên gây ồn ào ban đêm tại vườn hoa", "Đề nghị tăng cường tuần tra, phòng ngừa trộm cắp xe máy trong ngõ"],
        ["pccc"] = ["Đề nghị kiểm tra phòng cháy tại các hộ kinh doanh có nhà ở kết hợp", "Đề nghị trang bị bình chữa cháy dùng chung cho ngõ nhỏ"],
        ["ttxd"] = ["Phản ánh công trình xây dựng không che chắn, vật liệu tràn ra ngõ", "Đề nghị kiểm tra việc cơi nới ban công lấn không gian chung"],
        ["ttdt"] = ["Hộ kinh doanh lấn chiếm vỉa hè, người đi bộ phải đi xuống lòng đường", "Đề nghị xử lý biển quảng cáo treo sai quy định trên cột điện"],
        ["vsmt"] = ["Đường ngõ bị ngập nước mỗi khi trời mưa to, đề nghị nạo vét cống thoát nước", "Điểm tập kết rác thu gom muộn, gây mùi hôi cho khu dân cư",
            "Đề nghị tăng tần suất thu gom rác thải sinh hoạt"],
        ["van_hoa"] = ["Đề nghị công khai tiêu chí bình xét gia đình văn hóa, tổ dân phố văn hóa năm 2023", "Đề nghị tổ chức thêm hoạt động văn nghệ, thể thao cho người cao tuổi"],
        ["ung_xu"] = ["Đề nghị tuyên truyền thêm Quy tắc ứng xử nơi công cộng tại chợ dân sinh", "Phản ánh hành vi xả rác, nói tục tại khu vui chơi"],
        ["ha_tang"] = ["Đề nghị sửa chữa đèn chiếu sáng hỏng trên đường liên khu phố", "Mặt đường bị lún, ổ gà sau mùa mưa, đề nghị sửa chữa"],
        ["an_sinh"] = ["Đề nghị xem xét hỗ trợ hộ có hoàn cảnh khó khăn đột xuất", "Đề nghị hướng dẫn thủ tục hưởng trợ cấp cho người cao tuổi"],
        ["dat_dai"] = ["Đề nghị sớm giải quyết hồ sơ cấp giấy chứng nhận quyền sử dụng đất còn tồn đọng", "Đề nghị công khai phương án bồi thường giải phóng mặt bằng"],
        ["hanh_chinh"] = ["Đề nghị hướng dẫn người cao tuổi nộp hồ sơ trực tuyến tại bộ phận một cửa"],
    };

    private static readonly string[] Names = ["Nguyễn Văn Hải", "Trần Thị Lan", "Lê Minh Tuấn", "Phạm Thu Hương", "Hoàng Đức Sơn", "Vũ Thị Mai", "Đặng Quang Vinh", "Bùi Thanh Tâm"];

    public async Task LoadAsync()
    {
        if (await db.Petitions.IgnoreQueryFilters().AnyAsync() || !await db.Units.AnyAsync(u => u.Code == "DEMO-KT-P2")) return;
        _topics = await db.Topics.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Id);
        await using var tx = await db.Database.BeginTransactionAsync();
        await SaiDongAsync();
        await Phuong2Async();
        await BoDeAsync();
        await tx.CommitAsync();
    }

    private string Text(string topic) => Texts[topic][_rng.Next(Texts[topic].Length)];

    private readonly Dictionary<string, int> _next = [];

    /// <summary>The topic's wordings in turn, so one meeting does not raise the same sentence twice.</summary>
    private string NextText(string topic)
    {
        var i = _next.GetValueOrDefault(topic);
        _next[topic] = i + 1;
        return Texts[topic][i % Texts[topic].Length];
    }

    private async Task<Petition> SaveAsync(Petition p, params (string Action, string? Note)[] steps)
    {
        p.Code = Petition.NewCode();
        p.ContentFolded = Domain.Text.Fold(p.Content);
        p.PublicFolded = p.AnswerPublic ? Domain.Text.Fold($"{p.PublicSummary} {p.Answer} {p.AnsweredBy}") : null;
        p.CreatedAt = db.Clock.UtcNow;
        p.CreatedBy = By;
        db.Petitions.Add(p);
        await writer.SaveAsync(p);
        db.PetitionEvents.Add(new PetitionEvent { PetitionId = p.Id, At = p.ReceivedOn.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc), By = By, To = PetitionStatus.Received, Action = "Tiếp nhận", Public = true });
        foreach (var (action, note) in steps)
            db.PetitionEvents.Add(new PetitionEvent { PetitionId = p.Id, At = db.Clock.UtcNow, By = By, To = p.Status, Action = action, Note = note, Public = true });
        await db.SaveChangesAsync();
        return p;
    }

    private static Petition New(int unitId, PetitionChannel channel, DateOnly on, string content, int? topic) => new()
    {
        Code = "", UnitId = unitId, Channel = channel, Kind = PetitionKind.Petition, Competence = Competence.Commune, TopicId = topic, ReceivedOn = on,
        Content = content, Anonymous = true, Status = PetitionStatus.Received, DueDate = on.AddDays(5),
    };

    /// <summary>Answered by the ward and published: the path most opinions of a residents' conference take.</summary>
    private static void Answered(Petition p, DateOnly on, string answer, string by, bool late = false)
    {
        (p.Status, p.Answer, p.AnsweredBy, p.AnsweredOn, p.AnsweredLate) = (PetitionStatus.Closed, answer, by, on, late);
        (p.PublicSummary, p.PublishedOn, p.ReopenUntil, p.DueDate) = (p.Content, on.AddDays(2), on.AddDays(32), on);
    }

    /// <summary>51 opinions at Sài Đồng's residents' conferences of early 2023, in the four groups the report names.</summary>
    private async Task SaiDongAsync()
    {
        var ward = await db.Units.AsNoTracking().ValidOn(new DateOnly(2023, 3, 31)).FirstAsync(u => u.Code == "DEMO-SD");
        var path = ward.Path;
        var conferences = await db.Conferences.AsNoTracking().Where(c => c.Type == ConferenceType.ResidentsConference
                && c.Date >= new DateOnly(2023, 1, 1) && c.Date <= new DateOnly(2023, 3, 31) && db.Units.IgnoreQueryFilters().Any(u => u.Id == c.UnitId && u.Path.StartsWith(path)))
            .OrderBy(c => c.UnitId == ward.Id).ThenBy(c => c.Date).ToListAsync();
        if (conferences.Count == 0) return;
        string[] topics = ["atgt", "vsmt", "ttdt", "tnxh", "van_hoa", "ttxd", "pccc", "ung_xu", "vsmt", "atgt"];
        var wardConference = conferences.Last();
        var groupConferences = conferences.Take(conferences.Count - 1).ToList();
        for (var i = 0; i < 51; i++)
        {
            var c = i < 42 ? groupConferences[i % groupConferences.Count] : wardConference;
            var topic = topics[i % topics.Length];
            var p = New(c.UnitId, PetitionChannel.ResidentsConference, c.Date, Text(topic), _topics[topic]);
            Answered(p, c.Date.AddDays(7 + i % 10), "UBND phường đã tiếp thu, giao tổ dân phố và bộ phận chuyên môn kiểm tra, xử lý; kết quả thông báo tại hội nghị tổ dân phố quý II.", "UBND phường Sài Đồng");
            await SaveAsync(p, ("Đã kết thúc", null));
        }
    }

    /// <summary>The round before the mid-2024 sessions in Phường 2: 5 meetings, 300 voters, 38 opinions, most answered, a few still with the ward.</summary>
    private async Task Phuong2Async()
    {
        var p2 = await db.Units.AsNoTracking().ValidOn(new DateOnly(2024, 6, 30)).FirstAsync(u => u.Code == "DEMO-KT-P2");
        var agency = new Agency { UnitId = p2.Id, Name = "UBND Phường 2", Contact = "Bộ phận một cửa UBND Phường 2" };
        db.Agencies.Add(agency);
        var round = new VoterRound
        {
            UnitId = p2.Id, Body = VoterBody.CommuneCouncil, Name = "Tiếp xúc cử tri trước kỳ họp giữa năm 2024 của HĐND các cấp",
            Session = "Kỳ họp thường lệ giữa năm 2024, nhiệm kỳ 2021–2026", StartDate = new(2024, 6, 10), EndDate = new(2024, 6, 20),
        };
        db.VoterRounds.Add(round);
        await db.SaveChangesAsync();
        (DateOnly Date, string Where, int People, int Opinions)[] meetings =
        [
            (new(2024, 6, 11), "Khu phố 1 và khu phố 2", 70, 9),
            (new(2024, 6, 12), "Khu phố 3", 58, 7),
            (new(2024, 6, 13), "Khu phố 4", 55, 8),
            (new(2024, 6, 14), "Khu phố 5", 62, 8),
            (new(2024, 6, 17), "Khu phố 6", 55, 6),
        ];
        string[] topics = ["ha_tang", "vsmt", "atgt", "dat_dai", "an_sinh", "ttdt", "hanh_chinh", "ha_tang"];
        var n = 0;
        Petition? first = null;
        foreach (var (date, where, people, opinions) in meetings)
        {
            var m = new VoterMeeting { RoundId = round.Id, UnitId = p2.Id, Date = date, Place = "Văn phòng " + where.ToLowerInvariant(), Deputies = "Đại biểu HĐND tỉnh, thị xã và phường đơn vị bầu cử số 2", Attendance = people };
            db.VoterMeetings.Add(m);
            await writer.SaveAsync(m);
            for (var i = 0; i < opinions; i++, n++)
            {
                var topic = topics[n % topics.Length];
                var p = New(p2.Id, PetitionChannel.VoterContact, date, NextText(topic), _topics[topic]);
                p.VoterMeetingId = m.Id;
                p.Competence = n % 5 == 0 ? Competence.Province : Competence.Commune;
                (p.AgencyId, p.ForwardedOn) = (agency.Id, new DateOnly(2024, 6, 24));
                if (n == 12 && first is not null)
                {
                    // Raised again at the next meeting: merged, both kept with their sources.
                    p.Content = first.Content;
                    (p.Status, p.DuplicateOfId, p.DueDate) = (PetitionStatus.Duplicate, first.Id, null);
                    await SaveAsync(p, ("Trùng, đã gộp vào ý kiến khác", null));
                    continue;
                }
                if (n % 9 == 4)
                {
                    (p.Status, p.DueDate) = (PetitionStatus.Forwarded, new DateOnly(2024, 7, 9));
                    await SaveAsync(p, ("Đã chuyển UBND Phường 2", "Hạn trả lời 09/07/2024."));
                }
                else
                {
                    Answered(p, new DateOnly(2024, 7, 5), "Tại kỳ họp giữa năm 2024, UBND phường đã báo cáo giải quyết: giao bộ phận chuyên môn kiểm tra thực tế và xử lý trong quý III/2024.",
                        "UBND Phường 2", late: false);
                    p.AnswerDocument = "Báo cáo số 112/BC-UBND ngày 05/7/2024 (minh họa)";
                    await SaveAsync(p, ("Đã công khai trả lời", null));
                }
                first ??= p;
            }
        }
    }

    /// <summary>Bồ Đề today: a worklist in every state, dated back from today so overdue items stay overdue.</summary>
    private async Task BoDeAsync()
    {
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Code == "DEMO-BODE" && u.ValidTo == null);
        var groups = await db.Units.AsNoTracking().Where(u => u.ParentId == unit.Id && u.ValidTo == null).OrderBy(u => u.Id).Take(3).ToListAsync();
        var today = db.Clock.Today;
        var ubnd = new Agency { UnitId = unit.Id, Name = "UBND phường Bồ Đề", Contact = "Số 1 phố Bồ Đề (minh họa)" };
        var police = new Agency { UnitId = unit.Id, Name = "Công an phường Bồ Đề" };
        db.Agencies.AddRange(ubnd, police);
        await db.SaveChangesAsync();

        Petition Named(PetitionChannel channel, int daysAgo, string topic, int who, int? unitId = null)
        {
            var p = New(unitId ?? unit.Id, channel, today.AddDays(-daysAgo), Text(topic), _topics[topic]);
            (p.Anonymous, p.PetitionerName, p.PetitionerContact) = (false, Names[who], $"09{who}2 345 6{who}8");
            p.DueDate = p.ReceivedOn.AddDays(5);
            return p;
        }

        await SaveAsync(Named(PetitionChannel.WebForm, 1, "vsmt", 0));
        var classified = Named(PetitionChannel.InPerson, 6, "atgt", 1, groups.ElementAtOrDefault(0)?.Id);
        (classified.Status, classified.DueDate) = (PetitionStatus.Classified, today.AddDays(9));
        await SaveAsync(classified, ("Đã phân loại, đang xử lý", null));

        var overdue = Named(PetitionChannel.WebForm, 30, "ttdt", 2);
        (overdue.Status, overdue.AgencyId, overdue.ForwardedOn, overdue.DueDate) = (PetitionStatus.Forwarded, ubnd.Id, today.AddDays(-25), today.AddDays(-10));
        await SaveAsync(overdue, ("Đã chuyển UBND phường Bồ Đề", $"Hạn trả lời {Fmt.Date(today.AddDays(-10))}."));

        var waiting = Named(PetitionChannel.ResidentialBoard, 20, "tnxh", 3, groups.ElementAtOrDefault(1)?.Id);
        (waiting.Status, waiting.AgencyId, waiting.ForwardedOn, waiting.DueDate) = (PetitionStatus.Answered, police.Id, today.AddDays(-18), today.AddDays(-3));
        (waiting.Answer, waiting.AnsweredBy, waiting.AnswerDocument, waiting.AnsweredOn) =
            ("Công an phường đã tăng cường tuần tra khu vực vườn hoa từ 21 giờ đến 24 giờ hằng ngày.", "Công an phường Bồ Đề", "Công văn số 58/CAP ngày nhận (minh họa)", today.AddDays(-4));
        await SaveAsync(waiting, ("Đã nhận trả lời", null));

        for (var i = 0; i < 2; i++)
        {
            var done = Named(PetitionChannel.WebForm, 45 + 10 * i, i == 0 ? "vsmt" : "ha_tang", 4 + i);
            (done.AgencyId, done.ForwardedOn) = (ubnd.Id, done.ReceivedOn.AddDays(2));
            Answered(done, done.ReceivedOn.AddDays(12), i == 0
                ? "UBND phường đã chỉ đạo nạo vét toàn bộ tuyến cống ngõ 40 trong tháng; đến nay đường ngõ không còn ngập khi mưa."
                : "Đã thay 6 bóng đèn chiếu sáng hỏng và đưa tuyến đường vào kế hoạch duy tu năm sau.", "UBND phường Bồ Đề");
            done.Status = PetitionStatus.Published;
            done.ReopenUntil = today.AddDays(20);
            done.AnswerDocument = $"Công văn số {120 + i}/UBND (minh họa)";
            await SaveAsync(done, ("Đã công khai trả lời", null));
        }

        var transferred = Named(PetitionChannel.Letter, 15, "dat_dai", 6);
        (transferred.Status, transferred.TransferredTo, transferred.Reason, transferred.Competence) = (PetitionStatus.Transferred, "Sở Nông nghiệp và Môi trường thành phố Hà Nội",
            "Hồ sơ đất đai thuộc thẩm quyền giải quyết của cấp thành phố (Luật Đất đai 2024); đã chuyển kèm toàn bộ hồ sơ.", Competence.Province);
        await SaveAsync(transferred, ("Đã chuyển nơi khác giải quyết", $"Chuyển đến {transferred.TransferredTo}. Lý do: {transferred.Reason}"));
    }
}
