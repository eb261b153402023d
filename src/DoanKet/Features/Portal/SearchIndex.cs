using System.Globalization;
using System.Net;
using System.Text;
using DoanKet.Data;
using DoanKet.Domain;
using DoanKet.Domain.Portal;
using DoanKet.Domain.Units;
using DoanKet.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DoanKet.Features.Portal;

/// <summary>
/// The portal's search: what is published is written here as folded text; a query typed with or without diacritics
/// ("vi nguoi ngheo") finds the entries holding every word, ranked by where the words stand, with the words marked.
/// </summary>
public static class SearchIndex
{
    public const int PageSize = 20, MaxWords = 8, MaxCandidates = 500;

    public sealed record Hit(string Kind, string Url, string TitleHtml, string SnippetHtml, DateTime PublishedAt, double Score);

    /// <summary>Stages the entry of one published thing (added or replaced); the caller saves, with the change that published it.</summary>
    public static async Task PutAsync(AppDb db, string kind, int refId, int unitId, string title, string text, string url, DateTime publishedAt)
    {
        // Composed form, so the per-letter fold of the highlights meets the same letters as the index.
        text = text.Normalize(NormalizationForm.FormC);
        text = text.Length > SearchEntry.MaxText ? text[..SearchEntry.MaxText] : text;
        title = title.Normalize(NormalizationForm.FormC);
        title = title.Length > PublicDocument.MaxTitle ? title[..PublicDocument.MaxTitle] : title;
        var e = await db.SearchEntries.FirstOrDefaultAsync(x => x.Kind == kind && x.RefId == refId);
        if (e is null)
        {
            e = new SearchEntry { Kind = kind, RefId = refId, Title = title, Text = text, Folded = "", Url = url };
            db.SearchEntries.Add(e);
        }
        (e.UnitId, e.Title, e.Text, e.Url, e.PublishedAt) = (unitId, title, text, url, publishedAt);
        e.Folded = Text.Fold(title + "\n" + text);
    }

    /// <summary>Stages the removal of an entry (nothing when there is none).</summary>
    public static async Task RemoveAsync(AppDb db, string kind, int refId)
    {
        if (await db.SearchEntries.FirstOrDefaultAsync(x => x.Kind == kind && x.RefId == refId) is { } e) db.SearchEntries.Remove(e);
    }

