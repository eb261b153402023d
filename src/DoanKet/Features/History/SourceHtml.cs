using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace DoanKet.Features.History;

/// <summary>A document's text with its figures marked and numbered, so the officer sees where each one was read.</summary>
public static class SourceHtml
{
    public sealed record Mark(int Number, int Start, int End, bool Taken);

    public static IHtmlContent Render(string text, IEnumerable<Mark> marks)
    {
        var sb = new StringBuilder(text.Length + 256);
        var at = 0;
        foreach (var m in marks.Where(m => m.Start >= 0 && m.End <= text.Length && m.Start < m.End).OrderBy(m => m.Start))
        {
            if (m.Start < at) continue;
            sb.Append(WebUtility.HtmlEncode(text[at..m.Start]));
            var n = m.Number.ToString(CultureInfo.InvariantCulture);
            sb.Append("<mark id=\"so-lieu-").Append(n).Append(m.Taken ? "\" class=\"taken\">" : "\">")
                .Append(WebUtility.HtmlEncode(text[m.Start..m.End])).Append("<sup>").Append(n).Append("</sup></mark>");
            at = m.End;
        }
        sb.Append(WebUtility.HtmlEncode(text[at..]));
        return new HtmlString(sb.ToString());
    }
}
