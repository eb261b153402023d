using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DoanKet.Domain.Extraction;

namespace DoanKet.Features.History;

/// <summary>
/// Verb <c>extract &lt;file&gt;</c>: the figures of an old report as JSON,
/// <c>{"figures":[{"text","start","end","quantity","unit","category","qualifier","of","target"}]}</c>.
/// The shape is a public contract: fields are added, never renamed.
/// </summary>
public static class ExtractVerb
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Run(string[] args)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (file is null)
        {
            Console.Error.WriteLine("Cách dùng: extract <tệp .txt|.docx|.pdf>");
            return 2;
        }
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"Không tìm thấy tệp {file}.");
            return 2;
        }
        if (new FileInfo(file).Length > SourceText.MaxBytes)
        {
            Console.Error.WriteLine("Tệp lớn hơn 10 MB: hãy tách văn bản.");
            return 1;
        }
        var (text, error) = SourceText.Read(file, File.ReadAllBytes(file));
        if (text is null)
        {
            Console.Error.WriteLine(error);
            return 1;
        }
        Console.OutputEncoding = new UTF8Encoding(false);
        Console.WriteLine(ToJson(Extractor.Extract(text)));
        return 0;
    }

    public static string ToJson(IEnumerable<ExtractedFigure> figures) => JsonSerializer.Serialize(new { figures }, Json);
}
