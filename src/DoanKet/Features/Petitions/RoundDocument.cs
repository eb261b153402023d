using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DoanKet.Domain.Petitions;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;

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

    public static byte[] Build(VoterRound round, Unit unit, IReadOnlyList<VoterMeeting> meetings, int opinions, IReadOnlyList<Group> groups, DateOnly today)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            body.Append(Header(unit, today));
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
            body.Append(Footer(unit));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701U, Right = 1134U, Header = 567U, Footer = 567U }));
            main.Document = new Document(body);
        }
        return ms.ToArray();
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman", EastAsia = "Times New Roman" },
                new FontSize { Val = "28" }, new FontSizeComplexScript { Val = "28" }, new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "60", Line = "300", LineRule = LineSpacingRuleValues.Auto }))));
    }

    private static Paragraph Para(string text, bool bold = false, bool italic = false, bool center = false, bool indent = false, int before = 0, int after = 60, int size = 28)
    {
        var props = new ParagraphProperties(new SpacingBetweenLines { Before = before.ToString(System.Globalization.CultureInfo.InvariantCulture), After = after.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (center) props.Append(new Justification { Val = JustificationValues.Center });
        else props.Append(new Justification { Val = JustificationValues.Both });
        if (indent) props.Append(new Indentation { FirstLine = "567" });
        var run = new RunProperties();
        if (bold) run.Append(new Bold());
        if (italic) run.Append(new Italic());
        if (size != 28) run.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new Paragraph(props, new Run(run, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    /// <summary>Two columns without borders: the committee on the left, the state and the date on the right.</summary>
    private static Table Header(Unit unit, DateOnly today)
    {
        var left = new TableCell(new TableCellProperties(new TableCellWidth { Width = "3500", Type = TableWidthUnitValues.Dxa }),
            Para("ỦY BAN MTTQ VIỆT NAM", center: true, after: 0, size: 26),
            Para(unit.FullName.ToUpperInvariant(), center: true, after: 0, size: 26),
            Para("BAN THƯỜNG TRỰC", bold: true, center: true, after: 120, size: 26),
            Para("Số:       /BC-MTTQ", center: true, size: 26));
        var right = new TableCell(new TableCellProperties(new TableCellWidth { Width = "5571", Type = TableWidthUnitValues.Dxa }),
            Para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, center: true, after: 0, size: 24),
            Para("Độc lập - Tự do - Hạnh phúc", bold: true, center: true, after: 120),
            // The place is the unit's name, or its full name when the name is a number ("Phường 2").
            Para($"{(unit.Name.All(char.IsDigit) ? unit.FullName : unit.Name)}, ngày {today.Day:00} tháng {today.Month:00} năm {today.Year}", italic: true, center: true));
        return TwoColumns(left, right);
    }

    private static Table Footer(Unit unit)
    {
        var left = new TableCell(new TableCellProperties(new TableCellWidth { Width = "4300", Type = TableWidthUnitValues.Dxa }),
            Para("Nơi nhận:", bold: true, italic: true, after: 0, size: 24),
            Para($"- Thường trực HĐND, UBND {unit.FullName};", after: 0, size: 22),
            Para("- Đại biểu HĐND dự tiếp xúc;", after: 0, size: 22),
            Para("- Lưu: VT.", size: 22));
        var right = new TableCell(new TableCellProperties(new TableCellWidth { Width = "4800", Type = TableWidthUnitValues.Dxa }),
            Para("TM. BAN THƯỜNG TRỰC", bold: true, center: true, after: 0),
            Para("CHỦ TỊCH", bold: true, center: true, after: 1200));
        return TwoColumns(left, right);
    }

    private static Table TwoColumns(TableCell left, TableCell right) =>
        new(new TableProperties(new TableWidth { Width = "9071", Type = TableWidthUnitValues.Dxa },
            new TableBorders(new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
                new RightBorder { Val = BorderValues.None }, new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None })),
            // The signature block never splits from its title over a page break.
            new TableRow(new TableRowProperties(new CantSplit()), left, right));

    private static string Roman(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", 7 => "VII", 8 => "VIII", 9 => "IX", 10 => "X", _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
