using System.Diagnostics;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DoanKet.Domain.Extraction;

namespace DoanKet.Features.History;

/// <summary>The text of an old report as a file holds it: plain text in any common encoding, a Word file, a PDF.</summary>
public static class SourceText
{
    public const int MaxBytes = 10 * 1024 * 1024;

    static SourceText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The decoded text (see <see cref="Extractor.Decode"/>), or an error in Vietnamese saying what to fix.</summary>
    public static (string? Text, string? Error) Read(string fileName, byte[] bytes)
    {
        if (bytes.Length == 0) return (null, "Tệp trống.");
        if (bytes.Length > MaxBytes) return (null, "Tệp lớn hơn 10 MB: hãy tách văn bản hoặc dán phần cần nhập.");
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        try
        {
            return ext switch
            {
                ".docx" => Docx(bytes),
                ".pdf" => Pdf(bytes),
                ".doc" => (null, "Tệp .doc (Word cũ) chưa đọc được: hãy mở bằng Word và lưu thành .docx, hoặc dán văn bản."),
                _ when bytes.AsSpan(0, Math.Min(bytes.Length, 8)).StartsWith("PK"u8) => (null, "Tệp nén không phải văn bản Word (.docx)."),
                _ => (Extractor.Decode(Plain(bytes)), null),
            };
        }
        // An uploaded file is untrusted: whatever the zip and XML readers throw on it means "not a readable file".
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, "Không đọc được tệp: tệp hỏng hoặc không đúng định dạng .docx/.pdf/.txt.");
        }
    }

    /// <summary>UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is read as Windows-1252, as files typed with legacy Vietnamese fonts were saved.</summary>
    public static string Plain(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE })) return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        if (bytes.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF })) return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        var skip = bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? 3 : 0;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, skip, bytes.Length - skip);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    private static (string?, string?) Docx(byte[] bytes)
    {
        using var ms = new MemoryStream(bytes);
        // A zip can unpack to far more than it weighs: the main part is read up to a bound.
        using var doc = WordprocessingDocument.Open(ms, false, new OpenSettings { MaxCharactersInPart = 10_000_000 });
        var body = doc.MainDocumentPart?.Document?.Body;
        if (body is null) return (null, "Tệp Word không có nội dung.");
        var text = string.Join('\n', body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
        return (Extractor.Decode(text), null);
    }

    /// <summary>PDF text through poppler's pdftotext when the server has it.</summary>
    private static (string?, string?) Pdf(byte[] bytes)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, bytes);
            var psi = new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", "-q", file, "-"]) { RedirectStandardOutput = true, UseShellExecute = false };
            using var p = Process.Start(psi);
            if (p is null) return (null, "Máy chủ chưa có công cụ đọc PDF: hãy dán văn bản.");
            // Read at most one character past the limit: a small PDF can hold far more text than anyone should keep.
            var buffer = new char[Domain.History.HistoricalDocument.MaxText + 1];
            var read = Task.Run(() =>
            {
                int n = 0, r;
                while (n < buffer.Length && (r = p.StandardOutput.Read(buffer, n, buffer.Length - n)) > 0) n += r;
                return n;
            });
            if (!read.Wait(30_000))
            {
                p.Kill(true);
                return (null, "Đọc PDF quá lâu: hãy dán văn bản.");
            }
            if (read.Result > Domain.History.HistoricalDocument.MaxText)
            {
                p.Kill(true);
                return (null, "Văn bản dài quá 1 triệu ký tự: hãy tách thành nhiều phần.");
            }
            if (!p.WaitForExit(5_000))
            {
                p.Kill(true);
                return (null, "Đọc PDF quá lâu: hãy dán văn bản.");
            }
            var text = new string(buffer, 0, read.Result);
            if (p.ExitCode != 0 || string.IsNullOrWhiteSpace(text)) return (null, "Không lấy được chữ từ tệp PDF (có thể là ảnh quét): hãy dán văn bản.");
            return (Extractor.Decode(text), null);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "Máy chủ chưa có công cụ đọc PDF: hãy dán văn bản.");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
