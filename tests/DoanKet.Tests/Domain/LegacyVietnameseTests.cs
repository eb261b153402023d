using System.Diagnostics;
using System.Text;
using DoanKet.Domain.Extraction;

namespace DoanKet.Tests.Extraction;

public class LegacyVietnameseTests
{
    static LegacyVietnameseTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    // ------------------------------------------------------------ test-side encoders (Unicode -> legacy bytes)

    // TCVN3 (TCVN 5712:1993 VN3): these letters and their bytes; ASCII is itself.
    private const string Tcvn3Letters =
        "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ";
    private static readonly byte[] Tcvn3Bytes =
    [
        0xB5, 0xB8, 0xB6, 0xB7, 0xB9, 0xA8, 0xBB, 0xBE, 0xBC, 0xBD, 0xC6, 0xA9, 0xC7, 0xCA, 0xC8, 0xC9, 0xCB, 0xAE,
        0xCC, 0xD0, 0xCE, 0xCF, 0xD1, 0xAA, 0xD2, 0xD5, 0xD3, 0xD4, 0xD6, 0xD7, 0xDD, 0xD8, 0xDC, 0xDE,
        0xDF, 0xE3, 0xE1, 0xE2, 0xE4, 0xAB, 0xE5, 0xE8, 0xE6, 0xE7, 0xE9, 0xAC, 0xEA, 0xED, 0xEB, 0xEC, 0xEE,
        0xEF, 0xF3, 0xF1, 0xF2, 0xF4, 0xAD, 0xF5, 0xF8, 0xF6, 0xF7, 0xF9, 0xFA, 0xFD, 0xFB, 0xFC, 0xFE,
        0xA1, 0xA2, 0xA7, 0xA3, 0xA4, 0xA5, 0xA6,
    ];

    /// <summary>Unicode to TCVN3 bytes; a capital toned letter, which VN3 lacks, is typed as its lowercase (as in .VnTimeH).</summary>
    internal static byte[] EncodeTcvn3(string unicode)
    {
        var bytes = new List<byte>();
        foreach (var c in unicode.Normalize(NormalizationForm.FormC))
        {
            if (c < 0x80) { bytes.Add((byte)c); continue; }
            var i = Tcvn3Letters.IndexOf(c);
            if (i < 0) i = Tcvn3Letters.IndexOf(char.ToLowerInvariant(c));
            Assert.True(i >= 0, $"no TCVN3 byte for '{c}'");
            bytes.Add(Tcvn3Bytes[i]);
        }
        return [.. bytes];
    }

    /// <summary>What TCVN3 can give back: capital toned letters come back lowercase.</summary>
    private static string Tcvn3Expected(string unicode)
    {
        var sb = new StringBuilder();
        foreach (var c in unicode.Normalize(NormalizationForm.FormC))
            sb.Append(c >= 0x80 && Tcvn3Letters.IndexOf(c) < 0 ? char.ToLowerInvariant(c) : c);
        return sb.ToString();
    }

    // VNI: a vowel is its ASCII letter (ơ ư are ô ö) followed by one mark byte; i, ỵ and đ are single bytes.
    private const string Tones = "\u0300\u0301\u0309\u0303\u0323"; // grave, acute, hook, tilde, dot below
    private static readonly string[] VniToneMark = ["", "ø", "ù", "û", "õ", "ï"];
    private static readonly string[] VniCircumflex = ["â", "à", "á", "å", "ã", "ä"];
    private static readonly string[] VniBreve = ["ê", "è", "é", "ú", "ü", "ë"];
    private static readonly string[] VniI = ["i", "ì", "í", "æ", "ó", "ò"];

    private static string VniLetter(char lower)
    {
        if (lower == 'đ') return "ñ";
        // The tone is one combining mark of the decomposed letter (not always the last: ặ is a, dot, breve).
        var d = lower.ToString().Normalize(NormalizationForm.FormD);
        var at = -1;
        for (var k = 0; k < d.Length && at < 0; k++)
            if (Tones.Contains(d[k])) at = k;
        var tone = at >= 0 ? Tones.IndexOf(d[at]) + 1 : 0;
        if (at >= 0) d = d.Remove(at, 1);
        var shaped = d.Normalize(NormalizationForm.FormC);
        return shaped switch
        {
            "a" or "e" or "o" or "u" => shaped + VniToneMark[tone],
            "y" => tone == 5 ? "î" : "y" + VniToneMark[tone],
            "i" => VniI[tone],
            "â" => "a" + VniCircumflex[tone],
            "ê" => "e" + VniCircumflex[tone],
            "ô" => "o" + VniCircumflex[tone],
            "ă" => "a" + VniBreve[tone],
            "ơ" => "ô" + VniToneMark[tone],
            "ư" => "ö" + VniToneMark[tone],
            _ => throw new ArgumentException($"not a Vietnamese letter: {lower}"),
        };
    }

