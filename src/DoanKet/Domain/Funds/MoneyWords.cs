namespace DoanKet.Domain.Funds;

/// <summary>An amount in Vietnamese words for receipts: 1.005.000 → "Một triệu không trăm linh năm nghìn đồng".</summary>
public static class MoneyWords
{
    private static readonly string[] Digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
    private static readonly string[] Scales = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ", "tỷ tỷ"];

    public static string Of(long amount)
    {
        if (amount == 0) return "Không đồng";
        var words = new List<string>();
        if (amount < 0) words.Add("âm");
        var n = amount == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(amount);
        var groups = new List<int>();
        for (; n > 0; n /= 1000) groups.Add((int)(n % 1000));
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            if (groups[i] == 0) continue;
            // Below the leading group the hundreds are always read ("không trăm linh năm").
            words.AddRange(Group(groups[i], full: i < groups.Count - 1));
            if (Scales[i].Length > 0) words.Add(Scales[i]);
        }
        var text = string.Join(' ', words) + " đồng";
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static IEnumerable<string> Group(int g, bool full)
    {
        var (h, t, u) = (g / 100, g / 10 % 10, g % 10);
        if (h > 0 || full) { yield return Digits[h]; yield return "trăm"; }
        if (t == 0)
        {
            if (u == 0) yield break;
            if (h > 0 || full) yield return "linh";
            yield return Digits[u];
            yield break;
        }
        yield return t == 1 ? "mười" : Digits[t] + " mươi";
        if (u == 0) yield break;
        yield return u switch
        {
            1 when t > 1 => "mốt",
            4 when t > 1 => "tư",
            5 => "lăm",
            _ => Digits[u],
        };
    }
}
