using System.Globalization;
using System.Net;
using DoanKet.Features.Portal;
using DoanKet.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Tests.Features.Portal;

/// <summary>What the document and album tests share: multipart posts, ids from redirects, the demo sites.</summary>
internal static class PortalTestKit
{
    public static string I(long i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>Posts a multipart form (fields and files) as the browser does, with the antiforgery token.</summary>
    public static Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string url, string token,
        IEnumerable<KeyValuePair<string, string>> fields, params (string Field, string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (field, name, bytes) in files) form.Add(new ByteArrayContent(bytes), field, name);
        return client.PostAsync(url, form);
    }

    /// <summary>The id at the end of a redirect's address (/cong-thong-tin/van-ban/12 → 12).</summary>
    public static int IdFrom(HttpResponseMessage r)
    {
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)r.StatusCode}: {r.Content.ReadAsStringAsync().Result}");
        return int.Parse(r.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    public static bool Refused(HttpResponseMessage r) =>
        r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound || Security.Browser.IsRedirectTo(r, "/khong-co-quyen");

    public static async Task<string> TextAsync(HttpResponseMessage r) => WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());

    /// <summary>The public sites of phường Bồ Đề and of Hà Nội above it.</summary>
    public static Task<(int BoDe, string BoDeSite, string HanoiSite)> SitesAsync(TestApp app) => app.DbAsync(async db =>
    {
        var boDe = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "DEMO-BODE" && u.ValidTo == null);
        var hanoi = await db.Units.AsNoTracking().SingleAsync(u => u.Code == "01" && u.ValidTo == null);
        return (boDe.Id, Sites.Url(boDe), Sites.Url(hanoi));
    });
}
