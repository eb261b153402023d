using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Extraction;
using DoanKet.Domain.History;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Indicators;
using DoanKet.Features.Records;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.History;

/// <summary>
/// Bringing an old report into a unit's history: read its figures, infer the unit and period it speaks of,
/// suggest an indicator for each figure, and save the confirmed ones as facts whose provenance is the document.
/// </summary>
public sealed partial class HistoryImport(AppDb db, UnitScope scope, RecordWriter writer, Figures figures)
{
    /// <summary>One figure of the text as the officer sees it: what it may be saved as, and why not when it cannot.</summary>
    /// <summary>One figure of the text as the officer sees it: what it may be saved as, and why not when it cannot.</summary>
    /// <param name="Part">Read after "trong đó", "gồm": a part of a figure before it, not ticked by default.</param>
    public sealed record Row(int Index, ExtractedFigure Figure, List<Indicator> Choices, Indicator? Suggested, string? Blocked, double? Recorded, bool Part);

    public sealed record Reading(List<Row> Rows, List<Unit> Units, Unit? Unit, Period? Period, string? PeriodGuess);

    /// <summary>What a figure's unit of measure can be saved as: indicators counting in the same unit.</summary>
    private static readonly string[][] Compatible =
    [
        ["cuộc", "buổi", "hội nghị", "lớp", "đợt", "lượt"],
        ["lượt người", "người", "đại biểu"],
        ["ý kiến", "kiến nghị", "lượt ý kiến"],
        ["hộ", "gia đình"],
    ];

    private static bool Fits(string figureUnit, string indicatorUnit) =>
        figureUnit == indicatorUnit || Compatible.Any(g => g.Contains(figureUnit) && g.Contains(indicatorUnit));

    /// <summary>The indicator suggested first, by category, unit and the words around the figure.</summary>
    private static readonly (string Category, string[] Units, string? Cue, string Code)[] Suggestions =
    [
        ("propaganda", ["cuộc", "buổi", "hội nghị"], "giao duc phap luat", "pho_bien_phap_luat.cuoc"),
        ("propaganda", ["cuộc", "buổi"], "chinh trang", "tuyen_truyen_chinh_trang.cuoc"),
        ("propaganda", ["cuộc", "buổi", "hội nghị", "lượt"], null, "tuyen_truyen.cuoc"),
        ("attendance", ["lượt người", "người"], "giao duc phap luat", "pho_bien_phap_luat.luot_nguoi"),
        ("attendance", ["lượt người", "người"], "cu tri", "tiep_xuc_cu_tri.luot_nguoi"),
        ("attendance", ["lượt người", "người"], "tuyen truyen", "tuyen_truyen.luot_nguoi"),
        ("propaganda", ["lượt người", "người"], null, "tuyen_truyen.luot_nguoi"),
        ("attendance", ["đại biểu"], null, "hoi_nghi.dan_cu.du"),
        ("meeting", ["cuộc", "hội nghị", "buổi"], "cu tri", "tiep_xuc_cu_tri.cuoc"),
        ("meeting", ["cuộc", "hội nghị", "buổi"], "doi thoai", "doi_thoai.cuoc"),
        ("meeting", ["buổi", "cuộc", "đợt"], "ve sinh", "ve_sinh_moi_truong.cuoc"),

        ("gifts", ["phần quà"], null, "tang_qua.phan_qua"),
        ("gifts", ["đồng"], null, "tang_qua.dong"),
        ("fund", ["đồng"], "vi nguoi ngheo", "quy.vi_nguoi_ngheo"),
        ("fund", ["đồng"], "den on", "quy.den_on_dap_nghia"),
        ("fund", ["đồng"], "bien", "quy.vi_bien_dao"),
        ("fund", ["đồng"], "covid", "quy.covid"),
        ("fund", ["đồng"], "thien tai", "quy.thien_tai"),
        ("fund", ["đồng"], "cuu tro", "quy.cuu_tro"),
        ("fund", ["đồng"], null, "quy.khac"),
        ("household", ["người"], null, "ho_tro_kho_khan.nguoi"),
        ("household", ["đồng"], "sinh ke", "ho_tro_sinh_ke.dong"),
        ("household", ["đồng"], null, "ho_tro_kho_khan.dong"),
        ("household", ["hộ", "gia đình"], null, "tham_hoi.ho"),
        ("household", ["căn"], null, "chi.nha.can"),
        ("supervision", ["cuộc"], null, "giam_sat.cuoc"),
        ("supervision", ["buổi"], null, "giam_sat_phoi_hop.cuoc"),
        ("supervision", ["người"], null, "giam_sat.nguoi"),
        ("supervision", ["kiến nghị", "ý kiến"], null, "giam_sat.kien_nghi"),
        ("criticism", ["hội nghị", "cuộc"], null, "phan_bien.cuoc"),
        ("criticism", ["ý kiến"], "du thao", "gop_y_du_thao.y_kien"),
        ("criticism", ["ý kiến"], null, "phan_bien.y_kien"),
        ("petition", ["ý kiến", "kiến nghị"], "cu tri", "tiep_xuc_cu_tri.y_kien"),

    ];

