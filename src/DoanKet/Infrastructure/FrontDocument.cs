using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DoanKet.Domain.Units;

namespace DoanKet.Infrastructure;

/// <summary>
/// A Word document in the Front's layout: A4, Times New Roman 14, margins 20/20/30/20 mm; the committee's header on the
/// left ("ỦY BAN MTTQ VIỆT NAM / [UNIT] / BAN THƯỜNG TRỰC", "Số: …/BC-MTTQ") and the state's on the right with the place
/// and date; page numbers from page 2; recipients and the signature block. The caller writes the body between them.
/// </summary>
public static class FrontDocument
{
    public static byte[] Build(Unit unit, DateOnly date, string? number, IReadOnlyList<string> recipients, Action<Body> content)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(PageNumber());
            var body = new Body();
            body.Append(Header(unit, date, number));
            content(body);
            body.Append(Closing(recipients));
            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701U, Right = 1134U, Header = 567U, Footer = 567U },
                // A distinct first page with no footer: page numbers start on page 2.
                new TitlePage()));
            main.Document = new Document(body);
        }
        return ms.ToArray();
    }

    public static Paragraph Para(string text, bool bold = false, bool italic = false, bool center = false, bool indent = false, int before = 0, int after = 60, int size = 28)
    {
        var props = new ParagraphProperties(new SpacingBetweenLines { Before = I(before), After = I(after) });
        props.Append(new Justification { Val = center ? JustificationValues.Center : JustificationValues.Both });
        if (indent) props.Append(new Indentation { FirstLine = "567" });
        return new Paragraph(props, new Run(RunProps(bold, italic, size), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    /// <summary>A bordered table with a bold header row; numbers right-aligned in the columns listed.</summary>
    public static Table Grid(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, int[] widths, ISet<int>? numeric = null)
    {
        var border = new TableBorders(new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(new TableWidth { Width = I(widths.Sum()), Type = TableWidthUnitValues.Dxa }, border));
        TableRow Row(IReadOnlyList<string> cells, bool bold) => new([.. cells.Select((c, i) => new TableCell(
            new TableCellProperties(new TableCellWidth { Width = I(widths[i]), Type = TableWidthUnitValues.Dxa }),
            new Paragraph(new ParagraphProperties(new SpacingBetweenLines { Before = "20", After = "20" },
                    new Justification { Val = numeric?.Contains(i) == true && !bold ? JustificationValues.Right : JustificationValues.Left }),
                new Run(RunProps(bold, false, 22), new Text(c) { Space = SpaceProcessingModeValues.Preserve }))))]);
        table.Append(Row(header, bold: true));
        foreach (var r in rows) table.Append(Row(r, bold: false));
        return table;
    }

    public static string Roman(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", 7 => "VII", 8 => "VIII", 9 => "IX", 10 => "X", _ => I(n) };

    private static RunProperties RunProps(bool bold, bool italic, int size)
    {
        var run = new RunProperties();
        if (bold) run.Append(new Bold());
        if (italic) run.Append(new Italic());
        if (size != 28) run.Append(new FontSize { Val = I(size) });
        return run;
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

    private static Paragraph PageNumber() => new(new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
        new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }), new Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
        new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }), new Run(new Text("2")), new Run(new FieldChar { FieldCharType = FieldCharValues.End }));

    /// <summary>Two columns without borders: the committee on the left, the state and the date on the right.</summary>
    private static Table Header(Unit unit, DateOnly date, string? number)
    {
        var left = new TableCell(new TableCellProperties(new TableCellWidth { Width = "3500", Type = TableWidthUnitValues.Dxa }),
            Para("ỦY BAN MTTQ VIỆT NAM", center: true, after: 0, size: 26),
            Para(unit.FullName.ToUpperInvariant(), center: true, after: 0, size: 26),
            Para("BAN THƯỜNG TRỰC", bold: true, center: true, after: 120, size: 26),
            // Left blank for the office to fill in when it registers the document, unless issued already.
            Para($"Số: {number ?? "      "}/BC-MTTQ", center: true, size: 26));
        var right = new TableCell(new TableCellProperties(new TableCellWidth { Width = "5571", Type = TableWidthUnitValues.Dxa }),
            Para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, center: true, after: 0, size: 24),
            Para("Độc lập - Tự do - Hạnh phúc", bold: true, center: true, after: 120),
            // The place is the unit's name, or its full name when the name is a number ("Phường 2").
            Para($"{(unit.Name.All(char.IsDigit) ? unit.FullName : unit.Name)}, ngày {date.Day:00} tháng {date.Month:00} năm {date.Year}", italic: true, center: true));
        return TwoColumns(left, right);
    }

    private static Table Closing(IReadOnlyList<string> recipients)
    {
        var left = new TableCell(new TableCellProperties(new TableCellWidth { Width = "4300", Type = TableWidthUnitValues.Dxa }),
            Para("Nơi nhận:", bold: true, italic: true, after: 0, size: 24));
        left.Append(recipients.Select((r, i) => Para("- " + r, after: i == recipients.Count - 1 ? 60 : 0, size: 22)));
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

    private static string I(int n) => n.ToString(CultureInfo.InvariantCulture);
}
