using System.Buffers;
using System.Globalization;
using System.Text;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Json;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Assessments;

namespace FineTuneAdvisor.Web.Pages.Results;

/// <summary>
/// A saved assessment as Markdown for a ticket or a wiki page. Free text is escaped so that nothing a user
/// typed turns into markup, links or HTML wherever the Markdown is rendered.
/// </summary>
public static class MarkdownReport
{
    public static string Render(StoredAssessment assessment, string shareUrl, Costs.AssessmentCost cost)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(cost);
        var result = assessment.Result;
        var md = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        var (scoreLabel, score) = Verdicts.HeadlineScore(result);

        md.Append(invariant, $"# {Verdicts.Headline(result.Verdict, result.FineTuneStage)}\n\n");
        md.Append(invariant, $"**{scoreLabel}:** {score} / 100 · **Verdict code:** `{result.Verdict.Code()}`");
        if (result.FineTuneStage is { } stage)
        {
            md.Append(invariant, $" · **Fine-tuning stage:** `{stage.JsonName()}`");
        }

        md.Append(invariant, $" · **Rule set:** version {result.RuleSetVersion}\n\n");
        if (result.CaseScore is { } caseScore && result.TeamScore is { } teamScore)
        {
            md.Append(invariant, $"Case for fine-tuning {caseScore} / 100 · Team readiness {teamScore} / 100 · Readiness, both together {result.ReadinessScore} / 100\n\n");
        }

        md.Append(invariant, $"{Verdicts.Meaning(result.Verdict, result.FineTuneStage)}\n\n");
        md.Append(invariant, $"**Why:** {Escape(result.VerdictReason)}\n\n");
        if (result.Confidence is { } confidence)
        {
            md.Append(invariant, $"**Confidence:** {confidence.Level.JsonName()}\n\n");
        }

