using System.Globalization;
using DoanKet.Domain.Indicators;
using DoanKet.Domain.Periods;
using DoanKet.Domain.Records;
using DoanKet.Domain.Units;
using DoanKet.Features.Units;
using DoanKet.Infrastructure;

namespace DoanKet.Features.Indicators;

/// <summary>
/// What the figure pages and the indicator API share: reading period and mode from a query string,
/// the Vietnamese words for modes, values, changes and fact keys, and the address of a figure's sources.
/// </summary>
public static class FigureText
{
    public const string ModesExplained =
        "“Theo đơn vị lúc đó” cộng số liệu theo địa giới tại thời điểm ghi nhận; “quy về đơn vị hiện nay” cộng cả số liệu của các đơn vị cũ đã sáp nhập, chia tách vào đơn vị đang tiếp nhận.";

    public const string ModeError = "Cách tính không hợp lệ: dùng “then” (theo đơn vị lúc đó) hoặc “now” (quy về đơn vị hiện nay).";

    public const string NowNeedsCurrentUnit = "Đơn vị đã kết thúc nên chỉ xem được số liệu theo đơn vị lúc đó.";

    public static Period QuarterOf(DateOnly d) => Period.Quarter(d.Year, (d.Month - 1) / 3 + 1);

    public static Period WeekOf(DateOnly d)
    {
        var t = d.ToDateTime(TimeOnly.MinValue);
        return Period.Week(ISOWeek.GetYear(t), ISOWeek.GetWeekOfYear(t));
    }