    /// <summary>Reads a text: its figures, the units it may speak of, the period it names (the officer confirms both).</summary>
    public async Task<Reading> ReadAsync(string text, int? unitId, string? periodId)
    {
        var found = Extractor.Extract(text);
        var guess = InferPeriod(text);
        Period? period = Period.TryParse(string.IsNullOrWhiteSpace(periodId) ? guess : periodId.Trim(), out var p) ? p : null;
        var units = await CandidateUnitsAsync(text, period);
        Unit? unit = null;
        if (unitId is int id)
            unit = units.FirstOrDefault(u => u.Id == id) ?? await ImportableUnitAsync(id);
        unit ??= units.FirstOrDefault();
        if (unit is not null && !units.Any(u => u.Id == unit.Id)) units.Insert(0, unit);

        var catalogue = await ImportableIndicatorsAsync();
        var recorded = unit is not null && period is { } pp
            ? (await figures.ComputeAsync(unit, pp, FigureMode.Then, catalogue)).ToDictionary(f => f.Indicator.Code, f => f.Value)
            : [];
        var rows = found.Select((f, n) =>
        {
            var choices = catalogue.Where(i => Fits(f.Unit, i.UnitOfMeasure)).ToList();
            var blocked = Blocked(f, choices);
            var suggested = blocked is null ? Suggest(f, n > 0 ? found[n - 1] : null, text, choices) : null;
            double? before = suggested is not null && recorded.TryGetValue(suggested.Code, out var v) && v > 0 ? v : null;
            return new Row(n, f, choices, suggested, blocked, before, PartOfTotal(text, f));
        }).ToList();
        return new Reading(rows, units, unit, period, guess);
    }

    private static string? Blocked(ExtractedFigure f, List<Indicator> choices) =>
        f.Target ? "Kế hoạch, mục tiêu: không phải kết quả"
        : f.Unit == "%" ? "Tỷ lệ được tính lại từ các số đếm, không nhập trực tiếp"
        : f.Quantity != decimal.Truncate(f.Quantity) ? "Không phải số đếm nguyên"
        : f.Quantity > (f.Unit == "đồng" ? RecordRules.MaxMoney : RecordRules.MaxCount) ? "Số quá lớn, có thể đọc nhầm"
        : choices.Count == 0 ? $"Chưa có chỉ tiêu nào tính bằng “{f.Unit}”"
        : null;

    private static bool PartOfTotal(string text, ExtractedFigure f)
    {
        var before = Text.Fold(text[Math.Max(0, f.Start - 30)..f.Start]);
        return before.Contains("trong do", StringComparison.Ordinal) || before.Contains("gom", StringComparison.Ordinal);
    }

