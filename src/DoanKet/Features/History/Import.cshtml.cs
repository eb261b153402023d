using DoanKet.Domain.Extraction;
using DoanKet.Features.Records;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoanKet.Features.History;

/// <summary>
/// /lich-su/nhap: paste or upload an old report; DoanKet reads its figures and infers the unit and period; the
/// officer confirms them, picks the figures to keep and their indicators, and saves. Nothing is saved before that.
/// </summary>
[RequestSizeLimit(SourceText.MaxBytes + 1_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = SourceText.MaxBytes + 1_000_000, ValueLengthLimit = SourceText.MaxBytes, ValueCountLimit = 10_000)]
public class ImportModel(HistoryImport import) : PageModel
{
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? FileName { get; set; }
    [BindProperty] public int? UnitId { get; set; }
    [BindProperty] public string? PeriodId { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    /// <summary>Figure index → keep it; figure index → indicator id.</summary>
    [BindProperty] public Dictionary<int, bool> Take { get; set; } = [];
    [BindProperty] public Dictionary<int, int> Indicator { get; set; } = [];

    public HistoryImport.Reading? Reading { get; private set; }
    public Domain.History.HistoricalDocument? Already { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await AllowedAsync() ? Page() : Forbid();

    public async Task<IActionResult> OnPostReadAsync()
    {
        if (!await AllowedAsync()) return Forbid();
        if (Upload is { Length: > 0 })
        {
            using var ms = new MemoryStream();
            await Upload.CopyToAsync(ms);
            var (text, error) = SourceText.Read(Upload.FileName, ms.ToArray());
            if (text is null)
            {
                ModelState.AddModelError(nameof(Upload), error!);
                return Page();
            }
            (Text, FileName) = (text, Path.GetFileName(Upload.FileName));
        }
        else Text = Extractor.Decode(Text ?? "");
        if (string.IsNullOrWhiteSpace(Text))
        {
            ModelState.AddModelError(nameof(Text), "Hãy dán văn bản hoặc chọn tệp (.txt, .docx, .pdf).");
            return Page();
        }
        if (Text.Length > Domain.History.HistoricalDocument.MaxText)
        {
            ModelState.AddModelError(nameof(Text), "Văn bản dài quá 1 triệu ký tự: hãy tách thành nhiều phần.");
            Text = null;
            return Page();
        }
        // A new reading proposes again: the figures to keep and their indicators follow the unit and period chosen.
        ModelState.Clear();
        Reading = await import.ReadAsync(Text, UnitId, PeriodId);
        (UnitId, PeriodId) = (Reading.Unit?.Id, Reading.Period?.Id ?? PeriodId);
        Take = Reading.Rows.Where(r => r.Suggested is not null && r.Recorded is null && !r.Part).ToDictionary(r => r.Index, _ => true);
        Indicator = Reading.Rows.Where(r => r.Suggested is not null).ToDictionary(r => r.Index, r => r.Suggested!.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (!await AllowedAsync()) return Forbid();
        Text = Extractor.Decode(Text ?? "");
        var map = Take.Where(t => t.Value).ToDictionary(t => t.Key, t => Indicator.GetValueOrDefault(t.Key));
        var saved = await import.SaveAsync(new HistoryImport.SaveInput { Title = Title, Text = Text, FileName = FileName, UnitId = UnitId, PeriodId = PeriodId, Map = map });
        if (saved.Document is { } doc)
        {
            TempData["Message"] = $"Đã nhập {doc.Figures.Count} số liệu vào lịch sử.";
            return Redirect($"/lich-su/{doc.Id}");
        }
        FormErrors.Add(ModelState, saved.Errors, "");
        Already = saved.Already;
        if (!string.IsNullOrWhiteSpace(Text)) Reading = await import.ReadAsync(Text, UnitId, PeriodId);
        return Page();
    }

    private Task<bool> AllowedAsync() => import.CanImportAsync();
}
