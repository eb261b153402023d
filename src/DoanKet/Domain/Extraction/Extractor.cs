using System.Text;

namespace DoanKet.Domain.Extraction;

/// <summary>
/// One figure read from a text. Start and End are character offsets in the decoded text
/// (<see cref="Extractor.Decode"/>); Text is that span. This shape is the public JSON contract of
/// the <c>extract</c> verb.
/// </summary>
public sealed record ExtractedFigure(string Text, int Start, int End, decimal Quantity, string Unit, string Category, string Qualifier, decimal? Of, bool Target);

/// <summary>
/// Finds the figures of the Front's work in a Vietnamese text: a number, maybe a multiplier ("triệu",
/// "tỷ"), and a unit of measure from a known list. A number without a known unit is not a figure
/// (dates, years, list numbers, anniversaries fall out that way); document numbers, addresses and
/// labels are recognised by the word before them. Every number is looked at through a bounded window,
/// so the work is linear in the length of the text whatever it holds.
/// </summary>
public static class Extractor
{
    public static class Categories
    {
        public const string Gifts = "gifts", Fund = "fund", Propaganda = "propaganda", Supervision = "supervision", Criticism = "criticism",
            Petition = "petition", Meeting = "meeting", Attendance = "attendance", Model = "model", Award = "award", Congress = "congress",
            Membership = "membership", Household = "household", Other = "other";

        public static readonly string[] All = [Gifts, Fund, Propaganda, Supervision, Criticism, Petition, Meeting, Attendance, Model, Award, Congress, Membership, Household, Other];
    }

    public static class Qualifiers
    {
        public const string Exact = "exact", Over = "over", About = "about", Under = "under", AtLeast = "at_least", Fraction = "fraction";
    }

    /// <summary>What a unit of measure counts; it limits which categories the words around it may give.</summary>
    [Flags]
    private enum Kind
    {
        Money = 1, Session = 2, People = 4, Opinion = 8, Household = 16, Gift = 32, Model = 64, Award = 128, Member = 256, Group = 512, Percent = 1024, Thing = 2048,
        Any = Session | People | Opinion | Group | Percent | Thing,
    }

    /// <summary>A unit of measure: its words without diacritics; the written forms required when the word is ambiguous without them.</summary>
    private sealed record UnitWord(string Folded, string Unit, Kind Kind, string[]? Exact = null, bool Plain = true, string? Forced = null, string? Default = null);

