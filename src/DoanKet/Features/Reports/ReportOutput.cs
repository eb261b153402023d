using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Wordprocessing;
using DoanKet.Infrastructure;

namespace DoanKet.Features.Reports;

/// <summary>A report as Markdown (the whole text), JSON (every computed figure) or Word (the Front's layout).</summary>
public static class ReportOutput
{
    private static readonly string[] TableHeader = ["Chỉ tiêu", "Kỳ này", "Kỳ trước", "Thay đổi"];

    public static string Markdown(Report r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# BÁO CÁO — {r.Title}").AppendLine();
        sb.AppendLine($"{r.Unit.FullName} · {r.Period.Label} · số liệu {Indicators.FigureText.Label(r.Mode)}").AppendLine();
        MarkdownProse(sb, r, 0);
        sb.AppendLine("## II. KẾT QUẢ THỰC HIỆN").AppendLine();
        foreach (var s in r.Results)
        {
            sb.AppendLine($"### {s.Number}. {s.Title}").AppendLine();
            foreach (var line in s.Sentences) sb.AppendLine($"- {line.Text}");
            if (s.Sentences.Count > 0) sb.AppendLine();
            if (s.Rows.Count > 0)
            {
                sb.AppendLine($"| {string.Join(" | ", TableHeader)} |").AppendLine("|---|---:|---:|---:|");
                foreach (var row in s.Rows) sb.AppendLine($"| {row.Name} | {row.Value} | {row.Previous} | {row.Change} |");
                sb.AppendLine();
            }
        }
        if (r.Targets.Count > 0)
        {
            sb.AppendLine($"### {r.Results.Count + 1}. Thực hiện các chỉ tiêu").AppendLine();
            foreach (var t in r.Targets) sb.AppendLine($"- {t}");
            sb.AppendLine();
        }
        for (var i = 1; i < Report.Prose.Length; i++) MarkdownProse(sb, r, i);
        return sb.ToString();
    }

    private static void MarkdownProse(StringBuilder sb, Report r, int part)
    {
        var (number, title, guide) = Report.Prose[part];
        sb.AppendLine($"## {number}. {title}").AppendLine();
        foreach (var p in r.Paragraphs(part) ?? [$"_({guide})_"]) sb.AppendLine(p).AppendLine();
    }

    public static string Json(Report r) => JsonSerializer.Serialize(new
    {
        unit = r.Unit.FullName, unitId = r.Unit.Id, period = r.Period.Id, periodLabel = r.Period.Label, mode = Indicators.FigureText.Id(r.Mode), title = r.Title,
        figures = r.Figures.Select(f => new { indicator = f.Code, label = f.Label, value = f.Value, of = f.Of, display = f.Display, unitOfMeasure = f.UnitOfMeasure, period = f.Period, unit = f.Unit }),
        sentences = r.Results.SelectMany(s => s.Sentences.Select(x => new { section = s.Title, text = x.Text, indicators = x.Codes })),
    }, JsonOptions);

    // Vietnamese kept readable in the file (no \u escapes); written to a file, never into HTML.
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The statistical tables: every figure with its indicator, and each generated sentence with the indicators it states.</summary>
    public static byte[] Excel(Report r)
    {
        var sheets = new Dictionary<string, object>
        {
            ["Số liệu"] = r.Figures.Select(f => new Dictionary<string, object?>
            {
                ["Mã chỉ tiêu"] = f.Code, ["Chỉ tiêu"] = f.Label, ["Giá trị"] = f.Value, ["Trên tổng số"] = f.Of, ["Đơn vị tính"] = f.UnitOfMeasure,
                ["Hiển thị"] = f.Display, ["Kỳ"] = f.Period, ["Đơn vị"] = f.Unit,
            }).ToList(),
            ["Câu văn"] = r.Results.SelectMany(s => s.Sentences.Select(x => new Dictionary<string, object?>
            {
                ["Lĩnh vực"] = s.Title, ["Câu văn"] = x.Text, ["Mã chỉ tiêu"] = string.Join(", ", x.Codes),
            })).ToList(),
        };
        using var ms = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(ms, sheets);
        return ms.ToArray();
    }

    public static byte[] Word(Report r, DateOnly date) =>
        FrontDocument.Build(r.Unit, date, r.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Ủy ban MTTQ cấp trên;", $"Thường trực Đảng ủy, HĐND, UBND {r.Unit.FullName};", "Các tổ chức thành viên;", "Lưu: VT."], body =>
        {
            body.Append(FrontDocument.Para("BÁO CÁO", bold: true, center: true, before: 360, after: 0));
            body.Append(FrontDocument.Para(r.Title, bold: true, center: true, after: 240));
            Prose(body, r, 0);
            body.Append(FrontDocument.Para("II. KẾT QUẢ THỰC HIỆN", bold: true, before: 120));
            foreach (var s in r.Results)
            {
                body.Append(FrontDocument.Para($"{s.Number}. {s.Title}", bold: true, before: 60));
                foreach (var line in s.Sentences) body.Append(FrontDocument.Para("- " + line.Text, indent: true));
                if (s.Rows.Count > 0)
                {
                    body.Append(FrontDocument.Grid(TableHeader, s.Rows.Select(x => (IReadOnlyList<string>)[x.Name, x.Value, x.Previous, x.Change]), [3371, 2100, 2000, 1600], new HashSet<int> { 1, 2, 3 }));
                    body.Append(FrontDocument.Para("", after: 0));
                }
            }
            if (r.Targets.Count > 0)
            {
                body.Append(FrontDocument.Para($"{r.Results.Count + 1}. Thực hiện các chỉ tiêu", bold: true, before: 60));
                foreach (var t in r.Targets) body.Append(FrontDocument.Para("- " + t, indent: true));
            }
            for (var i = 1; i < Report.Prose.Length; i++) Prose(body, r, i);
        });

    private static void Prose(Body body, Report r, int part)
    {
        var (number, title, guide) = Report.Prose[part];
        body.Append(FrontDocument.Para($"{number}. {title}", bold: true, before: 120));
        if (r.Paragraphs(part) is { } written) foreach (var p in written) body.Append(FrontDocument.Para(p, indent: true));
        else body.Append(FrontDocument.Para($"({guide})", italic: true, indent: true));
    }

    public static string TargetText(Indicators.TargetLine t) =>
        $"{t.Label}: chỉ tiêu {Fmt.Number(t.Target, 2)} {t.TargetUnit}, đạt {t.CurrentText ?? "—"} — {t.StatusLabel.ToLowerInvariant()}.";
}
