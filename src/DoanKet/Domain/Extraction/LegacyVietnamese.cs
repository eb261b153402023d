using System.Text;

namespace DoanKet.Domain.Extraction;

/// <summary>
/// Repairs Vietnamese typed in the legacy 8-bit font encodings TCVN3 (ABC, ".VnTime") or VNI ("VNI-Times")
/// whose bytes were later read as Windows-1252 or Latin-1: "MÆt trËn" (TCVN3) and "Maët traän" (VNI) become "Mặt trận".
/// </summary>
/// <remarks>
/// Each word with a non-ASCII char is read three ways (as it is, as TCVN3, as VNI) and checked as a Vietnamese
/// syllable. A line is converted when a legacy reading gains clearly more syllables than it loses (see
/// <see cref="Passes"/>); a short line too is converted when the whole text is that encoding and all its words
/// read well. A line holding a letter no legacy byte gives (ặ ư đ, a combining mark) is Unicode and never touched,
/// so correct Vietnamese, English and other languages come back as the same instance. One pass over the text
/// plus constant work per word: linear time, no regex, no exceptions.
/// Tables: TCVN 5712:1993 VN3 and VNI-Windows, cross-checked against published converters and glibc's TCVN5712-1.
/// </remarks>
public static class LegacyVietnamese
{
    private enum Enc { None, Tcvn3, Vni }

    // Longer tokens are no syllable; they are still converted, only not scored.
    private const int MaxWord = 16;

    /// <summary>The text converted from TCVN3 or VNI mojibake to Unicode; the same instance when nothing needs it.</summary>
    public static string Repair(string text)
    {
        if (!HasHighChar(text)) return text;
        var (doc, lines) = Analyze(text);
        StringBuilder? sb = null;
        var copied = 0;
        foreach (var line in lines)
        {
            var use = LineEncoding(line.S, doc);
            if (use == Enc.None) continue;
            sb ??= new StringBuilder(text.Length);
            sb.Append(text, copied, line.Start - copied);
            AppendConverted(sb, text, line, use);
            copied = line.End;
        }
        if (sb is null) return text;
        sb.Append(text, copied, text.Length - copied);
        var result = sb.ToString();
        return result == text ? text : result;
    }

    /// <summary>"TCVN3" or "VNI" when the text is (mostly) that mojibake, otherwise null.</summary>
    public static string? Detect(string text)
    {
        if (!HasHighChar(text)) return null;
        var (doc, lines) = Analyze(text);
        if (doc == Enc.None)
        {
            // A mixed text: name the encoding of the lines that would be repaired.
            int t = 0, v = 0;
            foreach (var line in lines)
            {
                var e = LineEncoding(line.S, Enc.None);
                if (e == Enc.Tcvn3) t += line.S.T.Gain;
                else if (e == Enc.Vni) v += line.S.V.Gain;
            }
            doc = t > v ? Enc.Tcvn3 : v > t ? Enc.Vni : Enc.None;
        }
        return doc switch { Enc.Tcvn3 => "TCVN3", Enc.Vni => "VNI", _ => null };
    }

    private static bool HasHighChar(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        foreach (var c in text)
            if (c >= '\u0080') return true;
        return false;
    }

    // ---------------------------------------------------------------- tables

    // TCVN 5712:1993 VN3 (the ".VnTime" fonts), bytes 0xA0–0xFF; '\0' = not in VN3.
    // ASCII is unchanged. VN3 has no capital toned letters (".VnTimeH" fonts draw capitals at the lowercase codes),
    // so the VN1 capitals at 0x80–0x9F and 0xAF… and the combining marks at 0xB0–0xB4 are left alone:
    // in real files those bytes are far more often “”–…, °, ², ³ typed in another font.
    private const string Tcvn3High =
        "\0ĂÂÊÔƠƯĐăâêôơưđ\0" +        // A0–AF
        "\0\0\0\0\0àảãáạ\0ằẳẵắ\0" +    // B0–BF
        "\0\0\0\0\0\0ặầẩẫấậè\0ẻẽ" +    // C0–CF
        "éẹềểễếệìỉ\0\0\0ĩíịò" +        // D0–DF
        "\0ỏõóọồổỗốộờởỡớợù" +         // E0–EF
        "\0ủũúụừửữứựỳỷỹýỵ\0";         // F0–FF

