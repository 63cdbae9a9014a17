using System.Globalization;
using System.Text;
using FineTuneAdvisor.Scoring.Evaluation;
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
    public static string Render(StoredAssessment assessment, string shareUrl)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var result = assessment.Result;
        var verdict = Verdicts.Of(result.Verdict);
        var md = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;

        md.Append(invariant, $"# {verdict.Headline}\n\n");
        md.Append(invariant, $"**Readiness:** {result.ReadinessScore} / 100 · **Verdict code:** `{result.Verdict.Code()}` · **Rule set:** version {result.RuleSetVersion}\n\n");
        md.Append(invariant, $"{verdict.Meaning}\n\n");
        md.Append(invariant, $"**Why:** {Escape(result.VerdictReason)}\n\n");
        md.Append("## What was assessed\n\n");
        md.Append("> ").Append(Escape(assessment.Answers.GetValueOrDefault("use_case_summary") ?? "").Replace("\n", "\n> ", StringComparison.Ordinal)).Append("\n\n");
        md.Append(invariant, $"Saved {assessment.CreatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", invariant)}. Read-only link: <{shareUrl}>\n\n");

        if (result.NextSteps.Count > 0)
        {
            md.Append("## Next steps\n\n");
            for (var i = 0; i < result.NextSteps.Count; i++)
            {
                md.Append(invariant, $"{i + 1}. {Escape(result.NextSteps[i])}\n");
            }

            md.Append('\n');
        }

        md.Append("## Criteria\n\n| Criterion | Score | Reason | Article |\n| --- | ---: | --- | --- |\n");
        foreach (var criterion in result.Criteria)
        {
            md.Append(invariant, $"| {Cell(criterion.Title)} | {criterion.Score} | {Cell(criterion.Reason)} | {Cell(criterion.Citation)} |\n");
        }

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
            md.Append(invariant, $"| {Cell(question.Label)} | {Cell(Pages.Assess.IndexModel.Display(question, assessment.Answers.GetValueOrDefault(question.Id)))} |\n");
        }

        return md.ToString();
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
    /// Makes typed text stay text in any renderer, GitHub-flavoured ones and Markdig's extensions included: HTML's
    /// angle brackets and ampersand become entities; Markdown's punctuation is backslash-escaped, '.', ':' and '@' too,
    /// so that no "1. x" starts a list and no bare https://, www. or e-mail address becomes a link; a line's leading
    /// spaces become entities, so no indentation makes a code block; control characters and bidirectional controls
    /// (stored before input refused them) show as U+FFFD instead of hiding or reordering text.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 16);
        var lineStart = true;
        foreach (var c in text.ReplaceLineEndings("\n"))
        {
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
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '!' or '|' or '~'
                    or '.' or ':' or '@' or '=' or '^' or '$' or '"':
                    escaped.Append('\\').Append(c);
                    break;
                case '\t':
                    escaped.Append(c);
                    break;
                case var control when char.IsControl(control) || IsBidiControl(control):
                    escaped.Append('\uFFFD');
                    break;
                default:
                    escaped.Append(c);
                    break;
            }

            lineStart = false;
        }

        return escaped.ToString();
    }

    /// <summary>Embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).</summary>
    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    private static string Cell(string text) => Escape(text).Replace("\n", " ", StringComparison.Ordinal);
}
