using DoanKet.Features.Portal;

namespace DoanKet.Tests.Features.Portal;

/// <summary>The article body's sanitiser, the search's words and highlights, and site addresses: no database.</summary>
public sealed class PortalTextTests
{
    [Theory]
    [InlineData("<p>Hội nghị<script>alert(1)</script></p>", "<p>Hội nghị</p>")]
    [InlineData("<p onclick=\"alert(1)\">Xin chào</p>", "<p>Xin chào</p>")]
    [InlineData("<a href=\"javascript:alert(1)\">bấm</a>", "<a rel=\"nofollow noopener\">bấm</a>")]
    [InlineData("<img src=\"https://theo-doi.example/pixel.gif\">", "<img loading=\"lazy\">")]
    [InlineData("<img src=\"x\" onerror=\"alert(1)\">", "<img loading=\"lazy\">")]
    [InlineData("<p style=\"position:fixed\">Ủng hộ</p>", "<p>Ủng hộ</p>")]
    [InlineData("<iframe src=\"https://x.example\"></iframe><p>Tiếp</p>", "<p>Tiếp</p>")]
    [InlineData("<svg><script>alert(1)</script></svg>", "")]
    public void Hostile_html_is_neutralised(string input, string expected) =>
        Assert.Equal(expected, ArticleHtml.Clean(input));

    [Fact]
    public void Allowed_html_is_kept_and_own_images_load_lazily()
    {
        var html = ArticleHtml.Clean("<h2>Kết quả</h2><p><strong>607</strong> phần quà</p><figure><img src=\"/p/tep/3/a.jpg\" alt=\"Trao quà\"><figcaption>Trao quà Tết</figcaption></figure>");
        Assert.Contains("<h2>Kết quả</h2>", html);
        Assert.Contains("<strong>607</strong>", html);
        Assert.Contains("src=\"/p/tep/3/a.jpg\"", html);
        Assert.Contains("loading=\"lazy\"", html);
        Assert.Contains("<figcaption>Trao quà Tết</figcaption>", html);
    }

    [Fact]
    public void Text_without_tags_becomes_paragraphs_escaped()
    {
        Assert.Equal("<p>Dòng một</p><p>Dòng hai &amp; ba</p>", ArticleHtml.Clean("Dòng một\r\n\r\nDòng hai & ba"));
    }

    [Fact]
    public void Query_words_are_folded_and_stripped_of_search_syntax()
    {
        Assert.Equal(["dang", "dinh", "chien"], SearchIndex.Words("Đặng  Đình Chiến"));
        Assert.Equal(["vi", "nguoi", "ngheo"], SearchIndex.Words("\"Vì\" người* nghèo"));
        Assert.Equal(["8", "000"], SearchIndex.Words("8.000.000"));
        Assert.Empty(SearchIndex.Words("  *\"():^ "));
    }

    [Fact]
    public void Highlights_mark_the_words_in_the_original_letters()
    {
        var html = SearchIndex.Highlight("Phát biểu có ông Đặng Đình Chiến, tổ 11.", SearchIndex.Words("dang dinh chien"), int.MaxValue);
        Assert.Equal("Phát biểu có ông <mark>Đặng</mark> <mark>Đình</mark> <mark>Chiến</mark>, tổ 11.", html);
        // Escaped, and a window around the first word in a long text.
        var longText = new string('x', 500) + " <b>Ngọc Lâm</b> " + new string('y', 500);
        var snippet = SearchIndex.Highlight(longText, SearchIndex.Words("ngoc lam"), 120);
        Assert.StartsWith("… ", snippet);
        Assert.Contains("&lt;b&gt;<mark>Ngọc</mark> <mark>Lâm</mark>&lt;/b&gt;", snippet);
        Assert.True(snippet.Length < 1000);
        // A word is marked where a word starts with it, not inside other words.
        Assert.Equal("Sài Đồng, quý <mark>I</mark>", SearchIndex.Highlight("Sài Đồng, quý I", ["i"], 100));
        // Emoji (surrogate pairs) do not break the per-letter fold.
        Assert.Contains("<mark>Lâm</mark>", SearchIndex.Highlight("😀 Lâm", ["lam"], 100));
    }

    [Theory]
    [InlineData("phuong-bo-de-97", 97)]
    [InlineData("97", 97)]
    [InlineData("phuong-bo-de", null)]
    [InlineData("x-5a", null)]
    [InlineData("", null)]
    public void A_site_is_found_by_the_id_at_the_end_of_its_slug(string slug, int? id) => Assert.Equal(id, Sites.IdOf(slug));

    [Fact]
    public void Titles_become_ascii_words_for_addresses() =>
        Assert.Equal("hoi-nghi-so-ket-6-thang-dau-nam-2024", Sites.Words(DoanKet.Domain.Text.Fold("Hội nghị sơ kết 6 tháng đầu năm 2024!")));
}
