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
    public static string Render(StoredAssessment assessment, string shareUrl)
    {
        ArgumentNullException.ThrowIfNull(assessment);
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
            md.Append(invariant, $"| {Cell(question.Label)} | {Cell(Pages.Assess.IndexModel.Display(question, assessment.Answers))} |\n");
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