    /// <summary>Stages the entry of a petition's answer: there while the answer is public (the checked summary, never the petitioner).</summary>
    public static Task AnswerAsync(AppDb db, Domain.Petitions.Petition p) => p.AnswerPublic
        ? PutAsync(db, "answer", p.Id, p.UnitId, p.PublicSummary ?? "", $"{p.Answer}\n{p.AnsweredBy}", $"/gop-y/tra-loi?q={Uri.EscapeDataString(Clip(p.PublicSummary ?? "", 60))}#y-{p.Id}", (p.PublishedOn ?? db.Clock.Today).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))
        : RemoveAsync(db, "answer", p.Id);

    /// <summary>Stages the entry of a fund: there while the fund is public.</summary>
    public static Task FundAsync(AppDb db, Domain.Funds.Fund f) => f.Public
        ? PutAsync(db, "fund", f.Id, f.UnitId, f.Name, f.Description ?? "", $"/cong-khai/quy/{f.Id}", f.CreatedAt)
        : RemoveAsync(db, "fund", f.Id);

    /// <summary>Writes the entries of every public answer and fund (the demo data, or a database made before the portal).</summary>
    public static async Task IndexAnswersAndFundsAsync(AppDb db)
    {
        foreach (var p in await db.Petitions.Where(p => p.PublicFolded != null).ToListAsync()) await AnswerAsync(db, p);
        foreach (var f in await db.Funds.Where(f => f.Public).ToListAsync()) await FundAsync(db, f);
        await db.SaveChangesAsync();
    }

    private static string Clip(string s, int max)
    {
        if (s.Length <= max) return s;
        var cut = s.LastIndexOf(' ', max);
        return s[..(cut > 0 ? cut : max)];
    }

    /// <summary>The words of a query as the index holds them: folded, letters and digits only.</summary>
    public static string[] Words(string? query) =>
        [.. new string([.. Text.Fold(query).Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Take(MaxWords)];

    /// <summary>
    /// One page of hits for a query, on the whole portal or on one site (its unit and the units under it). The engine
    /// picks at most <see cref="MaxCandidates"/> entries holding every word (on the site, not before it); they are ranked
    /// here on their titles, and only the page shown reads its text for the highlights.
    /// </summary>
    public static async Task<(List<Hit> Hits, int Total)> SearchAsync(AppDb db, string? query, Unit? site, int page)
    {
        var words = Words(query);
        if (words.Length == 0) return ([], 0);
        var phrase = string.Join(' ', words);
        IQueryable<SearchEntry> q = db.SearchEntries.AsNoTracking();
        if (site is not null)
        {
            var units = Sites.Subtree(db, site);
            q = q.Where(e => units.Contains(e.UnitId));
        }
        if (db.Database.IsSqlite())
        {
            // FTS5: every word as a prefix token; the words are [a-z0-9] only, so nothing in them is FTS syntax. The newest
            // entries first, as on PostgreSQL (bm25 would score every match of common words like "mat tran" before the cap).
            var match = string.Join(" ", words.Select(w => "\"" + w + "\"*"));
            var (lo, hi) = site is null ? ("", "\uffff") : UnitScope.PathRange(site.Path);
            var ids = db.Database.SqlQuery<int>($"""
                SELECT SearchFts.rowid AS "Value" FROM SearchFts JOIN SearchEntries e ON e.Id = SearchFts.rowid JOIN Units u ON u.Id = e.UnitId
                WHERE SearchFts MATCH {match} AND u.Path >= {lo} AND u.Path < {hi} ORDER BY SearchFts.rowid DESC LIMIT {MaxCandidates}
                """);
            q = q.Where(e => ids.Contains(e.Id));
        }
        else
        {
            // PostgreSQL: LIKE over the folded text, answered by the trigram index (which needs three letters: shorter
            // words only rank, unless the query has nothing longer).
            var filter = words.Where(w => w.Length >= 3).ToArray();
            foreach (var w in filter.Length > 0 ? filter : words) q = q.Where(e => EF.Functions.Like(e.Folded, "%" + w + "%"));
            q = q.OrderByDescending(e => e.PublishedAt).Take(MaxCandidates);
        }
        var found = await q.Select(e => new { e.Id, e.Kind, e.Url, e.Title, e.PublishedAt, Phrase = e.Folded.Contains(phrase) }).ToListAsync();
        var ranked = found
            .Select(e => (Entry: e, Score: Score(Text.Fold(e.Title), words, phrase, e.Phrase)))
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.Entry.PublishedAt)
            .ToList();
        var shown = ranked.Skip((Math.Clamp(page, 1, 1000) - 1) * PageSize).Take(PageSize).ToList();
        var shownIds = shown.Select(x => x.Entry.Id).ToList();
        var texts = await db.SearchEntries.AsNoTracking().Where(e => shownIds.Contains(e.Id)).Select(e => new { e.Id, e.Text }).ToDictionaryAsync(e => e.Id, e => e.Text);
        var hits = shown.Select(x => new Hit(x.Entry.Kind, x.Entry.Url, Highlight(x.Entry.Title, words, int.MaxValue),
            Highlight(texts.GetValueOrDefault(x.Entry.Id, ""), words, 260), x.Entry.PublishedAt, x.Score)).ToList();
        return (hits, ranked.Count);
    }

    /// <summary>
    /// Every word of the query is in the entry (the engine found it); a word that starts a word of the title weighs three
    /// more, and the whole query as a phrase adds more still — in the title most.
    /// </summary>
    private static double Score(string foldedTitle, string[] words, string phrase, bool phraseInText)
    {
        double score = words.Length;
        foreach (var w in words)
            if (HasWord(foldedTitle, w)) score += 3;
        if (words.Length > 1)
        {
            if (HasWord(foldedTitle, phrase)) score += 6;
            else if (phraseInText) score += 3;
        }
        return score;
    }

    private static bool HasWord(string folded, string w)
    {
        for (var i = folded.IndexOf(w, StringComparison.Ordinal); i >= 0; i = folded.IndexOf(w, i + 1, StringComparison.Ordinal))
            if (WordStart(folded, i)) return true;
        return false;
    }

    private static bool WordStart(string s, int i) => i == 0 || !char.IsLetterOrDigit(s[i - 1]);

    /// <summary>
    /// The text (or a window of it around the first word found) as HTML with every word found in &lt;mark&gt;. Matching
    /// runs on a per-character fold, so positions in the folded copy are positions in the original.
    /// </summary>
    public static string Highlight(string text, string[] words, int width)
    {
        var folded = FoldEach(text);
        var marks = new bool[text.Length];
        var first = -1;
        foreach (var w in words)
            for (var i = folded.IndexOf(w, StringComparison.Ordinal); i >= 0; i = folded.IndexOf(w, i + 1, StringComparison.Ordinal))
            {
                if (!WordStart(folded, i)) continue;
                for (var k = i; k < i + w.Length; k++) marks[k] = true;
                if (first < 0 || i < first) first = i;
            }
        var (from, to) = (0, text.Length);
        if (text.Length > width)
        {
            // Cut at a space when one is near, so words are not split.
            from = Math.Max(0, first - width / 3);
            for (var k = from; k > 0 && from - k < 20; k--)
                if (char.IsWhiteSpace(text[k - 1])) { from = k; break; }
            to = Math.Min(text.Length, from + width);
            for (var k = to; k < text.Length && k - to < 20; k++)
                if (char.IsWhiteSpace(text[k])) { to = k; break; }
        }
        var sb = new StringBuilder();
        if (from > 0) sb.Append("… ");
        var open = false;
        for (var i = from; i < to;)
        {
            // A run of marked or unmarked characters, escaped at once.
            var end = i;
            while (end < to && marks[end] == marks[i]) end++;
            if (marks[i] != open) { sb.Append(open ? "</mark>" : "<mark>"); open = marks[i]; }
            sb.Append(ArticleHtml.Encoder.Encode(text[i..end].Replace('\n', ' ')));
            i = end;
        }
        if (open) sb.Append("</mark>");
        if (to < text.Length) sb.Append(" …");
        return sb.ToString();
    }

    private static string FoldEach(string text)
    {
        var chars = new char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            chars[i] = c < 128 ? char.ToLowerInvariant(c)
                : c is 'đ' or 'Đ' ? 'd'
                : char.IsSurrogate(c) ? c
                : char.ToLowerInvariant(c.ToString().Normalize(NormalizationForm.FormD)[0]);
        }
        return new string(chars);
    }

    /// <summary>The visible text of sanitised HTML, for the index: tags dropped, block ends as spaces.</summary>
    public static string PlainText(string html)
    {
        var sb = new StringBuilder(html.Length);
        var inTag = false;
        foreach (var c in html)
        {
            if (c == '<') { inTag = true; sb.Append(' '); continue; }
            if (c == '>') { inTag = false; continue; }
            if (!inTag) sb.Append(c);
        }
        return string.Join(' ', WebUtility.HtmlDecode(sb.ToString()).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    public static string Time(DateTime utc) => Fmt.Date(Clock.DayOf(utc));
}