    private static readonly UnitWord[] Units = [.. new UnitWord[]
    {
        new("%", "%", Kind.Percent), new("phan tram", "%", Kind.Percent),
        new("dong", "đồng", Kind.Money), new("dong chi", "đồng chí", Kind.People), new("d", "đồng", Kind.Money, ["đ"], Plain: false), new("vnd", "đồng", Kind.Money),
        new("luot nguoi", "lượt người", Kind.People, Forced: Categories.Attendance), new("luot cu tri", "lượt người", Kind.People, Forced: Categories.Attendance), new("luot y kien", "ý kiến", Kind.Opinion),
        new("luot", "lượt", Kind.Session, ["lượt"]),
        new("nguoi", "người", Kind.People), new("ong, ba", "người", Kind.People, ["ông, bà"], Plain: false), new("ong ba", "người", Kind.People, ["ông bà"], Plain: false),
        new("ong", "người", Kind.People, ["ông"], Plain: false), new("ba", "người", Kind.People, ["bà"], Plain: false),
        new("dai bieu", "đại biểu", Kind.People, Forced: Categories.Attendance), new("cu tri", "cử tri", Kind.People, Default: Categories.Meeting),
        new("can bo", "cán bộ", Kind.People), new("hoc sinh", "học sinh", Kind.People),
        new("doan vien", "đoàn viên", Kind.Member, Forced: Categories.Membership), new("hoi vien", "hội viên", Kind.Member, Forced: Categories.Membership),
        new("dang vien", "đảng viên", Kind.Member, Forced: Categories.Membership), new("uy vien", "ủy viên", Kind.Member, Forced: Categories.Membership),
        new("thanh vien", "thành viên", Kind.Member, Forced: Categories.Membership),
        new("ho gia dinh", "hộ", Kind.Household, Default: Categories.Household), new("ho dan", "hộ", Kind.Household, ["hộ dân"], Default: Categories.Household),
        new("ho", "hộ", Kind.Household, ["hộ"], Plain: false, Default: Categories.Household), new("gia dinh", "gia đình", Kind.Household, Forced: Categories.Household),
        new("can nha", "căn", Kind.Household, Forced: Categories.Household), new("ngoi nha", "căn", Kind.Household, Forced: Categories.Household),
        new("can", "căn", Kind.Household, ["căn"], Plain: false, Forced: Categories.Household),
        new("phan qua", "phần quà", Kind.Gift, Forced: Categories.Gifts), new("suat qua", "phần quà", Kind.Gift, Forced: Categories.Gifts),
        new("xuat qua", "phần quà", Kind.Gift, Forced: Categories.Gifts), new("suat", "suất", Kind.Gift, ["suất"], Plain: false, Forced: Categories.Gifts),
        new("mo hinh", "mô hình", Kind.Model, Forced: Categories.Model),
        new("y kien", "ý kiến", Kind.Opinion), new("kien nghi", "kiến nghị", Kind.Opinion),
        new("tap the", "tập thể", Kind.Award), new("ca nhan", "cá nhân", Kind.Award),
        new("cuoc", "cuộc", Kind.Session, ["cuộc"]), new("buoi", "buổi", Kind.Session), new("hoi nghi", "hội nghị", Kind.Session),
        new("dot", "đợt", Kind.Session, ["đợt"], Plain: false), new("lop", "lớp", Kind.Session, ["lớp"], Plain: false),
        new("to dan pho", "tổ dân phố", Kind.Group), new("tdp", "tổ dân phố", Kind.Group), new("khu pho", "khu phố", Kind.Group),
        new("khu dan cu", "khu dân cư", Kind.Group), new("thon", "thôn", Kind.Group, ["thôn"], Plain: false), new("ap", "ấp", Kind.Group, ["ấp"], Plain: false),
        new("to", "tổ", Kind.Group, ["tổ"], Plain: false), new("nhom", "nhóm", Kind.Group, ["nhóm"]), new("chi hoi", "chi hội", Kind.Group), new("to chuc", "tổ chức", Kind.Group), new("chi bo", "chi bộ", Kind.Group),
        new("ban", "ban", Kind.Group, ["ban"], Plain: false), new("xa", "xã", Kind.Group, ["xã"], Plain: false), new("phuong", "phường", Kind.Group, ["phường"], Plain: false),
        new("don", "đơn", Kind.Opinion, ["đơn"], Plain: false, Default: Categories.Petition), new("vu viec", "vụ việc", Kind.Opinion, Default: Categories.Petition),
        new("vu", "vụ", Kind.Opinion, ["vụ"], Plain: false, Default: Categories.Petition),
        new("truong hop", "trường hợp", Kind.Thing), new("cong trinh", "công trình", Kind.Thing), new("kg", "kg", Kind.Thing),
        new("tan", "tấn", Kind.Thing, ["tấn"], Plain: false), new("chiec", "chiếc", Kind.Thing),
    }.OrderByDescending(u => u.Folded.Length)];

    /// <summary>Words that say what a figure is about; each is heard only by the kinds of unit it can describe.</summary>
    private sealed record Cue(string Folded, string Category, Kind Kinds, string[]? Exact = null);