    /// <summary>
    /// Indicators a figure can be saved into: sums of one fact key, or a fund's cash and in-kind pair. An indicator summing
    /// several kinds of record ("Khen thưởng: tập thể" of every level) would have to book the figure to one of them.
    /// </summary>
    private async Task<List<Indicator>> ImportableIndicatorsAsync() =>
        [.. (await figures.CatalogueAsync()).Where(i => i.Rule == IndicatorRule.Sum && OneKind(i.FactKeys))];

    private static bool OneKind(string[] keys) =>
        keys.Length == 1 || (keys.Length == 2 && keys[0].EndsWith(".tien", StringComparison.Ordinal) && keys[1] == keys[0][..^5] + ".hien_vat");

    private static Indicator? Suggest(ExtractedFigure f, ExtractedFigure? previous, string text, List<Indicator> choices)
    {
        // The words of the figure's own clause: back to the figure before it ("77 cuộc/2288 lượt người" share theirs) or the clause start.
        var from = Math.Max(0, f.Start - 200);
        if (previous is not null && previous.End > from && previous.End < f.Start - 1) from = previous.End;
        var stop = text.LastIndexOfAny(['.', ';', '\n'], Math.Max(0, f.Start - 1), f.Start - from);
        if (stop >= from && !(stop > 0 && char.IsAsciiDigit(text[stop - 1]) && stop + 1 < text.Length && char.IsAsciiDigit(text[stop + 1]))) from = stop + 1;
        var end = text.IndexOfAny(['.', ';', '\n'], f.End, Math.Min(40, text.Length - f.End));
        var context = Text.Fold(text[from..(end < 0 ? Math.Min(text.Length, f.End + 40) : end)]);
        foreach (var (category, units, cue, code) in Suggestions)
        {
            if (category != f.Category || !units.Contains(f.Unit) || (cue is not null && !context.Contains(cue, StringComparison.Ordinal))) continue;
            if (choices.FirstOrDefault(i => i.Code == code) is { } hit) return hit;
        }
        return null;
    }

    /// <summary>Writing role and a current own unit: the accounts that import history.</summary>
    public async Task<bool> CanImportAsync() => scope.IsWriter && await scope.HomeAsync() is { ValidTo: null };

