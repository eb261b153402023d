using System.Diagnostics;
using System.Text;
using DoanKet.Domain.Extraction;
using DoanKet.Infrastructure;

namespace DoanKet.Cli;

/// <summary>
/// Verb <c>bench extract</c>: recall and precision of the extractor on its corpus, and its speed on a
/// 1 MB report and on 1 MB of adversarial text.
/// </summary>
public static class ExtractBench
{
    public static int Run(TextWriter output)
    {
        var cases = new List<Corpus.Case>();
        foreach (var name in Corpus.Names)
        {
            var set = Corpus.Load(name);
            cases.AddRange(set);
            var score = Corpus.Measure(set);
            output.WriteLine($"Kho văn bản thử {name}.txt: {set.Count} đoạn, {score.Expected} số liệu cần tìm.");
            output.WriteLine($"  Độ phủ (recall): {Pct(score.Recall)} ({score.Matched}/{score.Expected}); độ chính xác (precision): {Pct(score.Precision)} ({score.Matched}/{score.Found}); "
                + $"đúng cả loại, mức (trên, khoảng…), mẫu số và kế hoạch: {Pct(score.Accuracy)} ({score.Correct}/{score.Matched}).");
            foreach (var m in score.Misses) output.WriteLine("  thiếu hoặc sai: " + m);
            foreach (var e in score.Extras) output.WriteLine("  thừa: " + e);
        }

        var report = Repeat(string.Join("\n\n", cases.Select(c => c.Text)), 1 << 20);
        var adversarial = Repeat("1.1.1/1/1,1 trên 1 triệu tỷ % đồng/ 9999999999999999999 ngày 1/1 2 tỷ 5 triệu đồng 3/4 hộ 1cuộc/2lượt người;", 1 << 20);
        foreach (var (label, text) in new[] { ("văn bản báo cáo 1 MB", report), ("chuỗi gây khó 1 MB", adversarial) })
        {
            Extractor.Extract(text); // warm-up
            var times = new List<double>();
            var count = 0;
            for (var run = 0; run < 5; run++)
            {
                var watch = Stopwatch.StartNew();
                count = Extractor.Extract(text).Count;
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            output.WriteLine($"{label}: {Fmt.Number(times[2], 1)} ms (trung vị 5 lần), {Fmt.Number(count)} số liệu.");
        }
        return cases.Count > 0 ? 0 : 1;
    }

    private static string Pct(double x) => Fmt.Number(x * 100, 1) + "%";

    private static string Repeat(string piece, int chars)
    {
        var sb = new StringBuilder(chars + piece.Length);
        while (sb.Length < chars) sb.Append(piece).Append('\n');
        return sb.ToString(0, chars);
    }
}
