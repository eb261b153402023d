using Ganss.Xss;

namespace DoanKet.Features.Portal;

/// <summary>
/// An article's body as the public sees it: HTML through HtmlSanitizer with a short list of tags (paragraphs, headings,
/// lists, links, tables, figures with captions), no styles or scripts, images only from DoanKet's own files and loaded
/// lazily. Text typed without tags becomes one paragraph per line.
/// </summary>
public static class ArticleHtml
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    /// <summary>Escapes only what HTML needs: Vietnamese letters stay letters, not &amp;#225; entities.</summary>
    public static readonly System.Text.Encodings.Web.HtmlEncoder Encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Clean(string? input)
    {
        var s = (input ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (!s.Contains('<', StringComparison.Ordinal))
            return string.Concat(s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => "<p>" + Encoder.Encode(p) + "</p>"));
        return Sanitizer.Sanitize(s).Trim();
    }

    private static HtmlSanitizer Create()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "strong", "b", "em", "i", "u", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a",
                "figure", "figcaption", "img", "table", "thead", "tbody", "tr", "th", "td",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "alt", "title", "width", "height", "colspan", "rowspan" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
        };
        var sanitizer = new HtmlSanitizer(options);
        // Images only from the portal's own files: no tracking pixels, and the CSP allows no other source anyway.
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.Tag.TagName.Equals("IMG", StringComparison.OrdinalIgnoreCase) && !e.OriginalUrl.StartsWith("/p/tep/", StringComparison.Ordinal))
                e.SanitizedUrl = null;
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement el)
            {
                if (el.TagName == "IMG") el.SetAttribute("loading", "lazy");
                if (el.TagName == "A") el.SetAttribute("rel", "nofollow noopener");
            }
        };
        return sanitizer;
    }
}
