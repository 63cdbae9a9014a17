using System.Text;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Web.Pages.Results;
using FineTuneAdvisor.Web.Tests.Support;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FineTuneAdvisor.Web.Tests.Pages.Results;

/// <summary>
/// Issue 10, item 7: typed text in the Markdown export stays text. Checked by rendering it with Markdig and its
/// advanced extensions (GFM autolinks, pipe tables, task lists, footnotes, maths, citations, custom containers…),
/// not by looking at the escaped string: nothing typed becomes a link, list, heading, HTML or any other markup.
/// </summary>
public sealed partial class MarkdownNeutralisingTests : IDisposable
{
    private static readonly MarkdownPipeline Gfm = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static readonly string[] HostileTexts =
    [
        "see https://evil.example/x, http://evil.example, ftp://evil.example and mailto:me@evil.example",
        "www.evil.example and me@evil.example",
        "1. first\n2. second\n3) third",
        "# Heading\n## Another\nText\n===\nMore\n---",
        "- item\n+ item\n* item\n- [ ] task\n- [x] done",
        "    indented code\n\tand a tab",
        "<img src=x onerror=alert(1)> <a href=\"https://evil.example\">x</a>",
        "<div>\nblock html\n</div>",
        "![image](https://evil.example/i.png) [link](javascript:alert(1)) <https://evil.example>",
        "[ref] and [ref][]\n\n[ref]: https://evil.example",
        "**bold** _em_ ~~del~~ ==mark== ^sup^ ~sub~ ++ins++ $x^2$ $$y$$ `code` ``more``",
        "| a | b |\n|---|---|\n| c | d |",
        "+---+---+\n| a | b |\n+===+===+",
        "> quoted\n>> twice",
        "Term\n: definition",
        ":::warning\ncontainer\n:::",
        "Footnote[^1]\n\n[^1]: the note",
        "\"\"a citation\"\" and ^^^ figure",
        "*[HTML]: Hyper Text Markup Language\nHTML",
        "Text {#id .class onclick=x}",
        "```\nfenced\n```\n~~~\nfenced\n~~~",
        "&amp; &#x3C;script&#x3E; &copy; \\* \\\\",
        "NUL\0here, bell\a, DEL\u007f, C1\u0085 and \u202Eoverride\u202C, \u2066isolate\u2069 \u200Fmark",
    ];

    public static TheoryData<string> Hostile { get; } = [.. HostileTexts];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Escape_RenderedWithMarkdig_IsPlainParagraphTextEqualToWhatWasTyped(string typed)
    {
        var document = Markdown.Parse(MarkdownReport.Escape(typed), Gfm);

        Assert.All(document, block => Assert.IsType<ParagraphBlock>(block));
        var markup = document.Descendants().OfType<Inline>()
            .Where(i => i is not (LiteralInline or HtmlEntityInline or LineBreakInline))
            .Select(i => i.GetType().Name);
        Assert.Empty(markup);
        Assert.Equal(Normalised(Shown(typed)), Normalised(TextOf(document)));

        var html = Markdown.ToHtml(MarkdownReport.Escape(typed), Gfm);
        Assert.DoesNotContain(Tags().Matches(html).Select(m => m.Groups[1].Value), tag => tag is not ("p" or "br"));
    }

    [Fact]
    public async Task Export_OfHostileTypedText_HasExactlyTheMarkupOfAPlainOne()
    {
        var client = _app.CreateBrowserClient();
        var hostile = string.Join("\n", HostileTexts
            .Where(text => !text.Any(c => char.IsControl(c) && c is not '\n' and not '\t') && !text.Contains('\u202E', StringComparison.Ordinal)));
        var plain = await ExportAsync(client, "A plain summary of the use case");
        var attacked = await ExportAsync(client, hostile);

        Assert.Equal(MarkupOf(plain), MarkupOf(attacked));
        var links = attacked.Descendants().OfType<LinkInline>().Select(l => l.Url)
            .Concat(attacked.Descendants().OfType<AutolinkInline>().Select(l => l.Url));
        Assert.All(links, url => Assert.Matches("^https?://localhost/a/", url));
        Assert.Contains("evil.example", TextOf(attacked), StringComparison.Ordinal);
    }

    private static async Task<MarkdownDocument> ExportAsync(HttpClient client, string summary)
    {
        var answers = Answers.StrongCase();
        answers["use_case_summary"] = summary;
        var created = await ApiAssessments.CreateAsync(client, answers);
        return Markdown.Parse(await client.GetStringAsync($"/a/{created.ShareToken}/export.md"), Gfm);
    }

    /// <summary>Every kind of block and inline the document holds and how many, text and paragraphs aside.</summary>
    private static string MarkupOf(MarkdownDocument document) => string.Join(", ", document.Descendants()
        .Where(o => o is not (LiteralInline or HtmlEntityInline or LineBreakInline or ParagraphBlock or ContainerInline { Parent: null }))
        .GroupBy(o => o.GetType().Name, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Key} {g.Count()}"));

    private static string TextOf(MarkdownObject root)
    {
        var text = new StringBuilder();
        foreach (var inline in root.Descendants().OfType<Inline>())
        {
            _ = inline switch
            {
                LiteralInline literal => text.Append(literal.Content.ToString()),
                HtmlEntityInline entity => text.Append(entity.Transcoded.ToString()),
                LineBreakInline => text.Append('\n'),
                _ => text,
            };
        }

        return text.ToString();
    }

    /// <summary>What the reader should see: the typed text (NEL, LS, PS and FF are line breaks), with control and bidirectional characters as U+FFFD.</summary>
    private static string Shown(string typed) =>
        string.Concat(typed.ReplaceLineEndings("\n").Select(c => c is '\n' or '\t' ? c : char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' ? '\uFFFD' : c));

    /// <summary>Without whitespace: paragraphs and soft line breaks may join or split lines, but never change a visible character.</summary>
    private static string Normalised(string text) => Whitespace().Replace(text, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<\s*/?\s*([a-zA-Z0-9]+)")]
    private static partial Regex Tags();
}
