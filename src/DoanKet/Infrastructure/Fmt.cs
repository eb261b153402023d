using System.Globalization;

namespace DoanKet.Infrastructure;

/// <summary>vi-VN formats used across the UI: 1.879 · 46,6 % · 48.800.000 đồng · 31/03/2023.</summary>
public static class Fmt
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static string Number(long n) => n.ToString("#,##0", Vi);
    public static string Percent(double ratio, int decimals = 1) => (ratio * 100).ToString("0." + new string('#', decimals), Vi) + " %";
    public static string Number(double v, int decimals) => v.ToString("#,##0." + new string('#', decimals), Vi);
    public static string Money(long dong) => Number(dong) + " đồng";
    public static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", Vi);
    public static string Date(DateOnly? d) => d is null ? "nay" : Date(d.Value);
    /// <summary>Local time in Vietnam (UTC+7, no daylight saving).</summary>
    public static string Time(DateTime utc) => Clock.ToVietnam(utc).ToString("dd/MM/yyyy HH:mm", Vi);

    /// <summary>Last day a version was valid (ValidTo is exclusive).</summary>
    public static string Until(DateOnly? validTo) => validTo is null ? "nay" : Date(validTo.Value.AddDays(-1));
}