    private static readonly Cue[] Cues =
    [
        new("tuyen truyen", Categories.Propaganda, Kind.Any), new("pho bien", Categories.Propaganda, Kind.Any),
        new("giao duc phap luat", Categories.Propaganda, Kind.Any), new("truyen thong", Categories.Propaganda, Kind.Any),
        new("tap huan", Categories.Propaganda, Kind.Any),
        new("giam sat", Categories.Supervision, Kind.Any | Kind.Opinion),
        new("phan bien", Categories.Criticism, Kind.Any | Kind.Opinion), new("gop y", Categories.Criticism, Kind.Any | Kind.Opinion),
        new("du thao", Categories.Criticism, Kind.Any | Kind.Opinion),
        new("cu tri", Categories.Petition, Kind.Opinion), new("kien nghi", Categories.Petition, Kind.Opinion), new("don thu", Categories.Petition, Kind.Any),
        new("khieu nai", Categories.Petition, Kind.Any), new("to cao", Categories.Petition, Kind.Any, ["tố cáo"]), new("phan anh", Categories.Petition, Kind.Opinion),
        new("tiep xuc cu tri", Categories.Meeting, Kind.Session | Kind.People | Kind.Percent), new("hoi nghi", Categories.Meeting, Kind.Any),
        new("doi thoai", Categories.Meeting, Kind.Any | Kind.Opinion), new("hop", Categories.Meeting, Kind.Any, ["họp"]),
        new("phat bieu", Categories.Meeting, Kind.Any | Kind.Opinion), new("thao luan", Categories.Meeting, Kind.Any | Kind.Opinion),
        new("bieu quyet", Categories.Meeting, Kind.Percent | Kind.People),
        new("tham du", Categories.Attendance, Kind.People | Kind.Percent | Kind.Household), new("co mat", Categories.Attendance, Kind.People | Kind.Percent | Kind.Household),
        new("trieu tap", Categories.Attendance, Kind.People | Kind.Percent),
        new("quy", Categories.Fund, Kind.Money | Kind.Percent, ["quỹ", "qũy"]), new("ung ho", Categories.Fund, Kind.Money | Kind.Percent | Kind.Thing | Kind.Household),
        new("van dong", Categories.Fund, Kind.Money), new("tiep nhan", Categories.Fund, Kind.Money),
        new("qua", Categories.Gifts, Kind.Money | Kind.Percent | Kind.Thing, ["quà"]), new("gao", Categories.Gifts, Kind.Thing, ["gạo"]),
        new("trao tang", Categories.Gifts, Kind.Thing), new("dong gop", Categories.Fund, Kind.Household), new("tham gia", Categories.Attendance, Kind.Household),
        new("ho ngheo", Categories.Household, Kind.Money | Kind.People | Kind.Percent), new("can ngheo", Categories.Household, Kind.Money | Kind.People | Kind.Percent),
        new("kho khan", Categories.Household, Kind.Money | Kind.People), new("ho tro", Categories.Household, Kind.Money | Kind.People),
        new("sinh ke", Categories.Household, Kind.Money | Kind.People), new("nha dai doan ket", Categories.Household, Kind.Money | Kind.Percent),
        new("xay nha", Categories.Household, Kind.Money), new("sua nha", Categories.Household, Kind.Money),
        new("mo hinh", Categories.Model, Kind.Group | Kind.Percent | Kind.Money),
        new("khen thuong", Categories.Award, Kind.Any | Kind.Award), new("giay khen", Categories.Award, Kind.Any | Kind.Award),
        new("bang khen", Categories.Award, Kind.Any | Kind.Award), new("ky niem chuong", Categories.Award, Kind.Any | Kind.Award),
        new("dai hoi", Categories.Congress, Kind.Session | Kind.Group | Kind.Percent | Kind.People),
        new("hiep thuong", Categories.Membership, Kind.People), new("kien toan", Categories.Membership, Kind.People),
        new("ket nap", Categories.Membership, Kind.People | Kind.Percent),
        new("ho gia dinh", Categories.Household, Kind.People | Kind.Percent), new("ho", Categories.Household, Kind.People | Kind.Percent, ["hộ"]),
    ];

    /// <summary>A number right after these words is a label, a date part, an address or a document number.</summary>
    private static readonly HashSet<string> LabelWords =
    [
        "ngày", "tháng", "năm", "quý", "lúc", "giờ", "khóa", "khoá", "kỳ", "thứ", "lần", "số", "ngõ", "ngách", "hẻm", "kiệt", "đường", "phố",
        "tổ", "khu", "thôn", "xóm", "ấp", "phường", "quận", "huyện", "nhà", "lô", "phòng", "tầng", "điều", "khoản", "mục", "chương",
        "trang", "tuyến", "đội", "nq", "qđ", "ct", "kh", "tb", "bc", "hd", "hđ", "nđ", "tt", "cv", "km", "lộ", "bảng", "mã", "kênh",
    ];

    /// <summary>Two-word names of documents and places before their number: "Quyết định 217", "Chỉ thị 05", "quốc lộ 5".</summary>
    private static readonly HashSet<string> LabelPhrases =
    [
        "quyet dinh", "nghi quyet", "chi thi", "de an", "ket luan", "thong tu", "cong van", "van ban", "nghi dinh", "quy dinh", "thong bao",
        "huong dan", "to trinh", "bien ban", "ke hoach", "quoc lo", "tinh lo", "huong lo", "hinh anh", "chuong trinh", "phu luc", "bieu mau",
    ];