        md.Append("## What was assessed\n\n");
        md.Append("> ").Append(Escape(assessment.Answers.GetValueOrDefault("use_case_summary") ?? "").Replace("\n", "\n> ", StringComparison.Ordinal)).Append("\n\n");
        md.Append(invariant, $"Saved {assessment.CreatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", invariant)}. Read-only link: <{shareUrl}>\n\n");

        if (result.Plan is { } plan)
        {
            md.Append("## Plan\n\n");
            AppendSteps(md, "Remove first", plan.RemoveFirst, "Nothing blocks this plan.");
            AppendSteps(md, "Then", plan.Then, "No further steps.");
        }
        else if (result.NextSteps.Count > 0)
        {
            md.Append("## Next steps\n\n");
            for (var i = 0; i < result.NextSteps.Count; i++)
            {
                md.Append(invariant, $"{i + 1}. {Escape(result.NextSteps[i])}\n");
            }

            md.Append('\n');
        }

        md.Append(CostMarkdown.Render(cost));

        if (result.Confidence is { Reasons.Count: > 0 } unsure)
        {
            md.Append("## Confidence\n\n");
            foreach (var reason in unsure.Reasons)
            {
                md.Append("- ").Append(Escape(reason)).Append('\n');
            }

            md.Append('\n');
        }

        if (result.Hinges is { } hinges)
        {
            md.Append("## What the verdict hinges on\n\n");
            if (hinges.Count == 0)
            {
                md.Append("No single answer changed on its own would change this verdict.\n");
            }

            foreach (var hinge in hinges)
            {
                md.Append("- ").Append(Escape(hinge.Text)).Append('\n');
            }

            md.Append('\n');
        }

        md.Append("## Criteria\n\n| Criterion | Score | Reason | Article |\n| --- | ---: | --- | --- |\n");
        foreach (var criterion in result.Criteria)
        {
            md.Append(invariant, $"| {Cell(criterion.Title)} | {criterion.Score} | {Cell(criterion.Reason)} | {Cell(criterion.Citation)} |\n");
        }

        md.Append(DataEvidenceText.Markdown(assessment));

        md.Append("\n## Reasons\n\n");
        AppendRules(md, "Blockers", result.FiredRules.Where(r => r.Effect == RuleEffect.Blocker));
        AppendRules(md, "For fine-tuning", result.FiredRules.Where(r => r.Contribution > 0));
        AppendRules(md, "Against fine-tuning", result.FiredRules.Where(r => r.Effect == RuleEffect.Oppose && r.Contribution < 0));

        if (result.Risks.Count > 0)
        {
            md.Append("## Risks\n\n");
            foreach (var risk in result.Risks)
            {
                md.Append("- ").Append(Escape(risk)).Append('\n');
            }

            md.Append('\n');
        }

        md.Append("## Answers\n\n| Question | Answer |\n| --- | --- |\n");
        foreach (var question in QuestionCatalogue.Questions.Where(q => q.Type != QuestionType.Text))
        {
            md.Append(invariant, $"| {Cell(question.Label)} | {Cell(Pages.Assess.IndexModel.Display(question, assessment.Answers, cost.Catalogue))} |\n");
        }

        return md.ToString();
    }

    /// <summary>A group of the plan under its heading, as a numbered list (or a sentence saying it is empty).</summary>
    private static void AppendSteps(StringBuilder md, string title, IReadOnlyList<PlanStep> steps, string empty)
    {
        md.Append("### ").Append(title).Append("\n\n");
        if (steps.Count == 0)
        {
            md.Append(empty).Append("\n\n");
            return;
        }

        for (var i = 0; i < steps.Count; i++)
        {
            md.Append(CultureInfo.InvariantCulture, $"{i + 1}. {Escape(steps[i].Text)} _({Escape(steps[i].Citation)})_\n");
        }

        md.Append('\n');
    }

    private static void AppendRules(StringBuilder md, string title, IEnumerable<FiredRule> rules)
    {
        var list = rules.ToList();
        if (list.Count == 0)
        {
            return;
        }

        md.Append("### ").Append(title).Append("\n\n");
        foreach (var rule in list)
        {
            var criterion = Criteria.Find(rule.Criterion)?.Title ?? rule.Criterion;
            md.Append(CultureInfo.InvariantCulture,
                $"- **{rule.Contribution.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture)}** {Escape(rule.Message)} _({Escape(criterion)}; {Escape(rule.Citation)}; rule `{rule.Id}`)_\n");
        }

        md.Append('\n');
    }

    /// <summary>
    /// Makes typed text stay text in any renderer (CommonMark, GitHub-flavoured, Markdig with its extensions) while
    /// reading naturally when pasted unrendered: only a character that could start markup where it stands is escaped.
    /// Anywhere: '*', '`', '[', '{', '|', '^', '~', and '\' before punctuation. In context: '_' at a word's edge; '&amp;' of
    /// an entity; '&lt;' of a tag; a doubled '+', '=', ':' or '"' (insert, mark, inline container, citation); '$' not
    /// followed by a digit (so "$4.50" stays and no maths can open); the ':' of "https://" or "mailto:", the '.' of
    /// "www." and the '@' of an address (no autolinks). At a line's start: '#', '>', '-', '+', '=', ':', a list
    /// number's '.' or ')', and leading spaces (as entities, so no indentation makes a code block). Control and
    /// bidirectional characters show as U+FFFD instead of hiding or reordering text.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var source = text.ReplaceLineEndings("\n");
        var escaped = new StringBuilder(source.Length + 16);
        var lineStart = true;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            var previous = i > 0 ? source[i - 1] : '\n';
            var next = i + 1 < source.Length ? source[i + 1] : '\n';
            switch (c)
            {
                case '\n':
                    escaped.Append(c);
                    lineStart = true;
                    continue;
                case ' ' when lineStart:
                    escaped.Append("&#32;");
                    continue;
                case '\t' when lineStart:
                    escaped.Append("&#9;");
                    continue;
                case var control when c != '\t' && (char.IsControl(control) || IsBidiControl(control)):
                    escaped.Append('\uFFFD');
                    break;
                default:
                    if (NeedsEscape(source, i, c, previous, next, lineStart))
                    {
                        escaped.Append('\\');
                    }

                    escaped.Append(c);
                    break;
            }

            lineStart = false;
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(string source, int i, char c, char previous, char next, bool lineStart) => c switch
    {
        '*' or '`' or '[' or '{' or '|' or '^' or '~' => true,
        '\\' => next == '\n' || (char.IsAscii(next) && (char.IsPunctuation(next) || char.IsSymbol(next))),
        '_' => !char.IsLetterOrDigit(previous) || !char.IsLetterOrDigit(next),
        '&' => StartsEntity(source, i + 1),
        '<' => char.IsAsciiLetter(next) || next is '/' or '!' or '?',
        '+' or '=' => lineStart || previous == c || next == c,
        ':' => lineStart || previous == ':' || next == ':' || Follows(source, i, "//") || EndsScheme(source, i),
        '"' => previous == '"' || next == '"',
        '$' => !char.IsAsciiDigit(next),
        '#' or '>' or '-' => lineStart,
        '.' => EndsListNumber(source, i) || EndsWww(source, i),
        ')' => EndsListNumber(source, i),
        '@' => char.IsLetterOrDigit(previous) && char.IsLetterOrDigit(next),
        _ => false,
    };

    /// <summary>"&amp;name;", "&amp;#123;" or "&amp;#x1F;": what a renderer would turn into another character.</summary>
    private static bool StartsEntity(string source, int from)
    {
        var end = from;
        while (end < source.Length && end - from < 32 && (char.IsAsciiLetterOrDigit(source[end]) || source[end] == '#'))
        {
            end++;
        }

        return end > from && end < source.Length && source[end] == ';';
    }

    private static bool Follows(string source, int i, string what) => source.AsSpan(i + 1).StartsWith(what, StringComparison.Ordinal);

    /// <summary>The ':' of "mailto:" or "tel:", which autolinking renderers turn into links without "//".</summary>
    private static bool EndsScheme(string source, int i) =>
        source.AsSpan(0, i).EndsWith("mailto", StringComparison.OrdinalIgnoreCase) || source.AsSpan(0, i).EndsWith("tel", StringComparison.OrdinalIgnoreCase);

    /// <summary>The '.' or ')' after a line's leading number or letter(s) followed by a space: "1. ", "3) ", "a. ", "iv) ".</summary>
    private static bool EndsListNumber(string source, int i)
    {
        if (i + 1 < source.Length && source[i + 1] is not (' ' or '\t' or '\n'))
        {
            return false;
        }

        var start = i;
        while (start > 0 && char.IsAsciiLetterOrDigit(source[start - 1]))
        {
            start--;
        }

        var marker = source.AsSpan(start, i - start);
        var atLineStart = start == 0 || source[start - 1] == '\n' || IsLeadingSpace(source, start);
        return atLineStart && marker.Length is > 0 and <= 9
            && (marker.ContainsAnyExceptInRange('0', '9') is false || marker.Length == 1 || marker.ContainsAnyExcept(RomanNumerals) is false);
    }

    private static readonly SearchValues<char> RomanNumerals = SearchValues.Create("ivxlcdmIVXLCDM");

    private static bool IsLeadingSpace(string source, int start)
    {
        var j = start - 1;
        while (j >= 0 && source[j] is ' ' or '\t')
        {
            j--;
        }

        return j < 0 || source[j] == '\n';
    }

    /// <summary>The '.' of "www." at a word's start, which GitHub and Markdig turn into a link.</summary>
    private static bool EndsWww(string source, int i) =>
        i >= 3 && source.AsSpan(i - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase) && (i == 3 || !char.IsLetterOrDigit(source[i - 4]));

    /// <summary>Embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).</summary>
    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    private static string Cell(string text) => Escape(text).Replace("\n", " ", StringComparison.Ordinal);
}