    /// <summary>An empty id gives the fallback; a wrong one gives the Vietnamese message of <see cref="Period.Parse"/>.</summary>
    public static bool TryPeriod(string? id, Period fallback, out Period period, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            period = fallback;
            return true;
        }
        if (Period.TryParse(id, out period)) return true;
        try { Period.Parse(id); }
        catch (FormatException e) { error = e.Message; }
        period = fallback;
        return false;
    }

    /// <summary>"then" (default) or "now", any case.</summary>
    public static bool TryMode(string? s, out FigureMode mode)
    {
        mode = FigureMode.Then;
        if (string.IsNullOrWhiteSpace(s) || s.Trim().Equals("then", StringComparison.OrdinalIgnoreCase)) return true;
        if (!s.Trim().Equals("now", StringComparison.OrdinalIgnoreCase)) return false;
        mode = FigureMode.Now;
        return true;
    }

    public static string Id(this FigureMode mode) => mode == FigureMode.Now ? "now" : "then";

    public static string Label(this FigureMode mode) => mode == FigureMode.Now ? "quy về đơn vị hiện nay" : "theo đơn vị lúc đó";

    public static string SourcesUrl(string code, int unitId, Period period, FigureMode mode) =>
        $"/so-lieu/nguon?indicator={Uri.EscapeDataString(code)}&unit={unitId.ToString(CultureInfo.InvariantCulture)}&period={Uri.EscapeDataString(period.Id)}&mode={mode.Id()}";

    /// <summary>The value with its unit of measure: "77 cuộc", "21/21 khu dân cư", "46,4 %".</summary>
    public static string Value(Figure f) => f.Indicator.Rule switch
    {
        IndicatorRule.Ratio => f.Display,
        IndicatorRule.Coverage => $"{f.Display} {f.Indicator.UnitOfMeasure}" + (f.Of is > 0 ? $" ({Fmt.Number(f.Percent, 1)} %)" : ""),
        _ => $"{f.Display} {f.Indicator.UnitOfMeasure}",
    };

    /// <summary>The change from the previous period: "+12 (+15,2 %)", "−3", "không đổi"; for a ratio, in points.</summary>
    public static string Change(Figure now, Figure before)
    {
        if (now.Indicator.Rule == IndicatorRule.Ratio)
        {
            if (now.Parts is { Denominator: 0 } || before.Parts is { Denominator: 0 }) return "—";
            var points = now.Value - before.Value;
            return Math.Abs(points) < 0.05 ? "không đổi" : Signed(points, 1) + " điểm %";
        }
        var diff = now.Value - before.Value;
        if (Math.Abs(diff) < 0.5) return "không đổi";
        var text = Signed(diff, 0);
        if (now.Indicator.Rule == IndicatorRule.Sum && before.Value >= 0.5)
            text += $" ({Signed(diff / before.Value * 100, 1)} %)";
        return text;
    }

    private static string Signed(double v, int decimals) => (v > 0 ? "+" : "\u2212") + Fmt.Number(Math.Abs(v), decimals);

    /// <summary>How the figure is computed, in words.</summary>
    public static string Rule(Indicator i, IReadOnlyDictionary<string, Indicator> byCode, IReadOnlyDictionary<string, ActivityKind> kinds) => i.Rule switch
    {
        IndicatorRule.Sum => "Tổng của: " + string.Join("; ", i.FactKeys.Select(k => Fact(k, kinds))) + ".",
        IndicatorRule.Coverage =>
            $"Số {LevelWord(i.CoverageLevel ?? UnitLevel.ResidentialGroup)} có ít nhất một bản ghi ({string.Join("; ", i.FactKeys.Select(k => Fact(k, kinds)))}) trong kỳ, "
            + $"trên tổng số {LevelWord(i.CoverageLevel ?? UnitLevel.ResidentialGroup)} (theo đơn vị lúc đó: các đơn vị có trong kỳ; quy về hiện nay: các đơn vị hiện nay).",
        IndicatorRule.Ratio =>
            $"{NameOf(i.Numerator, byCode)} chia cho {NameOf(i.Denominator, byCode)}{(i.Scale == 100 ? ", nhân 100 (tỷ lệ %)" : i.Scale == 1 ? "" : $", nhân {Fmt.Number(i.Scale, 2)}")}.",
        _ => "",
    };

    private static string NameOf(string? code, IReadOnlyDictionary<string, Indicator> byCode) =>
        code is not null && byCode.TryGetValue(code, out var p) ? $"“{p.Name}”" : $"“{code}”";

    private static string LevelWord(UnitLevel level) => level switch
    {
        UnitLevel.ResidentialGroup => "khu dân cư (thôn, tổ dân phố)",
        UnitLevel.Commune => "xã, phường",
        UnitLevel.District => "huyện",
        UnitLevel.Province => "tỉnh, thành phố",
        _ => "đơn vị",
    };

    /// <summary>A fact key in words: "tuyen_truyen.cuoc" → "Tuyên truyền, vận động — số cuộc, buổi".</summary>
    public static string Fact(string key, IReadOnlyDictionary<string, ActivityKind> kinds)
    {
        var parts = key.Split('.');
        switch (parts[0])
        {
            case "hoi_nghi" when parts.Length == 3:
                var type = Enum.GetValues<ConferenceType>().FirstOrDefault(t => ConferenceTypes.Key(t) == parts[1], ConferenceType.Other);
                return ConferenceTypes.Label(type) + " — " + parts[2] switch
                {
                    "cuoc" => "số hội nghị",
                    "moi" => "đại biểu được mời",
                    "du" => "đại biểu có mặt",
                    "y_kien" => "ý kiến phát biểu, kiến nghị",
                    _ => parts[2],
                };
            case "mo_hinh" when parts.Length == 2:
                return "Mô hình đăng ký — lĩnh vực " + Initiative.FieldLabel(parts[1]).ToLowerInvariant();
            case "ngay_hoi" when parts.Length == 2:
                return "Ngày hội Đại đoàn kết — " + parts[1] switch
                {
                    "to_chuc" => "khu dân cư tổ chức",
                    "ho_du" => "hộ dân tham dự",
                    "ho" => "tổng số hộ của khu dân cư",
                    _ => parts[1],
                };
            case "khen_thuong" when parts.Length >= 3:
                var level = Enum.GetValues<AwardLevel>().FirstOrDefault(l => Commendation.LevelKey(l) == parts[1]);
                var who = parts[2] == "tap_the" ? "tập thể" : "cá nhân";
                return $"Khen thưởng {Commendation.LevelLabel(level).ToLowerInvariant()} — {who}" + (parts.Length > 3 ? " (đề nghị cấp trên)" : "");
            case "quy" when parts.Length == 3:
                var fund = Enum.GetValues<Domain.Funds.FundKind>().FirstOrDefault(k => Domain.Funds.Fund.KindCode(k) == parts[1], Domain.Funds.FundKind.Other);
                return Domain.Funds.Fund.KindLabel(fund) + (parts[2] == "hien_vat" ? " — ủng hộ bằng hiện vật (quy ra tiền)" : " — ủng hộ bằng tiền");
            case "chi" when parts.Length == 3:
                var purpose = Enum.GetValues<Domain.Funds.Purpose>().FirstOrDefault(p => Domain.Funds.MoneyEntry.PurposeKey(p) == parts[1]);
                return "Chi quỹ: " + Domain.Funds.MoneyEntry.PurposeLabel(purpose).ToLowerInvariant() + " — " + parts[2] switch
                {
                    "dong" => "số tiền",
                    "ho" => "số hộ",
                    "nguoi" => "số người",
                    "phan_qua" => "số phần quà",
                    "can" => "số căn nhà",
                    _ => parts[2],
                };
        }
        if (parts.Length == 2 && SupervisionFact(parts[0], parts[1]) is { } label) return label;
        if (parts.Length == 2 && kinds.TryGetValue(parts[0], out var kind))
        {
            var measure = MeasureInfo.All.FirstOrDefault(m => MeasureInfo.Key(m) == parts[1]);
            return kind.Name + " — " + (measure == Measures.None ? parts[1] : MeasureInfo.Label(measure).ToLowerInvariant());
        }
        return key;
    }

    /// <summary>Facts of supervisions and social criticism (Features/Supervisions), which are no longer activity kinds.</summary>
    private static string? SupervisionFact(string who, string what)
    {
        var subject = who switch
        {
            "giam_sat" => "Giám sát (chủ trì)",
            "giam_sat_phoi_hop" => "Tham gia giám sát với HĐND, cơ quan chức năng",
            "ttnd" => "Ban Thanh tra nhân dân",
            "gsdtcd" => "Ban Giám sát đầu tư của cộng đồng",
            "phan_bien" => "Phản biện xã hội",
            "gop_y_du_thao" => "Góp ý dự thảo văn bản",
            _ => null,
        };
        var measure = what switch
        {
            "cuoc" => who switch { "phan_bien" => "số hội nghị", "gop_y_du_thao" => "số văn bản", "gsdtcd" => "công trình, dự án", "ttnd" => "vụ việc", _ => "số cuộc" },
            "nguoi" => "số người được giám sát",
            "y_kien" => who is "phan_bien" or "gop_y_du_thao" ? "lượt ý kiến" : "kiến nghị",
            "kien_nghi_giai_quyet" => "kiến nghị đã được giải quyết",
            "tiep_thu" => "ý kiến được tiếp thu",
            _ => null,
        };
        return subject is null || measure is null ? null : subject + " — " + measure;
    }
}