    /// <summary>
    /// A unit the account may import history for: a unit of its subtree (current or ended), or an ended unit whose
    /// successors all lie in it (a ward merged into the account's unit in 2025; not a unit split between it and another).
    /// </summary>
    public async Task<Unit?> ImportableUnitAsync(int unitId) =>
        await CanImportAsync() ? await ImportableUnits((await scope.HomeAsync())!).AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId) : null;

    private IQueryable<Unit> ImportableUnits(Unit home)
    {
        var (lo, hi) = UnitScope.PathRange(home.Path);
        var inside = db.Units.IgnoreQueryFilters().Where(c => string.Compare(c.Path, lo) >= 0 && string.Compare(c.Path, hi) < 0).Select(c => c.Id);
        return db.Units.IgnoreQueryFilters().Where(u => u.DeletedAt == null
            && ((string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0)
                || (db.UnitSuccessors.Any(x => x.OriginalUnitId == u.Id) && db.UnitSuccessors.Where(x => x.OriginalUnitId == u.Id).All(x => inside.Contains(x.CurrentUnitId)))));
    }

    /// <summary>Units named in the text ("phường Ngọc Lâm", "Phường 2") that the account may import for, named with their parent first, then most mentioned.</summary>
    private async Task<List<Unit>> CandidateUnitsAsync(string text, Period? period)
    {
        if (!await CanImportAsync()) return [];
        var folded = Text.Fold(text);
        var names = new Dictionary<string, int>();
        try
        {
            foreach (Match m in UnitMention().Matches(folded))
            {
                var words = m.Groups["name"].Value.Split(' ');
                for (var k = 1; k <= words.Length; k++)
                {
                    var name = string.Join(' ', words[..k]);
                    names[name] = names.GetValueOrDefault(name) + 1;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return [];
        }
        if (names.Count == 0) return [];
        var keys = names.Keys.ToList();
        var query = ImportableUnits((await scope.HomeAsync())!).AsNoTracking().Where(u => keys.Contains(u.NameFolded) && u.Level != UnitLevel.ResidentialGroup);
        if (period is { } p) query = query.Where(u => u.ValidFrom <= p.To && (u.ValidTo == null || u.ValidTo > p.From));
        var units = await query.Take(200).ToListAsync();
        var parentIds = units.Select(u => u.ParentId).ToList();
        var parents = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(x => parentIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.NameFolded);
        return [.. units
            .Where(u => folded.Contains(Text.Fold(u.FullName), StringComparison.Ordinal))
            .OrderByDescending(u => u.ParentId is int pid && parents.TryGetValue(pid, out var pn) && folded.Contains(pn, StringComparison.Ordinal))
            .ThenByDescending(u => names.GetValueOrDefault(u.NameFolded))
            .ThenBy(u => u.ValidTo is null)];
    }

    [GeneratedRegex(@"\b(?:phuong|xa|thi tran|quan|huyen|thi xa|thanh pho|tinh|tp\.?) (?<name>[a-z0-9]+(?: [a-z0-9]+){0,2})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UnitMention();

    /// <summary>
    /// The period a report speaks of: "6 tháng đầu năm 2024" → 2024S1, "quý I năm 2023" → 2023Q1, "9 tháng" → N9,
    /// "nhiệm kỳ 2019-2024" → 2019-2024 when nothing shorter is named. A half or quarter without its year takes the
    /// next year written in the same sentence ("6 tháng đầu năm và … 6 tháng cuối năm 2024").
    /// </summary>
    public static string? InferPeriod(string text)
    {
        try
        {
            return InferPeriodIn(Text.Fold(text));
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static string? InferPeriodIn(string f)
    {
        foreach (Match m in PeriodMention().Matches(f))
        {
            var year = m.Groups["year"].Success ? int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture) : NextYear(f, m.Index + m.Length);
            if (year is null or < Period.MinYear or > Period.MaxYear) continue;
            var what = m.Groups["what"].Value;
            var id = what switch
            {
                "6 thang dau nam" => $"{year}S1",
                "6 thang cuoi nam" => $"{year}S2",
                "3 thang dau nam" => $"{year}Q1",
                "9 thang dau nam" or "9 thang" => $"{year}N9",
                _ => QuarterId(m.Groups["q"].Value, year.Value),
            };
            if (id is not null) return id;
        }
        if (TermMention().Match(f) is { Success: true } t)
            return $"{t.Groups["a"].Value}-{t.Groups["b"].Value}";
        if (YearReview().Match(f) is { Success: true } y) return y.Groups["year"].Value;
        return null;
    }

    private static string? QuarterId(string q, int year) => q switch
    {
        "i" or "1" => $"{year}Q1",
        "ii" or "2" => $"{year}Q2",
        "iii" or "3" => $"{year}Q3",
        "iv" or "4" => $"{year}Q4",
        _ => null,
    };

    private static int? NextYear(string f, int from)
    {
        var end = f.IndexOfAny(['.', '\n'], from);
        var sentence = f[from..(end < 0 ? Math.Min(f.Length, from + 300) : end)];
        var m = YearWord().Match(sentence);
        return m.Success ? int.Parse(m.Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"(?<what>6 thang dau nam|6 thang cuoi nam|3 thang dau nam|9 thang dau nam|quy (?<q>iv|iii|ii|i|1|2|3|4)\b)(?: nam)?(?:[ /]*(?<year>(?:19|20)\d\d)\b)?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PeriodMention();

    [GeneratedRegex(@"nhiem ky (?<a>(?:19|20)\d\d) ?[-–] ?(?<b>(?:19|20)\d\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TermMention();

    [GeneratedRegex(@"tong ket[^.\n]{0,80}?nam (?<year>(?:19|20)\d\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex YearReview();

    [GeneratedRegex(@"\b(?:19|20)\d\d\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex YearWord();

    public sealed class SaveInput
    {
        public string? Title { get; set; }
        public string? Text { get; set; }
        public string? FileName { get; set; }
        public int? UnitId { get; set; }
        public string? PeriodId { get; set; }
        /// <summary>Index of the figure in the text → indicator id; figures not listed are not imported.</summary>
        public Dictionary<int, int> Map { get; set; } = [];
    }

    public sealed record Saved(HistoricalDocument? Document, Dictionary<string, string[]> Errors, HistoricalDocument? Already = null);

    /// <summary>
    /// Saves the document and the chosen figures (read again from the text on the server) with their facts, in one
    /// transaction. The same text for the same unit and period is imported once.
    /// </summary>
    public async Task<Saved> SaveAsync(SaveInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var text = input.Text ?? "";
        if (string.IsNullOrWhiteSpace(text)) RecordRules.Add(errors, "Text", "Hãy dán văn bản hoặc chọn tệp.");
        else if (text.Length > HistoricalDocument.MaxText) RecordRules.Add(errors, "Text", "Văn bản dài quá 1 triệu ký tự: hãy tách thành nhiều phần.");
        var title = (input.Title ?? "").Trim();
        if (title.Length == 0) title = FirstLine(text);
        if (title.Length > HistoricalDocument.MaxTitle) RecordRules.Add(errors, "Title", $"Tiêu đề dài quá {HistoricalDocument.MaxTitle} ký tự.");
        if (!Period.TryParse(input.PeriodId?.Trim(), out var period)) RecordRules.Add(errors, "PeriodId", "Kỳ báo cáo không hợp lệ (ví dụ 2024S1, 2023Q1, 2023, 2019-2024).");
        var unit = input.UnitId is int uid ? await ImportableUnitAsync(uid) : null;
        if (unit is null) RecordRules.Add(errors, "UnitId", "Hãy chọn đơn vị mà văn bản báo cáo (trong phạm vi tài khoản của bạn).");
        else if (errors.Count == 0 && !(unit.ValidFrom <= period.To && (unit.ValidTo is null || unit.ValidTo > period.From)))
            RecordRules.Add(errors, "PeriodId", $"{unit.FullName} không tồn tại trong {period.Label}.");
        else if (errors.Count == 0 && period.To >= db.Clock.Today)
            RecordRules.Add(errors, "PeriodId", "Kỳ báo cáo chưa kết thúc: chỉ nhập số liệu của các kỳ đã qua.");
        if (input.Map.Count == 0) RecordRules.Add(errors, "Map", "Chưa chọn số liệu nào để nhập.");
        if (errors.Count > 0) return new(null, errors);

        var found = Extractor.Extract(text);
        var catalogue = (await ImportableIndicatorsAsync()).ToDictionary(i => i.Id);
        var rows = new List<ImportedFigure>();
        foreach (var (index, indicatorId) in input.Map.OrderBy(m => m.Key))
        {
            if (index < 0 || index >= found.Count)
            {
                RecordRules.Add(errors, "Map", "Văn bản đã đổi so với lúc đọc: hãy bấm “Đọc số liệu” lại.");
                break;
            }
            var f = found[index];
            if (!catalogue.TryGetValue(indicatorId, out var indicator))
            {
                RecordRules.Add(errors, $"Map[{index}]", $"“{f.Text}”: chưa chọn chỉ tiêu cho số liệu này.");
                continue;
            }
            if (!Fits(f.Unit, indicator.UnitOfMeasure))
            {
                RecordRules.Add(errors, $"Map[{index}]", $"“{f.Text}”: chỉ tiêu đã chọn không tính bằng {f.Unit}.");
                continue;
            }
            if (Blocked(f, [indicator]) is { } why)
            {
                RecordRules.Add(errors, $"Map[{index}]", $"“{f.Text}”: {why}.");
                continue;
            }
            // In-kind gifts to a fund go to the in-kind key when the indicator has one.
            var keys = indicator.FactKeys;
            var key = keys.FirstOrDefault(k => k.EndsWith(".hien_vat", StringComparison.Ordinal) && Text.Fold(text[Math.Max(0, f.Start - 120)..f.Start]).Contains("hien vat", StringComparison.Ordinal)) ?? keys[0];
            rows.Add(new ImportedFigure
            {
                Start = f.Start, End = f.End, Text = f.Text.Length > 200 ? f.Text[..200] : f.Text, Quantity = f.Quantity, UnitOfMeasure = f.Unit,
                Category = f.Category, Qualifier = f.Qualifier, Of = f.Of, IndicatorId = indicator.Id, FactKey = key, Value = (long)f.Quantity,
            });
        }
        if (errors.Count > 0) return new(null, errors);

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var already = await db.HistoricalDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.UnitId == unit!.Id && d.PeriodId == period.Id && d.ContentHash == hash);
        if (already is not null) return new(null, errors, already);

        var doc = new HistoricalDocument
        {
            UnitId = unit!.Id, PeriodId = period.Id, Title = title, FileName = input.FileName is { Length: > 0 } name ? Path.GetFileName(name)[..Math.Min(200, Path.GetFileName(name).Length)] : null,
            Text = text, ContentHash = hash,
            CreatedAt = db.Clock.UtcNow, CreatedBy = scope.User.Identity?.Name, Figures = rows,
        };
        db.HistoricalDocuments.Add(doc);
        try
        {
            await writer.SaveAsync(doc);
        }
        catch (DbUpdateException)
        {
            // Two clicks at once: the unique index lets one through; the other finds it.
            db.ChangeTracker.Clear();
            already = await db.HistoricalDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.UnitId == unit.Id && d.PeriodId == period.Id && d.ContentHash == hash);
            if (already is null) throw;
            return new(null, errors, already);
        }
        return new(doc, errors);
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length >= 12 && !l.StartsWith("image", StringComparison.OrdinalIgnoreCase)) ?? "Văn bản không có tiêu đề";
        return line.Length > HistoricalDocument.MaxTitle ? line[..(HistoricalDocument.MaxTitle - 1)] + "…" : line;
    }

    /// <summary>
    /// The imported facts a figure of the unit for the period sums: its subtree as then; as now, also the units restated into it.
    /// Few rows: the record type leads the facts' index.
    /// </summary>
    public static IQueryable<Fact> ImportedFacts(AppDb db, Unit unit, Period period, FigureMode mode)
    {
        var (lo, hi) = UnitScope.PathRange(unit.Path);
        var (from, to) = (period.From, period.To);
        var under = db.Units.IgnoreQueryFilters().Where(u => string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0).Select(u => u.Id);
        var restated = db.UnitSuccessors.Where(s => under.Contains(s.CurrentUnitId)).Select(s => s.OriginalUnitId);
        var facts = db.Facts.Where(f => f.RecordType == HistoricalDocument.RecordType && f.Date >= from && f.Date <= to);
        return mode == FigureMode.Now ? facts.Where(f => under.Contains(f.UnitId) || restated.Contains(f.UnitId)) : facts.Where(f => under.Contains(f.UnitId));
    }

    /// <summary>
    /// The facts of a document's figures, dated on the last day of its period the unit existed — a term's on the last day
    /// before its final year, which the next term shares ("2019-2024" and "2024-2029" both hold 2024). A shorter period
    /// that holds that day counts the whole figure: the dashboard marks it "nhập từ văn bản".
    /// </summary>
    public static IEnumerable<FactRow> FactsOf(HistoricalDocument d, Unit unit, IEnumerable<ImportedFigure> rows)
    {
        var period = Period.Parse(d.PeriodId);
        var last = period.Kind == PeriodKind.Term && period.To.Year > period.From.Year ? new DateOnly(period.To.Year - 1, 12, 31) : period.To;
        var day = unit.ValidTo is { } end && end <= last ? end.AddDays(-1) : last;
        return rows.Select(f => new FactRow(d.UnitId, day, f.FactKey, f.Value));
    }
}