    /// <summary>The label words that stay unambiguous when a text is typed without diacritics.</summary>
    private static readonly HashSet<string> PlainLabelWords =
    [
        "ngay", "thang", "khoa", "ngo", "ngach", "hem", "kiet", "duong", "pho", "khu", "thon", "xom", "phuong", "quan", "huyen", "phong",
        "dieu", "khoan", "muc", "chuong", "trang", "tuyen", "nq", "qd", "ct", "kh", "tb", "bc", "hd", "nd", "tt", "cv", "km",
    ];

    private static readonly HashSet<string> AmountFollowers =
        ["va", "cho", "de", "tu", "cua", "trong", "voi", "da", "duoc", "tai", "nham", "gom", "bang", "den", "o", "thi", "la", "nhu", "sau", "khi", "vao", "ho", "giup"];

    private static readonly string[] SentenceTargetWords = ["chi tieu", "phan dau", "muc tieu"];
    private static readonly string[] TargetWords = ["ke hoach", "du kien", "de ra"];

    private const int Before = 240, After = 60, Look = 24;

    // One table for the whole BMP: each character folded to its lowercase letter without diacritics, so the
    // folded copy of a text has the same length and offsets as the text.
    private static readonly char[] FoldTable = BuildFoldTable();

    private static char[] BuildFoldTable()
    {
        var t = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            t[i] = c switch
            {
                'đ' or 'Đ' => 'd',
                '\u00A0' or '\t' or '\u2007' or '\u202F' or '\u200B' => ' ',
                '\r' => '\n',
                '–' or '—' or '‑' or '−' => '-',
                '“' or '”' or '„' => '"',
                '‘' or '’' => '\'',
                '…' => '.',
                _ when char.IsSurrogate(c) => c,
                // Only Latin letters carry Vietnamese diacritics; other scripts stay as they are.
                _ when c is (>= '\u00C0' and <= '\u024F') or (>= '\u1E00' and <= '\u1EFF') => FoldOne(c),
                _ => char.ToLowerInvariant(c),
            };
        }
        return t;
    }

    private static char FoldOne(char c)
    {
        var d = c.ToString().Normalize(NormalizationForm.FormD);
        return d.Length > 0 && char.IsLetter(d[0]) ? char.ToLowerInvariant(d[0]) : char.ToLowerInvariant(c);
    }

    /// <summary>The text a file's contents become before extraction: LF line ends, legacy encodings repaired, composed (NFC). Applying it twice changes nothing.</summary>
    public static string Decode(string raw)
    {
        if (string.IsNullOrEmpty(raw)) return "";
        // Browsers send a textarea's lines with CRLF: one form of line end keeps offsets the same on every read.
        var text = LegacyVietnamese.Repair(raw.Replace("\r\n", "\n", StringComparison.Ordinal));
        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalised; the text is read as it is.
            return text;
        }
    }

    /// <summary>Every figure of the text, in order. Never throws; linear in the text's length.</summary>
    public static List<ExtractedFigure> Extract(string text)
    {
        var result = new List<ExtractedFigure>();
        if (string.IsNullOrEmpty(text)) return result;
        var s = new Scan(text);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(s.F[i]))
            {
                i++;
                continue;
            }
            i = s.TryFigure(i, result);
        }
        return result;
    }

    /// <summary>The state of one extraction: the text, its folded and lowercased copies, whether it was typed without diacritics.</summary>
    private sealed class Scan
    {
        public readonly string T, F, L;
        public readonly bool Plain;

        public Scan(string text)
        {
            T = text;
            var f = new char[text.Length];
            var l = new char[text.Length];
            int letters = 0, marked = 0;
            for (var i = 0; i < text.Length; i++)
            {
                f[i] = FoldTable[text[i]];
                l[i] = char.ToLowerInvariant(text[i]);
                if (f[i] is '\n' or ' ' or '-' or '"' or '\'' || text[i] == '…') l[i] = f[i];
                if (char.IsLetter(text[i]))
                {
                    letters++;
                    if (f[i] != l[i]) marked++;
                }
            }
            F = new string(f);
            L = new string(l);
            // Vietnamese typed without any diacritics: ambiguous short words are then not trusted.
            Plain = letters >= 20 && marked * 100 < letters;
        }

        private bool Letter(int i) => i >= 0 && i < F.Length && char.IsLetter(F[i]);
        private bool Digit(int i) => i >= 0 && i < F.Length && char.IsAsciiDigit(F[i]);
        private bool Boundary(int i) => i >= F.Length || !char.IsLetterOrDigit(F[i]);

        /// <summary>Reads the figure that may start with the digit at <paramref name="i"/>; returns where to go on.</summary>
        public int TryFigure(int i, List<ExtractedFigure> result)
        {
            // "77 cuộc/2288 lượt người": a second figure right after the first one's unit.
            var afterFigure = result.Count > 0 && result[^1].End == i - 1 && F[i - 1] == '/';
            var end = NumberEnd(i);
            // Part of a word or code: "A3", "F0", "COVID-19", "QĐ/124".
            var prev = i > 0 ? F[i - 1] : ' ';
            if (Letter(i - 1) || (!afterFigure && prev is '-' or '/' or '.' or ',' && (Letter(i - 2) || Digit(i - 2))))
                return SkipWord(end);
            if (end < F.Length && F[end] is ':' && Digit(end + 1)) return SkipWord(end + 1); // 14:09
            if (end < F.Length && F[end] is '/' or '-' && end + 1 < F.Length && (Letter(end + 1) || (F[end] == '-' && Digit(end + 1))))
                return SkipWord(end + 1); // 42/CP, 217-QĐ, 2019-2024
            if (Labelled(i)) return SkipWord(end);

            var first = T.AsSpan(i, end - i);
            int? ofStart = null, ofEnd = null;
            if (end < F.Length && F[end] == '/' && Digit(end + 1))
            {
                ofStart = end + 1;
                ofEnd = NumberEnd(end + 1);
                if (ofEnd < F.Length && (F[ofEnd.Value] is '/' or '-' or ':' || Letter(ofEnd.Value) && !UnitAhead(ofEnd.Value))) return SkipWord(ofEnd.Value); // 30/4/1975, 05/BCT
            }
            var numberEnd = ofEnd ?? end;
            var (multiplier, afterMultiplier) = Multiplier(numberEnd);
            // "2 tỷ 500 triệu đồng": the smaller part is added on.
            decimal extra = 0;
            if (ofStart is null && multiplier > 1 && Digit(SkipSpaces(afterMultiplier)))
            {
                var partStart = SkipSpaces(afterMultiplier);
                var partEnd = NumberEnd(partStart);
                var (m2, after2) = Multiplier(partEnd);
                if (m2 > 1 && m2 < multiplier && VietNumber.TryParse(T.AsSpan(partStart, partEnd - partStart), true, out var part))
                    (extra, afterMultiplier) = (part * m2, after2);
            }
            var unit = MatchUnit(afterMultiplier, out var unitEnd);
            if (unit is null && multiplier >= 1_000_000 && !NounAhead(afterMultiplier))
            {
                // "được 1,2 tỷ." is money; "1 tỷ cây xanh", "2 triệu USD" are not.
                unit = Units.First(u => u.Unit == "đồng");
                unitEnd = afterMultiplier;
            }
            if (!VietNumber.TryParse(first, decimalHint: multiplier > 1 || unit?.Kind == Kind.Percent, out var quantity)) return SkipWord(numberEnd);
            decimal? of = null;
            if (ofStart is int os)
            {
                if (!VietNumber.TryParse(T.AsSpan(os, ofEnd!.Value - os), multiplier > 1, out var denominator) || denominator <= 0 || quantity > denominator || denominator > 1_000_000_000_000m)
                    return SkipWord(numberEnd); // 27/7 is a date, not a fraction
                if (unit is null)
                {
                    // "có mặt 1160/2500 đạt" takes the unit named earlier in its clause; "1/5" on its own is a date.
                    if (denominator <= 12 && quantity <= 31) return SkipWord(numberEnd);
                    unit = UnitInClause(i);
                    unitEnd = numberEnd;
                }
                of = denominator * Math.Max(multiplier, 1);
            }
            if (unit is null || unitEnd is null) return SkipWord(numberEnd);
            quantity = quantity * multiplier + extra;
            // "Phiên chợ 0 đồng" is a name; an absurd amount is a misreading.
            if (quantity == 0 || quantity > 1_000_000_000_000_000m) return SkipWord(unitEnd.Value);

            var (qualifier, start) = Qualifier(i);
            if (of is not null) qualifier = Qualifiers.Fraction;
            else if (qualifier == Qualifiers.Exact && Follows(unitEnd.Value, "tro len")) qualifier = Qualifiers.AtLeast;
            var category = unit.Forced ?? CategoryOf(unit, i, unitEnd.Value, result.Count > 0 ? result[^1] : null);
            var target = of is null && IsTarget(start);
            var stop = unitEnd.Value;
            result.Add(new ExtractedFigure(T[start..stop], start, stop, quantity, unit.Unit, category, qualifier, of, target));
            return stop;
        }

        /// <summary>The end of a number token: digits, with '.' or ',' only between digits.</summary>
        private int NumberEnd(int i)
        {
            var j = i;
            // Bounded, so a million digits in a row cost no more than reading them.
            while (j < F.Length && (char.IsAsciiDigit(F[j]) || (F[j] is '.' or ',' && Digit(j + 1) && Digit(j - 1)))) j++;
            return j;
        }

        private int SkipWord(int i)
        {
            var j = Math.Max(i, 0);
            while (j < F.Length && (char.IsLetterOrDigit(F[j]) || F[j] is '/' or '-' or '.' or ',' or ':') && !(F[j] is '.' or ',' && !Digit(j + 1) && !Letter(j + 1))) j++;
            return Math.Max(j, i + 1);
        }

        private int SkipSpaces(int i, int max = 3)
        {
            var j = i;
            while (j < F.Length && F[j] == ' ' && j - i < max) j++;
            return j;
        }

        private (decimal Multiplier, int End) Multiplier(int i)
        {
            var j = SkipSpaces(i);
            foreach (var (word, value, exact) in Multipliers)
                if (At(j, word, exact) && Boundary(j + word.Length)) return (value, j + word.Length);
            return (1, i);
        }

        private static readonly (string Word, decimal Value, string[]? Exact)[] Multipliers =
        [
            ("trieu", 1_000_000m, null), ("ty", 1_000_000_000m, ["tỷ", "tỉ"]), ("ti", 1_000_000_000m, ["tỉ", "tỷ"]),
            ("nghin", 1_000m, null), ("ngan", 1_000m, ["ngàn"]), ("tr", 1_000_000m, null),
        ];

        /// <summary>The folded word at i, and, when the word is ambiguous without diacritics, one of its written forms.</summary>
        private bool At(int i, string folded, string[]? exact)
        {
            if (i < 0 || i + folded.Length > F.Length || string.CompareOrdinal(F, i, folded, 0, folded.Length) != 0) return false;
            if (exact is null) return true;
            foreach (var e in exact)
                if (e.Length == folded.Length && string.CompareOrdinal(L, i, e, 0, e.Length) == 0) return true;
            return false;
        }

        private UnitWord? MatchUnit(int i, out int? end)
        {
            end = null;
            var j = SkipSpaces(i);
            foreach (var u in Units)
            {
                if (Plain && !u.Plain) continue;
                if (!At(j, u.Folded, Plain ? null : u.Exact)) continue;
                if (u.Folded != "%" && !Boundary(j + u.Folded.Length)) continue;
                end = j + u.Folded.Length;
                return u;
            }
            return null;
        }

        private bool UnitAhead(int i) => MatchUnit(i, out _) is not null;

        /// <summary>A word follows that is not one of the small words after an amount ("và", "cho", "để"…): it names what was counted.</summary>
        private bool NounAhead(int i)
        {
            var j = SkipSpaces(i);
            if (!Letter(j)) return false;
            var end = j;
            while (end < F.Length && char.IsLetter(F[end]) && end - j < 12) end++;
            return !AmountFollowers.Contains(F[j..end]);
        }

        /// <summary>The first unit word of the clause before a bare fraction.</summary>
        private UnitWord? UnitInClause(int i)
        {
            var from = ClauseStart(i, Look * 3);
            for (var j = from; j < i; j++)
            {
                if (j > 0 && char.IsLetterOrDigit(F[j - 1])) continue;
                foreach (var u in Units)
                    if (u.Kind is Kind.People or Kind.Household or Kind.Group && (!Plain || u.Plain) && At(j, u.Folded, Plain ? null : u.Exact) && Boundary(j + u.Folded.Length))
                        return u;
            }
            return null;
        }

        private int ClauseStart(int i, int max)
        {
            var limit = Math.Max(0, i - max);
            for (var j = i - 1; j >= limit; j--)
                if (F[j] is '\n' or ';' or '!' or '?' || (F[j] == '.' && !Digit(j + 1)))
                    return j + 1;
            return limit;
        }

        private int ClauseEnd(int i, int max)
        {
            var limit = Math.Min(F.Length, i + max);
            for (var j = i; j < limit; j++)
                if (F[j] is '\n' or ';' or '!' or '?' || (F[j] == '.' && !Digit(j + 1))) return j;
            return limit;
        }

        /// <summary>The word before position i (folded and lowercased), skipping spaces; "" at a line start.</summary>
        private (string Folded, string Lower, int Start) WordBefore(int i)
        {
            var j = i - 1;
            while (j >= 0 && F[j] == ' ' && i - j < 4) j--;
            var end = j + 1;
            while (j >= 0 && char.IsLetter(F[j]) && end - j < 20) j--;
            var start = j + 1;
            return start < end ? (F[start..end], L[start..end], start) : ("", "", i);
        }

        private bool Labelled(int i)
        {
            var (folded, lower, start) = WordBefore(i);
            if (folded.Length == 0) return false;
            // "năm 2024" is a year; "hằng năm 18/18 thôn" is not.
            if (folded == "nam" && NumberEnd(i) - i != 4) return false;
            if (Plain ? PlainLabelWords.Contains(folded) : LabelWords.Contains(lower)) return true;
            var (before, _, _) = WordBefore(start);
            return before.Length > 0 && LabelPhrases.Contains(before + " " + folded);
        }

        private (string Qualifier, int Start) Qualifier(int i)
        {
            var (w1, l1, s1) = WordBefore(i);
            if (w1.Length == 0) return (Qualifiers.Exact, i);
            var (w2, _, s2) = WordBefore(s1);
            var two = w2.Length > 0 ? w2 + " " + w1 : "";
            switch (two)
            {
                case "it nhat" or "toi thieu" or "khong duoi": return (Qualifiers.AtLeast, s2);
                case "xap xi" or "uoc tinh": return (Qualifiers.About, s2);
                case "khong qua" or "toi da": return (Qualifiers.Under, s2);
            }
            return w1 switch
            {
                "tren" => (Qualifiers.Over, s1),
                "hon" when Plain || l1 == "hơn" => (Qualifiers.Over, s1),
                "gan" when Plain || l1 == "gần" => (Qualifiers.About, s1),
                "khoang" or "chung" when Plain || l1 is "khoảng" or "chừng" => (Qualifiers.About, s1),
                "uoc" when Plain || l1 == "ước" => (Qualifiers.About, s1),
                "duoi" when Plain || l1 == "dưới" => (Qualifiers.Under, s1),
                _ => (Qualifiers.Exact, i),
            };
        }

        private bool Follows(int i, string folded)
        {
            var j = SkipSpaces(i);
            return At(j, folded, null) && Boundary(j + folded.Length);
        }

        /// <summary>A planned figure: "chỉ tiêu", "phấn đấu", "kế hoạch" shortly before it in its clause (not "theo kế hoạch").</summary>
        private bool IsTarget(int i)
        {
            // "Chỉ tiêu năm 2025: … đạt 150 triệu đồng; phấn đấu 100% …" holds for its whole sentence, until "kết quả".
            var sentence = SentenceStart(i, 200);
            var window = F.AsSpan(sentence, i - sentence);
            foreach (var w in SentenceTargetWords)
            {
                var at = window.LastIndexOf(w, StringComparison.Ordinal);
                if (at >= 0 && (at == 0 || !char.IsLetter(window[at - 1])) && window[at..].IndexOf("ket qua", StringComparison.Ordinal) < 0) return true;
            }
            // "kế hoạch", "dự kiến" only shortly before, and not "theo kế hoạch".
            var from = ClauseStart(i, 45);
            window = F.AsSpan(from, i - from);
            foreach (var w in TargetWords)
            {
                var at = window.LastIndexOf(w, StringComparison.Ordinal);
                if (at < 0 || (at > 0 && char.IsLetter(window[at - 1]))) continue;
                if (w == "ke hoach" && from + at >= 5 && F.AsSpan(from + at - 5, 5).SequenceEqual("theo ")) continue;
                return true;
            }
            return false;
        }

        private int SentenceStart(int i, int max)
        {
            var limit = Math.Max(0, i - max);
            for (var j = i - 1; j >= limit; j--)
                if (F[j] is '\n' or '!' or '?' || (F[j] == '.' && !Digit(j + 1))) return j + 1;
            return limit;
        }

        /// <summary>
        /// The category named by the nearest cue around the figure that its unit can take; gifts win for money
        /// wherever "quà" is in the clause ("tặng quà … với tổng số tiền 48.800.000 đồng").
        /// </summary>
        private string CategoryOf(UnitWord unit, int start, int end, ExtractedFigure? previous)
        {
            var from = ClauseStart(start, Before);
            // After a figure, the words up to the next number are its own.
            var to = ClauseEnd(end, After);
            for (var j = end; j < to; j++)
                if (char.IsAsciiDigit(F[j])) { to = j; break; }
            if (unit.Kind == Kind.People && (FollowsAny(end, "tham du", "co mat") || (!Plain && FollowsLower(end, "dự"))))
                return Categories.Attendance;
            if (unit.Kind == Kind.Money)
            {
                // "tặng quà … với tổng số tiền 48.800.000 đồng", "607 phần quà trị giá 214 triệu đồng": the money is the gifts' value.
                if (previous is { Unit: "phần quà" } && previous.End >= from && previous.End <= start) return Categories.Gifts;
                var since = Math.Max(from, previous is not null && previous.End <= start ? previous.End : 0);
                if (!Plain && Find(Cues.First(c => c.Category == Categories.Gifts), since, start, ["quà"], last: true) >= 0) return Categories.Gifts;
            }
            // After "100%" comes what it is a share of: heard only when nothing before names the figure.
            return Nearest(unit, from, start, end, unit.Kind == Kind.Percent ? end : to)
                ?? (unit.Kind == Kind.Percent ? Nearest(unit, start, start, end, to) : null)
                ?? unit.Default ?? unit.Kind switch
                {
                    Kind.Money => Categories.Fund,
                    Kind.Session or Kind.Opinion => Categories.Meeting,
                    _ => Categories.Other,
                };
        }

        /// <summary>The category of the cue nearest to the figure that its unit can take; words after it count double the distance.</summary>
        private string? Nearest(UnitWord unit, int from, int start, int end, int to)
        {
            string? best = null;
            var bestDistance = int.MaxValue;
            var bestLength = 0;
            foreach (var cue in Cues)
            {
                if ((cue.Kinds & unit.Kind) == 0 || (Plain && cue.Exact is not null)) continue;
                var before = Find(cue, from, start, cue.Exact, last: true);
                if (before >= 0) Closer(cue, start - (before + cue.Folded.Length));
                var after = Find(cue, end, to, cue.Exact, last: false);
                if (after >= 0) Closer(cue, 2 * (after - end));
            }
            return best;

            void Closer(Cue cue, int d)
            {
                if (d < bestDistance || (d == bestDistance && cue.Folded.Length > bestLength)) (best, bestDistance, bestLength) = (cue.Category, d, cue.Folded.Length);
            }
        }

        private bool FollowsAny(int i, params string[] words) => words.Any(w => Follows(i, w));

        private bool FollowsLower(int i, string lower)
        {
            var j = SkipSpaces(i);
            return j + lower.Length <= L.Length && string.CompareOrdinal(L, j, lower, 0, lower.Length) == 0 && Boundary(j + lower.Length);
        }

        /// <summary>The position of a cue as a whole word within [from, to), the last or the first; -1 when absent.</summary>
        private int Find(Cue cue, int from, int to, string[]? exact, bool last)
        {
            if (to - from < cue.Folded.Length) return -1;
            var window = F.AsSpan(from, to - from);
            if (last)
            {
                var limit = window.Length;
                while (limit >= cue.Folded.Length)
                {
                    var at = window[..limit].LastIndexOf(cue.Folded, StringComparison.Ordinal);
                    if (at < 0) return -1;
                    if (WholeCue(from + at, cue, exact)) return from + at;
                    limit = at + cue.Folded.Length - 1;
                }
                return -1;
            }
            for (var offset = 0; offset < window.Length;)
            {
                var at = window[offset..].IndexOf(cue.Folded, StringComparison.Ordinal);
                if (at < 0) return -1;
                if (WholeCue(from + offset + at, cue, exact)) return from + offset + at;
                offset += at + 1;
            }
            return -1;
        }

        private bool WholeCue(int pos, Cue cue, string[]? exact) =>
            (pos == 0 || !char.IsLetterOrDigit(F[pos - 1])) && Boundary(pos + cue.Folded.Length) && At(pos, cue.Folded, exact);
    }
}
