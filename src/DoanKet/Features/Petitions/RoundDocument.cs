using DocumentFormat.OpenXml.Wordprocessing;
using DoanKet.Domain.Petitions;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using static DoanKet.Infrastructure.FrontDocument;

namespace DoanKet.Features.Petitions;

/// <summary>
/// The summary of a voter-contact round as a Word report in the Front's layout (A4, Times New Roman 14,
/// margins 20/20/30/20 mm, the committee's and the state's headers, recipients and signature): the figures
/// of the round and every opinion after merging duplicates, grouped by topic group with its sources.
/// The document number is left blank for the office to fill in when it registers the report.
/// </summary>
public static class RoundDocument
{
    public sealed record Item(string Content, Competence Competence, IReadOnlyList<string> Places, int Merged);
    public sealed record Group(string Name, IReadOnlyList<Item> Items);

    public static byte[] Build(VoterRound round, Unit unit, IReadOnlyList<VoterMeeting> meetings, int opinions, IReadOnlyList<Group> groups, DateOnly today) =>
        FrontDocument.Build(unit, today, null, [$"Thường trực HĐND, UBND {unit.FullName};", "Đại biểu HĐND dự tiếp xúc;", "Lưu: VT."], body =>
        {
            body.Append(Para("BÁO CÁO", bold: true, center: true, before: 360));
            body.Append(Para("Tổng hợp ý kiến, kiến nghị của cử tri " + char.ToLowerInvariant(round.Name[0]) + round.Name[1..], bold: true, center: true, after: 240));
            var kept = groups.Sum(g => g.Items.Count);
            var dates = meetings.Count == 0 ? "" : $" (từ ngày {Fmt.Date(meetings.Min(m => m.Date))} đến ngày {Fmt.Date(meetings.Max(m => m.Date))})";
            body.Append(Para($"Thực hiện kế hoạch tiếp xúc cử tri {round.Session.TrimEnd('.')}, Ban Thường trực Ủy ban MTTQ Việt Nam {unit.FullName} đã phối hợp tổ chức "
                + $"{Fmt.Number(meetings.Count)} cuộc tiếp xúc cử tri/{Fmt.Number(meetings.Sum(m => (long)m.Attendance))} lượt cử tri tham dự{dates}. "
                + $"Cử tri đã nêu {Fmt.Number(opinions)} ý kiến, kiến nghị" + (kept < opinions ? $"; sau khi tổng hợp, gộp các ý kiến trùng nhau còn {Fmt.Number(kept)} ý kiến" : "")
                + $", tập trung vào {Fmt.Number(groups.Count)} nhóm vấn đề sau:", indent: true));
            var roman = 0;
            foreach (var g in groups)
            {
                body.Append(Para($"{Roman(++roman)}. {g.Name.ToUpperInvariant()} ({Fmt.Number(g.Items.Count)} ý kiến)", bold: true, before: 120));
                var n = 0;
                foreach (var item in g.Items)
                {
                    var source = $"cử tri {string.Join(", ", item.Places.Distinct())}" + (item.Merged > 1 ? $"; {item.Merged} ý kiến trùng đã gộp" : "");
                    body.Append(Para($"{++n}. {item.Content.TrimEnd('.')}. ({source}; thẩm quyền: {PetitionLabels.Competence(item.Competence).ToLowerInvariant()})", indent: true));
                }
            }
            body.Append(Para($"Ban Thường trực Ủy ban MTTQ Việt Nam {unit.FullName} tổng hợp, chuyển đến các cơ quan có thẩm quyền xem xét, giải quyết và trả lời cử tri theo quy định.", indent: true, before: 120));
        });
}