    private static byte[] EncodeVni(string unicode)
    {
        var sb = new StringBuilder();
        foreach (var c in unicode.Normalize(NormalizationForm.FormC))
        {
            if (c < 0x80) { sb.Append(c); continue; }
            var vni = VniLetter(char.ToLowerInvariant(c));
            sb.Append(char.IsUpper(c) ? vni.ToUpperInvariant() : vni);
        }
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    /// <summary>Legacy bytes read back as Windows-1252 text, the way the mojibake is made.</summary>
    private static string AsCp1252(byte[] bytes) => Encoding.GetEncoding(1252).GetString(bytes);

    private static string AsLatin1(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    private static readonly string[] Sentences =
    [
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Ngọc Lâm tổ chức hội nghị với 120 đại biểu",
        "Quỹ Vì người nghèo",
        "phần quà trị giá trên 214 triệu đồng",
        "Đền ơn đáp nghĩa",
        "Ban Thường trực Ủy ban Mặt trận Tổ quốc quận Long Biên trao 350 suất quà cho hộ nghèo, gia đình chính sách",
        "Cuộc vận động \"Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh\" năm 2024",
        "Hội nghị hiệp thương lần thứ ba, giới thiệu người ứng cử đại biểu Hội đồng nhân dân",
    ];

    public static TheoryData<string> FrontSentences => new(Sentences);

    // ------------------------------------------------------------ round trips

    [Theory]
    [MemberData(nameof(FrontSentences))]
    public void Tcvn3_round_trips_read_as_windows_1252(string sentence)
    {
        var mojibake = AsCp1252(EncodeTcvn3(sentence));
        Assert.NotEqual(sentence, mojibake);
        Assert.Equal(Tcvn3Expected(sentence), LegacyVietnamese.Repair(mojibake));
        Assert.Equal("TCVN3", LegacyVietnamese.Detect(mojibake));
    }

    [Theory]
    [MemberData(nameof(FrontSentences))]
    public void Tcvn3_round_trips_read_as_latin1(string sentence)
    {
        var mojibake = AsLatin1(EncodeTcvn3(sentence));
        Assert.Equal(Tcvn3Expected(sentence), LegacyVietnamese.Repair(mojibake));
    }

    [Theory]
    [MemberData(nameof(FrontSentences))]
    public void Vni_round_trips(string sentence)
    {
        var mojibake = AsCp1252(EncodeVni(sentence));
        Assert.NotEqual(sentence, mojibake);
        Assert.Equal(sentence.Normalize(NormalizationForm.FormC), LegacyVietnamese.Repair(mojibake));
        Assert.Equal("VNI", LegacyVietnamese.Detect(mojibake));
    }

    [Fact]
    public void Whole_documents_round_trip()
    {
        var doc = string.Join("\r\n", Sentences);
        Assert.Equal(Tcvn3Expected(doc), LegacyVietnamese.Repair(AsCp1252(EncodeTcvn3(doc))));
        Assert.Equal(doc.Normalize(NormalizationForm.FormC), LegacyVietnamese.Repair(AsCp1252(EncodeVni(doc))));
    }

    [Fact]
    public void Every_tcvn3_letter_decodes()
    {
        const string context = "Céng hßa x· héi chñ nghÜa ViÖt Nam ";
        foreach (var letter in Tcvn3Letters)
        {
            var repaired = LegacyVietnamese.Repair(context + AsCp1252(EncodeTcvn3("x" + letter)));
            Assert.Equal("Cộng hòa xã hội chủ nghĩa Việt Nam x" + letter, repaired);
        }
    }

    [Fact]
    public void Every_vni_letter_decodes()
    {
        const string context = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam ";
        var letters = string.Concat(
            "aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ".Select(c => $"{c}{char.ToUpperInvariant(c)}"));
        foreach (var letter in letters)
        {
            var repaired = LegacyVietnamese.Repair(context + AsCp1252(EncodeVni("x" + letter)));
            Assert.Equal("Cộng hòa xã hội chủ nghĩa Việt Nam x" + letter, repaired);
        }
    }

    // ------------------------------------------------------------ literal mojibake quoted from real sources

    // Quoted from published converters' tests and examples and from documents shown as read with Latin-1
    // (a Ministry of Finance decision of 2002, a court record, "vietnamese-conversion" README), not made here.
    [Theory]
    [InlineData("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam")]
    [InlineData("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc")]
    [InlineData("B¸o c¸o tµi chÝnh", "Báo cáo tài chính")]
    [InlineData("QuyÕt ®Þnh cña Bé tr\u00adëng Bé Tµi chÝnh", "Quyết định của Bộ trưởng Bộ Tài chính")]
    [InlineData("Hµ néi, ngµy 22 th¸ng 11 n¨m 2002", "Hà nội, ngày 22 tháng 11 năm 2002")]
    [InlineData("vÒ viÖc söa ®æi møc thuÕ suÊt cña mét sè mÆt hµng trong",
        "về việc sửa đổi mức thuế suất của một số mặt hàng trong")]
    [InlineData("B¶o Th¾ng", "Bảo Thắng")]
    [InlineData("Toµ ¸n nh©n d©n céng hoµ x· héi chñ nghÜa viÖt nam", "Toà án nhân dân cộng hoà xã hội chủ nghĩa việt nam")]
    [InlineData("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")]
    public void Real_tcvn3_mojibake_is_repaired(string mojibake, string expected)
    {
        Assert.Equal(expected, LegacyVietnamese.Repair(mojibake));
        Assert.Equal("TCVN3", LegacyVietnamese.Detect(mojibake));
    }

    [Theory]
    [InlineData("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam")]
    [InlineData("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc")]
    [InlineData("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]
    [InlineData("Caên cöù Luaät Toå chöùc HÑND vaø UBND", "Căn cứ Luật Tổ chức HĐND và UBND")]
    [InlineData("Xin chaøo caùc baïn", "Xin chào các bạn")]
    public void Real_vni_mojibake_is_repaired(string mojibake, string expected)
    {
        Assert.Equal(expected, LegacyVietnamese.Repair(mojibake));
        Assert.Equal("VNI", LegacyVietnamese.Detect(mojibake));
    }

    [Fact]
    public void The_brief_examples_are_repaired()
    {
        Assert.Equal("Mặt trận Tổ quốc", LegacyVietnamese.Repair("MÆt trËn Tæ quèc"));
        Assert.Equal("Mặt trận Tổ quốc", LegacyVietnamese.Repair("Maët traän Toå quoác"));
    }

    // ------------------------------------------------------------ what must stay as it is

    [Theory]
    [InlineData("")]
    [InlineData("Mặt trận")]
    [InlineData("café")]
    [InlineData("Hà Nội 2024")]
    [InlineData("naïve")]
    [InlineData("Plain ASCII text, 120 delegates, 214 million dong.")]
    [InlineData("Tôi là cô giáo, nhà tôi có cá và gà.")]
    [InlineData("Ủy ban Mặt trận Tổ quốc Việt Nam phường Ngọc Lâm tổ chức hội nghị với 120 đại biểu")]
    [InlineData("Le café est très bon. Où est la bibliothèque? Déjà vu à Noël, garçon, maître, coût.")]
    [InlineData("Die Straße in München ist schön. Größe, Übung, Äpfel, Bär, Müller, Köln.")]
    [InlineData("El niño está en la montaña; mañana sí, señor José. Acción, canción, Peña.")]
    [InlineData("Jag såg en man på gatan i Malmö. Hän on täällä. Ærø, Øresund.")]
    [InlineData("Più tardi, può darsi, perché città è così.")]
    [InlineData("5 µm × 3 ¶ © 2024 ® ½ ¼ ¾ 25°C ± 2 m² · § 3 « quote » ¬ ¡hola! ¿qué?")]
    [InlineData("Máº·t tráº­n Tá»• quá»‘c Viá»‡t Nam")] // UTF-8 read as Windows-1252: another problem
    [InlineData("Mặt trận “Tổ quốc” – 2024…")]
    // Foreign lines whose å ä ö ë ó ñ « » read as TCVN3 or VNI give a few Vietnamese-looking syllables.
    [InlineData("Siduppdelare är på för lång utdata.")]
    [InlineData("ingen backup är på gång")]
    [InlineData("Lång trycktid")]
    [InlineData("GtkActionGroup në të cilin GtkAction bën pjesë, ose NULL (për përdorim të brendshëm).")]
    [InlineData("konnte privaten SSL-Schlüssel »%s« nicht von Engine »%s« laden: %s")]
    [InlineData("Server-Zertifikat für »%s« stimmt nicht mit dem Hostnamen »%s« überein")]
    [InlineData("Ανεπάρκεια μνήμης για την αποθήκευση εικόνας %lu επί %lu· δοκιμάστε")]
    [InlineData("Meán Fómhair")]
    [InlineData("Error : tròp de paramètres.")]
    [InlineData("Almand, Vî hôt almand (åtoû di 750-1050)")]
    [InlineData("Tâi-oân")]
    [InlineData("Trió")]
    [InlineData("-p, --password CONTRASEÑA     cambia la contraseña a CONTRASEÑA (cifrada)")]
    [InlineData("GFMT può (solo) contenere, LETTERA può contenere")]
    public void Text_that_is_not_legacy_mojibake_is_returned_as_is(string text)
    {
        Assert.Same(text, LegacyVietnamese.Repair(text));
        Assert.Null(LegacyVietnamese.Detect(text));
    }

    [Fact]
    public void Decomposed_unicode_vietnamese_is_returned_as_is()
    {
        var nfd = "Ủy ban Mặt trận Tổ quốc Việt Nam, Quỹ Vì người nghèo, Đền ơn đáp nghĩa".Normalize(NormalizationForm.FormD);
        Assert.Same(nfd, LegacyVietnamese.Repair(nfd));
        Assert.Null(LegacyVietnamese.Detect(nfd));
    }

    [Fact]
    public void Only_the_mojibake_lines_of_a_mixed_text_are_repaired()
    {
        var text = "Báo cáo của Ủy ban Mặt trận Tổ quốc phường Ngọc Lâm\n"
                   + "Quü V× ng\u00adêi nghÌo trao phÇn quµ trÞ gi¸ trªn 214 triÖu ®ång\n"
                   + "Café, naïve, Straße.";
        var expected = "Báo cáo của Ủy ban Mặt trận Tổ quốc phường Ngọc Lâm\n"
                       + "Quỹ Vì người nghèo trao phần quà trị giá trên 214 triệu đồng\n"
                       + "Café, naïve, Straße.";
        Assert.Equal(expected, LegacyVietnamese.Repair(text));
        Assert.Equal("TCVN3", LegacyVietnamese.Detect(text));
    }

    [Fact]
    public void Foreign_lines_inside_a_legacy_document_stay()
    {
        var text = "Céng hßa x· héi chñ nghÜa ViÖt Nam\n"
                   + "Siduppdelare är på för lång utdata.\n"
                   + "Le café est très bon.\n"
                   + "Phong b× kÝch th\u00adíc 8×10, gi¸ 5.000 ®ång\n"
                   + "§éc lËp - Tù do - H¹nh phóc";
        var expected = "Cộng hòa xã hội chủ nghĩa Việt Nam\n"
                       + "Siduppdelare är på för lång utdata.\n"
                       + "Le café est très bon.\n"
                       + "Phong bì kích thước 8×10, giá 5.000 đồng\n"
                       + "Độc lập - Tự do - Hạnh phúc";
        Assert.Equal(expected, LegacyVietnamese.Repair(text));
    }

    [Fact]
    public void Short_lines_follow_the_document()
    {
        // "§Òn" alone is one word: too little to decide, but the document around it is TCVN3.
        var text = "Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\n§Òn\n";
        Assert.Equal("Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nĐền\n", LegacyVietnamese.Repair(text));
    }

    [Fact]
    public void Words_typed_in_capitals_get_capitals_back()
    {
        // .VnTimeH draws capitals at the lowercase codes, so "NGỌC" is stored as "NGäC".
        var mojibake = AsCp1252(EncodeTcvn3("Ban Thường trực phường NGỌC LÂM tặng QUÀ TẾT"));
        Assert.Equal("Ban Th\u00adêng trùc ph\u00adêng NGäC L¢M tÆng QUµ TÕT", mojibake);
        Assert.Equal("Ban Thường trực phường NGỌC LÂM tặng QUÀ TẾT", LegacyVietnamese.Repair(mojibake));
    }

    [Fact]
    public void One_telling_word_alone_is_not_enough()
    {
        // Conservative by design: a short phrase is converted only inside a text that shows its encoding.
        const string alone = "Hµ Néi";
        Assert.Same(alone, LegacyVietnamese.Repair(alone));
        Assert.Equal("Hà Nội\nQuỹ Vì người nghèo", LegacyVietnamese.Repair(alone + "\nQuü V× ng\u00adêi nghÌo"));
    }

    [Fact]
    public void Windows_1252_and_latin1_readings_of_bytes_0x80_to_0x9F_give_the_same_result()
    {
        // A TCVN3 line with curly quotes and a dash typed in the same document (bytes 0x93 0x94 0x96).
        var bytes = EncodeTcvn3("Quỹ Vì người nghèo trao quà ").Concat(new byte[] { 0x93 })
            .Concat(EncodeTcvn3("Đền ơn đáp nghĩa")).Concat(new byte[] { 0x94, 0x20, 0x96, 0x20 })
            .Concat(EncodeTcvn3("năm 2024")).ToArray();
        var cp1252 = AsCp1252(bytes);
        var latin1 = AsLatin1(bytes);
        Assert.Contains('\u201C', cp1252);
        Assert.Contains('\u0093', latin1);
        const string expected = "Quỹ Vì người nghèo trao quà “Đền ơn đáp nghĩa” – năm 2024";
        Assert.Equal(expected, LegacyVietnamese.Repair(cp1252));
        Assert.Equal(expected, LegacyVietnamese.Repair(latin1));
        Assert.Equal("TCVN3", LegacyVietnamese.Detect(latin1));
    }

    // ------------------------------------------------------------ Detect

    [Theory]
    [InlineData("MÆt trËn Tæ quèc ViÖt Nam", "TCVN3")]
    [InlineData("Maët traän Toå quoác Vieät Nam", "VNI")]
    [InlineData("Mặt trận Tổ quốc Việt Nam", null)]
    [InlineData("Fatherland Front", null)]
    [InlineData("", null)]
    public void Detect_names_the_encoding(string text, string? expected) =>
        Assert.Equal(expected, LegacyVietnamese.Detect(text));

    // ------------------------------------------------------------ robustness

    [Fact]
    public void Random_strings_never_throw()
    {
        var random = new Random(20240601);
        const string pool = "aeiouyAEIOUYbcdnghtqr ,.-\n\r\t0123456789µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ¡¢§£¤¥¦"
                            + "ÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜËàåäëïöüÿ€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\u0081\u0093\u009F"
                            + "ặậổốệđươĐƯƠ\u0300\u0301\u0302\u0303\u0306\u0309\u031B\u0323\uD800\uDC00\uFFFF\u2028\u2029\u0000";
        for (var n = 0; n < 3000; n++)
        {
            var chars = new char[random.Next(0, 80)];
            for (var k = 0; k < chars.Length; k++)
                chars[k] = random.Next(10) == 0 ? (char)random.Next(0, 0x10000) : pool[random.Next(pool.Length)];
            var s = new string(chars);
            _ = LegacyVietnamese.Repair(s);
            _ = LegacyVietnamese.Detect(s);
        }
        for (var n = 0; n < 500; n++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            _ = LegacyVietnamese.Repair(AsCp1252(bytes));
            _ = LegacyVietnamese.Repair(AsLatin1(bytes));
        }
    }

    [Fact]
    public void Repair_is_idempotent_on_its_own_output()
    {
        var once = LegacyVietnamese.Repair("Céng hßa x· héi chñ nghÜa ViÖt Nam\nCoäng hoøa xaõ hoäi chuû nghóa Vieät Nam");
        Assert.Same(once, LegacyVietnamese.Repair(once));
    }

    [Fact]
    public void Large_inputs_take_linear_time()
    {
        var line = AsCp1252(EncodeTcvn3("Ủy ban Mặt trận Tổ quốc Việt Nam phường Ngọc Lâm tổ chức hội nghị với 120 đại biểu\n"));
        var big = string.Concat(Enumerable.Repeat(line, 20_000));          // ~1.7 MB, 20 000 lines
        var oneWord = new string('ª', 1_000_000) + " Céng hßa x· héi";     // one huge token
        var oneLine = string.Concat(Enumerable.Repeat("ngµy ", 200_000));  // one long line
        var watch = Stopwatch.StartNew();
        Assert.StartsWith("ủy ban Mặt trận", LegacyVietnamese.Repair(big));
        _ = LegacyVietnamese.Repair(oneWord);
        Assert.StartsWith("ngày ngày", LegacyVietnamese.Repair(oneLine));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_report_typed_in_a_legacy_font_gives_the_figures_of_its_unicode_text()
    {
        const string sentence = "Phối hợp tuyên truyền với 77 cuộc/2288 lượt người tham dự; vận động Quỹ Vì người nghèo 8.000.000/21.000.000 đồng; "
            + "trao 607 phần quà trị giá trên 214 triệu đồng cho hộ nghèo.";
        static string Summary(string text) => string.Join(" | ", Extractor.Extract(Extractor.Decode(text)).Select(f => $"{f.Quantity} {f.Unit} {f.Category} {f.Qualifier} {f.Of}"));
        var expected = Summary(sentence);
        Assert.Equal(5, expected.Split(" | ").Length);
        Assert.Equal(expected, Summary(AsCp1252(EncodeTcvn3(sentence))));
        Assert.Equal(expected, Summary(AsCp1252(EncodeVni(sentence))));
    }
}