    // Windows-1252 0x80–0x9F; the five undefined bytes stay C1 controls, as .NET decodes them.
    private const string Cp1252C1 =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    // The twelve Vietnamese vowels, each with tones 0 none, 1 grave (huyền), 2 acute (sắc), 3 hook (hỏi),
    // 4 tilde (ngã), 5 dot below (nặng).
    private const string VowelBases = "aăâeêioôơuưy";
    private static readonly string[] Toned =
    [
        "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
        "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
    ];

    private static readonly Dictionary<char, (char Base, int Tone)> VowelOf = BuildVowelOf();

    private static Dictionary<char, (char, int)> BuildVowelOf()
    {
        var d = new Dictionary<char, (char, int)>();
        for (var row = 0; row < Toned.Length; row++)
            for (var tone = 0; tone < 6; tone++)
                d[Toned[row][tone]] = (VowelBases[row], tone);
        return d;
    }

    /// <summary>The byte a char was decoded from, read as Windows-1252 or Latin-1; -1 when it cannot be one.</summary>
    private static int ToByte(char c)
    {
        if (c <= '\u00FF') return c;
        var i = Cp1252C1.IndexOf(c);
        return i >= 0 ? 0x80 + i : -1;
    }

    private static char Tcvn3Char(int b) => b >= 0xA0 ? Tcvn3High[b - 0xA0] : '\0';

    /// <summary>
    /// A VNI diacritic byte that follows its vowel: shape (1 circumflex, 2 breve) and tone (see <see cref="Toned"/>).
    /// Capitals use the same letters in upper case (0x20 lower), so both are read through the lowercase form.
    /// Circumflex and breve with a tone are single bytes: ấ = "aá", ắ = "aé".
    /// </summary>
    private static (int Shape, int Tone) VniMark(int b) => b < 0xC0 ? (-1, 0) : (char)(b | 0x20) switch
    {
        'ø' => (0, 1), 'ù' => (0, 2), 'û' => (0, 3), 'õ' => (0, 4), 'ï' => (0, 5),
        'â' => (1, 0), 'à' => (1, 1), 'á' => (1, 2), 'å' => (1, 3), 'ã' => (1, 4), 'ä' => (1, 5),
        'ê' => (2, 0), 'è' => (2, 1), 'é' => (2, 2), 'ú' => (2, 3), 'ü' => (2, 4), 'ë' => (2, 5),
        _ => (-1, 0),
    };

    /// <summary>VNI letters that are one byte on their own (đ, the toned i, ỵ), lowercase; '\0' otherwise.</summary>
    private static char VniSingle(int b) => b < 0xC0 ? '\0' : (char)(b | 0x20) switch
    {
        'ñ' => 'đ', 'ì' => 'ì', 'í' => 'í', 'æ' => 'ỉ', 'ó' => 'ĩ', 'ò' => 'ị', 'î' => 'ỵ',
        _ => '\0',
    };

    /// <summary>A VNI vowel that takes marks: the ASCII vowels, and ơ ư which are single bytes ô ö.</summary>
    private static char VniBase(char c, int b) => c switch
    {
        'a' or 'e' or 'o' or 'u' or 'y' or 'A' or 'E' or 'O' or 'U' or 'Y' => char.ToLowerInvariant(c),
        _ => b is 0xF4 or 0xD4 ? 'ơ' : b is 0xF6 or 0xD6 ? 'ư' : '\0',
    };

    private static char Compose(char vowel, int shape, int tone, bool upper)
    {
        if (shape == 1) vowel = vowel switch { 'a' => 'â', 'e' => 'ê', _ => 'ô' };
        else if (shape == 2) vowel = 'ă';
        var c = Toned[VowelBases.IndexOf(vowel)][tone];
        return upper ? char.ToUpperInvariant(c) : c;
    }

    // ---------------------------------------------------------------- decoding one word

