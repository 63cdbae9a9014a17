using System.Text;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Scoring.RuleSets;
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
        "costs $4.50 and 5$ then $$x$$ and $y$ and $4/$5",
        "about ~1,000 to ~2,000, ~~gone~~ and H~2~O",
        "_lead and trail_ and __dunder__ and snake_case_ids",
        "Q&A and R&D, &copy; and &#169; and &#xA9;",
        "x < 5 and y > 3, <b>bold</b> <!-- c --> <?php ?> </p>",
        "call tel:+441234567890 or mailto:a@b.example, HTTPS://EVIL.EXAMPLE and WWW.EVIL.EXAMPLE",
        "I. first\nii) second\na. third\nB) fourth\n123456789. ninth",
        "an ::inline container:: and a \"\"quote\"\"",
        "trailing backslash makes a break\\\nnext line",
        "   1. indented number\n  # indented heading\n > indented quote",
    ];

    /// <summary>Ordinary prose, as people write it and as the rules word it: nothing in it can become markup.</summary>
    private static readonly string[] OrdinaryTexts =
    [
        "We want to fine-tune a support bot (about 1,000 examples) for tickets: billing, refunds, etc.",
        "Costs $4.50 per run; 50% of prompts are cached. Budget: $2,000/month.",
        "Q&A, R&D and A/B tests: e.g. 3-5 variants, i.e. small ones.",
        "It's \"good\" data, v2.1 (2026-11-30), see section 3.2 of the spec.",
        "Output must be valid JSON with fields id_number and total_amount; 10 < 20 and 30 > 20.",
        "Version 1.5 ships in Q1. Then 2.0, maybe.\nSecond line: more detail.",
        "Contact the ML team at our wiki page \"Fine tuning FAQ\" (internal) - ask Ana.",
    ];

    public static TheoryData<string> Ordinary { get; } = [.. OrdinaryTexts];

    [Theory]
    [MemberData(nameof(Ordinary))]
    public void Escape_OfOrdinaryProse_LeavesItAsTyped(string typed) => Assert.Equal(typed, MarkdownReport.Escape(typed));

    [Fact]
    public void Escape_OfEveryTextTheDefaultRulesWrite_AddsNoBackslash()
    {
        var rules = RuleSetLoader.LoadDefault();
        var texts = rules.Rules.SelectMany(r => new[] { r.Message, r.NextStep, r.Risk, r.Citation })
            .Concat(rules.Steps.SelectMany(s => new[] { s.Text, s.Citation }))
            .OfType<string>()
            .Select(text => Placeholder().Replace(text, "7"))
            .ToList();

        Assert.NotEmpty(texts);
        Assert.All(texts, text => Assert.Equal(text, MarkdownReport.Escape(text)));
    }

    [Fact]
    public async Task Export_OfAnOrdinaryAssessment_ReadsAsPlainTextWithoutBackslashes()
    {
        var client = _app.CreateBrowserClient();
        var answers = Answers.StrongCase();
        answers["use_case_summary"] = OrdinaryTexts[0];
        var created = await ApiAssessments.CreateAsync(client, answers);

        var markdown = await client.GetStringAsync($"/a/{created.ShareToken}/export.md");

        Assert.DoesNotContain("\\", markdown, StringComparison.Ordinal);
        Assert.Contains("fine-tune a support bot (about 1,000 examples) for tickets: billing, refunds, etc.", markdown, StringComparison.Ordinal);
    }

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

    /// <summary>A message template's "{name}" or "{name:format}", filled with a number when the rule fires.</summary>
    [GeneratedRegex(@"\{[a-z_]+(:[a-z_]+)*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"<\s*/?\s*([a-zA-Z0-9]+)")]
    private static partial Regex Tags();
}
