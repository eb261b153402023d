using System.Globalization;
using System.Text;

namespace DoanKet.Domain.Extraction;

/// <summary>
/// The extractor's test corpus (corpus.txt, embedded): texts written for DoanKet with the figures a reader
/// finds in them marked [[span|quantity|unit|category|qualifier|of|target]]. Recall and precision on it are
/// printed by <c>bench extract</c> and held by the tests.
/// </summary>
public static class Corpus
{
    public sealed record Case(int Line, string Text, List<ExtractedFigure> Expected);

    public sealed record Score(int Expected, int Found, int Matched, int Correct, List<string> Misses, List<string> Extras)
    {
        public double Recall => Expected == 0 ? 1 : (double)Matched / Expected;
        public double Precision => Found == 0 ? 1 : (double)Matched / Found;
        public double Accuracy => Matched == 0 ? 1 : (double)Correct / Matched;
    }

    /// <summary>"corpus": written with the rules; "corpus-heldout": written by someone who had not read the extractor.</summary>
    public static readonly string[] Names = ["corpus", "corpus-heldout"];

    public static List<Case> Load(string name = "corpus")
    {
        using var stream = typeof(Corpus).Assembly.GetManifestResourceStream($"DoanKet.Extraction.{name}.txt")
            ?? throw new InvalidOperationException($"{name}.txt is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }

    public static List<Case> Parse(string corpus)
    {
        var cases = new List<Case>();
        var lines = corpus.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var paragraph = new List<string>();
        var startLine = 0;
        for (var n = 0; n <= lines.Length; n++)
        {
            var line = n < lines.Length ? lines[n] : "";
            if (line.StartsWith('#')) continue;
            if (line.Trim().Length > 0)
            {
                if (paragraph.Count == 0) startLine = n + 1;
                paragraph.Add(line);
                continue;
            }
            if (paragraph.Count > 0) cases.Add(ParseCase(startLine, string.Join('\n', paragraph)));
            paragraph.Clear();
        }
        return cases;
    }

    private static Case ParseCase(int line, string marked)
    {
        var text = new StringBuilder();
        var expected = new List<ExtractedFigure>();
        var i = 0;
        while (i < marked.Length)
        {
            var open = marked.IndexOf("[[", i, StringComparison.Ordinal);
            if (open < 0)
            {
                text.Append(marked, i, marked.Length - i);
                break;
            }
            text.Append(marked, i, open - i);
            var close = marked.IndexOf("]]", open, StringComparison.Ordinal);
            if (close < 0) throw new FormatException($"corpus line {line}: [[ without ]]");
            var parts = marked[(open + 2)..close].Split('|');
            if (parts.Length < 4) throw new FormatException($"corpus line {line}: {marked[open..(close + 2)]}");
            var start = text.Length;
            text.Append(parts[0]);
            string Part(int k) => parts.Length > k ? parts[k] : "";
            expected.Add(new ExtractedFigure(parts[0], start, text.Length, decimal.Parse(parts[1], CultureInfo.InvariantCulture), parts[2], parts[3],
                Part(4) is "" ? Extractor.Qualifiers.Exact : Part(4), Part(5) is "" ? null : decimal.Parse(Part(5), CultureInfo.InvariantCulture), Part(6) == "true"));
            i = close + 2;
        }
        return new Case(line, text.ToString(), expected);
    }

    /// <summary>A found figure counts when its span overlaps an expected one with the same quantity and unit.</summary>
    public static Score Measure(IEnumerable<Case> cases)
    {
        int expected = 0, found = 0, matched = 0, correct = 0;
        var misses = new List<string>();
        var extras = new List<string>();
        foreach (var c in cases)
        {
            var got = Extractor.Extract(c.Text);
            expected += c.Expected.Count;
            found += got.Count;
            var used = new HashSet<ExtractedFigure>();
            foreach (var e in c.Expected)
            {
                var hit = got.FirstOrDefault(g => !used.Contains(g) && g.Start < e.End && e.Start < g.End && g.Quantity == e.Quantity && g.Unit == e.Unit);
                if (hit is null)
                {
                    misses.Add($"line {c.Line}: {e.Text} = {e.Quantity} {e.Unit}");
                    continue;
                }
                used.Add(hit);
                matched++;
                if (hit.Category == e.Category && hit.Qualifier == e.Qualifier && hit.Of == e.Of && hit.Target == e.Target) correct++;
                else misses.Add($"line {c.Line}: {e.Text}: expected {e.Category}/{e.Qualifier}/{e.Of}/{e.Target}, got {hit.Category}/{hit.Qualifier}/{hit.Of}/{hit.Target}");
            }
            extras.AddRange(got.Where(g => !used.Contains(g)).Select(g => $"line {c.Line}: {g.Text} = {g.Quantity} {g.Unit}"));
        }
        return new Score(expected, found, matched, correct, misses, extras);
    }
}