    /// <summary>A TCVN3 word into dst (same length); allMapped is false when a non-ASCII char is not TCVN3.</summary>
    private static int DecodeTcvn3(ReadOnlySpan<char> src, Span<char> dst, bool upper, out bool allMapped)
    {
        allMapped = true;
        for (var k = 0; k < src.Length; k++)
        {
            var c = src[k];
            var m = Tcvn3Char(ToByte(c));
            if (m != '\0') c = upper ? char.ToUpperInvariant(m) : m;
            else if (c >= '\u0080') allMapped = false;
            dst[k] = c;
        }
        return src.Length;
    }

    /// <summary>A VNI word into dst (never longer); allMapped is false when a non-ASCII char is not VNI.</summary>
    private static int DecodeVni(ReadOnlySpan<char> src, Span<char> dst, out bool allMapped)
    {
        allMapped = true;
        var n = 0;
        for (var k = 0; k < src.Length; k++)
        {
            var c = src[k];
            var b = ToByte(c);
            var vowel = VniBase(c, b);
            if (vowel != '\0')
            {
                var upper = char.IsUpper(c);
                int shape = 0, tone = 0;
                // At most one shape and one tone; a second mark byte only when typed apart ("a" "â" "ù").
                while (k + 1 < src.Length)
                {
                    var (s, t) = VniMark(ToByte(src[k + 1]));
                    var fits = s >= 0 && (t == 0 || tone == 0) && (s == 0 || (shape == 0 && tone == 0 &&
                        (s == 1 ? vowel is 'a' or 'e' or 'o' : vowel == 'a')));
                    if (!fits) break;
                    if (s != 0) shape = s;
                    if (t != 0) tone = t;
                    k++;
                }
                dst[n++] = Compose(vowel, shape, tone, upper);
                continue;
            }
            var single = VniSingle(b);
            if (single != '\0') c = b < 0xE0 ? char.ToUpperInvariant(single) : single;
            else if (c >= '\u0080') allMapped = false;
            dst[n++] = c;
        }
        return n;
    }

    // ---------------------------------------------------------------- Vietnamese syllables

    // Vowel nuclei without a final consonant, only with one, or either way (tones stripped).
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> OpenNuclei = Set(
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ui", "ưi", "ưu", "ưa", "ua",
        "uơ", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ClosedNuclei = Set(
        "ă", "â", "iê", "yê", "uô", "ươ", "uyê", "oă", "uâ", "oo");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AnyNuclei = Set(
        "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Codas = Set(
        "", "c", "ch", "m", "n", "ng", "nh", "p", "t");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Onsets = Set(
        "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph",
        "qu", "r", "s", "t", "th", "tr", "v", "x");

    // Looked up by span, so checking a word allocates nothing.
    private static HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Set(params string[] items) =>
        new HashSet<string>(items, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool IsVowel(char c) => VowelBases.Contains(c);

    /// <summary>
    /// Whether a word is one well-formed Vietnamese syllable (onset, vowel nucleus, coda, at most one tone; stop codas
    /// only with acute or dot tones), or a short all-capital abbreviation with Đ such as "HĐND". Accepts NFC or NFD.
    /// </summary>
    private static bool IsSyllable(ReadOnlySpan<char> word)
    {
        if (word.Length is 0 or > MaxWord) return false;
        Span<char> s = stackalloc char[MaxWord];
        int n = 0, tone = 0, tones = 0;
        bool abbreviation = word.Length is >= 2 and <= 6, hasDd = false;
        var capitalVowels = 0;
        foreach (var c in word)
        {
            abbreviation &= c is (>= 'A' and <= 'Z') or 'Đ';
            hasDd |= c == 'Đ';
            if (c is 'A' or 'E' or 'I' or 'O' or 'U' or 'Y') capitalVowels++;
            var l = char.ToLowerInvariant(c);
            if (VowelOf.TryGetValue(l, out var v))
            {
                s[n++] = v.Base;
                if (v.Tone > 0) { tone = v.Tone; tones++; }
            }
            else if (l is (>= 'a' and <= 'z') or 'đ') s[n++] = l;
            else if (n > 0 && IsVowel(s[n - 1]) && CombiningTone(c) > 0) { tone = CombiningTone(c); tones++; }
            else if (n > 0 && CombiningShape(c, s[n - 1]) != '\0') s[n - 1] = CombiningShape(c, s[n - 1]);
            else return false;
        }
        if (abbreviation && hasDd && capitalVowels <= 1) return true;
        if (tones > 1) return false;

        ReadOnlySpan<char> w = s[..n];
        var v0 = 0;
        while (v0 < n && !IsVowel(w[v0])) v0++;
        // "gi" and "qu" take their vowel letter into the onset when another vowel follows: gia, quê; but gì, gìn.
        if (v0 + 1 < n && IsVowel(w[v0 + 1]) && v0 == 1 && ((w[0] == 'g' && w[1] == 'i') || (w[0] == 'q' && w[1] == 'u')))
            v0 = 2;
        else if (v0 == 1 && w[0] == 'q') return false;
        if (v0 == n) return false;
        var v1 = v0;
        while (v1 < n && IsVowel(w[v1])) v1++;
        var onset = w[..v0];
        var nucleus = w[v0..v1];
        var coda = w[v1..];
        if (!Onsets.Contains(onset) || !Codas.Contains(coda)) return false;
        if (onset is "qu" && nucleus[0] is 'u' or 'o') return false;
        // Spelling: k gh ngh before i e ê y, and c g ng elsewhere (g before i is gì, gìn).
        var front = nucleus[0] is 'i' or 'e' or 'ê' or 'y';
        if (onset is "k" or "gh" or "ngh" && !front) return false;
        if ((onset is "c" or "ng" && front) || (onset is "g" && nucleus[0] is 'e' or 'ê')) return false;
        // y alone takes a final consonant only after qu: quýt, quỳnh.
        if (nucleus is "y" && coda.Length > 0 && onset is not "qu") return false;
        var nucleusOk = coda.Length == 0
            ? OpenNuclei.Contains(nucleus) || AnyNuclei.Contains(nucleus)
            : ClosedNuclei.Contains(nucleus) || AnyNuclei.Contains(nucleus);
        if (!nucleusOk || (nucleus is "oo" && coda is not ("ng" or "c"))) return false;
        // After qu the y stands for uy: quỳnh, quých.
        if (coda is "ch" or "nh" && nucleus is not ("a" or "ê" or "i" or "y" or "oa" or "uê" or "uy")) return false;
        // A stop consonant ends only syllables with the acute or dot-below tone.
        if (coda is "c" or "ch" or "p" or "t" && tone is not (2 or 5)) return false;
        return true;
    }

    private static bool IsVietnameseLetter(char c) =>
        VowelOf.ContainsKey(char.ToLowerInvariant(c)) || c is 'đ' or 'Đ' || CombiningTone(c) > 0 || c is '\u0302' or '\u0306' or '\u031B';

    /// <summary>
    /// lower, Capitalised or UPPER, as Unicode words are. TCVN3 puts lowercase toned letters on Latin-1 capitals,
    /// so its mojibake reads "ViÖt", "lÒ": not a word as it is.
    /// </summary>
    private static bool PlainCase(ReadOnlySpan<char> word)
    {
        int upper = 0, lower = 0;
        for (var k = 0; k < word.Length; k++)
        {
            if (char.IsUpper(word[k])) { upper++; if (lower > 0) return false; }
            else if (char.IsLower(word[k])) lower++;
        }
        return upper <= 1 || lower == 0;
    }

    private static int CombiningTone(char c) => c switch
    {
        '\u0300' => 1, '\u0301' => 2, '\u0309' => 3, '\u0303' => 4, '\u0323' => 5, _ => 0,
    };

    private static char CombiningShape(char c, char vowel) => (c, vowel) switch
    {
        ('\u0302', 'a') => 'â', ('\u0302', 'e') => 'ê', ('\u0302', 'o') => 'ô', ('\u0306', 'a') => 'ă',
        ('\u031B', 'o') => 'ơ', ('\u031B', 'u') => 'ư', _ => '\0',
    };

    // ---------------------------------------------------------------- scoring

    private struct Tally
    {
        public int Valid;   // words that are a syllable in this reading
        public int Gain;    // ... and not as they are
        public int Anchor;  // gains of three chars or more: "s«", "të", "på" are too easy to hit by chance
        public int Loss;    // words that are a syllable as they are, and not in this reading

        public void Add(in Tally o)
        {
            Valid += o.Valid; Gain += o.Gain; Anchor += o.Anchor; Loss += o.Loss;
        }
    }

    private struct Score
    {
        public int Words;   // every word
        public int High;    // words with a non-ASCII char: the only ones that can tell
        public int Native;  // lines with a Vietnamese letter no legacy byte gives (ặ ư đ, combining marks): Unicode
        public int Upper, Lower;  // ASCII letters, to spot lines typed in capitals
        public Tally T, V;

        public void Add(in Score o)
        {
            Words += o.Words; High += o.High; Native += o.Native; Upper += o.Upper; Lower += o.Lower;
            T.Add(o.T);
            V.Add(o.V);
        }
    }

    private readonly record struct Line(int Start, int End, Score S);

    // Vietnamese puts a diacritic on most words; European text with å ä ö ü ë (which TCVN3 and VNI reuse)
    // on few. So: a third of the words carry one, half of those read as syllables, the gained words outweigh
    // twice the lost ones, and two gains are longer than two chars.
    private static bool Passes(in Tally t, in Score s) =>
        3 * s.High >= s.Words && 2 * t.Valid >= s.High && t.Anchor >= 2 && t.Gain > 2 * t.Loss;

    private static Enc Decide(in Score s)
    {
        var t = Passes(s.T, s);
        var v = Passes(s.V, s);
        if (t && v)
        {
            var dt = s.T.Gain - s.T.Loss;
            var dv = s.V.Gain - s.V.Loss;
            return dt > dv ? Enc.Tcvn3 : dv > dt ? Enc.Vni : Enc.None;
        }
        return t ? Enc.Tcvn3 : v ? Enc.Vni : Enc.None;
    }

    /// <summary>
    /// How a line is converted: as its own words decide; or, when too short to decide alone, as the whole text
    /// decides if the line gains a word and every word with a diacritic reads as a syllable. Never a line with a
    /// letter no legacy byte gives: it is Unicode.
    /// </summary>
    private static Enc LineEncoding(in Score s, Enc doc)
    {
        if (s.Native > 0) return Enc.None;
        var own = Decide(s);
        if (own != Enc.None || doc == Enc.None) return own;
        var t = doc == Enc.Tcvn3 ? s.T : s.V;
        return t.Gain >= 1 && t.Loss == 0 && t.Valid == s.High ? doc : Enc.None;
    }

    private static bool IsBreak(char c) => c is '\n' or '\r' or '\f' or '\u2028' or '\u2029';

    /// <summary>A char that belongs to a word in any of the three readings.</summary>
    private static bool IsWordChar(char c)
    {
        var b = ToByte(c);
        if (b >= 0) return char.IsAsciiLetter(c) || (b >= 0xA0 && (Tcvn3Char(b) != '\0' || char.IsLetter(c)));
        return char.IsLetter(c) || IsVietnameseLetter(c);
    }

    private static (Enc Doc, List<Line> Lines) Analyze(string text)
    {
        var lines = new List<Line>();
        var total = new Score();
        var start = 0;
        while (start <= text.Length)
        {
            var end = start;
            while (end < text.Length && !IsBreak(text[end])) end++;
            var s = ScoreLine(text.AsSpan(start, end - start));
            lines.Add(new Line(start, end, s));
            // Lines with Unicode-only letters do not vote on the text's encoding.
            if (s.Native == 0) total.Add(s);
            start = end + 1;
        }
        return (Decide(total), lines);
    }

    private static Score ScoreLine(ReadOnlySpan<char> line)
    {
        var s = new Score();
        // A line with a Unicode-only Vietnamese letter is settled without reading its words.
        foreach (var c in line)
            if (c > '\u00FF' && ToByte(c) < 0 && IsVietnameseLetter(c)) { s.Native = 1; return s; }
        Span<char> buf = stackalloc char[MaxWord];
        var i = 0;
        while (i < line.Length)
        {
            if (!IsWordChar(line[i])) { i++; continue; }
            var j = i;
            while (j < line.Length && IsWordChar(line[j])) j++;
            var word = line[i..j];
            i = j;

            s.Words++;
            bool ascii = false, high = false, foreign = false;
            foreach (var c in word)
            {
                if (char.IsAsciiLetterUpper(c)) { ascii = true; s.Upper++; }
                else if (char.IsAsciiLetterLower(c)) { ascii = true; s.Lower++; }
                else
                {
                    high = true;
                    foreign |= ToByte(c) < 0;
                }
            }
            // Words of legacy chars alone (× in 8×10, ë, ®·) are too short to tell and are not counted;
            // a word with a char no legacy byte gives (Greek, ặ) counts against every reading.
            if (!high || (!ascii && !foreign)) continue;
            s.High++;
            if (word.Length > MaxWord) continue;

            var asIs = IsSyllable(word) && PlainCase(word);
            var n = DecodeTcvn3(word, buf, false, out var all);
            Count(ref s.T, asIs, all && IsSyllable(buf[..n]), word.Length >= 3);
            n = DecodeVni(word, buf, out all);
            Count(ref s.V, asIs, all && IsSyllable(buf[..n]), word.Length >= 3);
        }
        return s;
    }

    private static void Count(ref Tally t, bool asIs, bool read, bool anchor)
    {
        if (read) t.Valid++;
        if (read && !asIs)
        {
            t.Gain++;
            if (anchor) t.Anchor++;
        }
        if (asIs && !read) t.Loss++;
    }

    // ---------------------------------------------------------------- converting

    private static void AppendConverted(StringBuilder sb, string text, Line line, Enc enc)
    {
        // ".VnTimeH" capitals are typed at the lowercase codes; a line typed in capitals gets capitals back.
        var capsLine = line.S.Lower == 0 && line.S.Upper >= 2;
        Span<char> small = stackalloc char[64];
        var i = line.Start;
        while (i < line.End)
        {
            var c = text[i];
            if (!IsWordChar(c))
            {
                // Bytes 0x80–0x9F come out the same whichever way they were first decoded.
                var b = ToByte(c);
                sb.Append(b is >= 0x80 and <= 0x9F ? Cp1252C1[b - 0x80] : c);
                i++;
                continue;
            }
            var j = i;
            while (j < line.End && IsWordChar(text[j])) j++;
            var word = text.AsSpan(i, j - i);
            if (word.Length == 1 && IsSymbol(word[0]) &&
                ((i > 0 && char.IsAsciiDigit(text[i - 1])) || (j < text.Length && char.IsAsciiDigit(text[j]))))
            {
                // A lone sign against a digit is the sign it shows (8×10, 3·4, §5), not a one-letter word like « (ô).
                sb.Append(word[0]);
                i = j;
                continue;
            }
            var buf = word.Length <= small.Length ? small : new char[word.Length];
            int n;
            if (enc == Enc.Tcvn3) n = DecodeTcvn3(word, buf, capsLine ? NoLower(word) : TypedInCapitals(word), out _);
            else n = DecodeVni(word, buf, out _);
            sb.Append(buf[..n]);
            i = j;
        }
    }

    private static bool IsSymbol(char c) => !char.IsLetter(c) || c is 'µ' or 'ª';

    private static bool NoLower(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
            if (char.IsAsciiLetterLower(c)) return false;
        return true;
    }

    /// <summary>A TCVN3 word with no lowercase ASCII letter and two or more capitals (ASCII or Ă Â Ê Ô Ơ Ư Đ).</summary>
    private static bool TypedInCapitals(ReadOnlySpan<char> word)
    {
        var caps = 0;
        foreach (var c in word)
        {
            if (char.IsAsciiLetterLower(c)) return false;
            if (char.IsAsciiLetterUpper(c) || ToByte(c) is >= 0xA1 and <= 0xA7) caps++;
        }
        return caps >= 2;
    }
}
