using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Datasets;

namespace FineTuneAdvisor.Web.Pages.Data;

/// <summary>One answer "Use these answers" would set: what the draft holds now (raw, as typed) and what was measured.</summary>
public sealed record SuggestedChange(Question Question, string? Current, string Suggested)
{
    public bool Changes => !string.Equals(Current?.Trim(), Suggested, StringComparison.Ordinal);

    public string CurrentText => Assess.IndexModel.Display(Question, Current);

    public string SuggestedText => Assess.IndexModel.Display(Question, Suggested);

    /// <summary>The questionnaire step the question is on (data sensitivity is on the privacy step).</summary>
    public Assess.QuestionnaireStep Step => Assess.QuestionnaireSteps.Of(Question);

    /// <summary>True when the question is asked on another step than the data step, so the page says where.</summary>
    public bool Elsewhere => Step.Id != DraftSuggestions.DataStep;
}

/// <summary>
/// Lays a report's suggested answers over a questionnaire draft: the before/after shown before consent, the merge
/// done on consent, and the sentence the data step shows afterwards.
/// </summary>
public static class DraftSuggestions
{
    /// <summary>The step "Use these answers" returns to: the one that asks how many examples there are.</summary>
    public static string DataStep { get; } = Assess.QuestionnaireSteps.Of(QuestionCatalogue.Find("example_count")!).Id;

    /// <summary>The upload form in "for my draft" mode: its report offers the answers to the draft.</summary>
    public const string MeasureUrl = "/data?for=" + ReportModel.ForDraft;

    public static IReadOnlyList<SuggestedChange> Compare(DatasetReport report, IReadOnlyDictionary<string, string?> draftAnswers)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(draftAnswers);
        return
        [
            .. report.Suggestions
                .Select(s => (Question: QuestionCatalogue.Find(s.QuestionId), s.Value))
                .Where(s => s.Question is not null)
                .Select(s => new SuggestedChange(s.Question!, draftAnswers.GetValueOrDefault(s.Question!.Id), s.Value)),
        ];
    }

    /// <summary>The draft's answers with the suggestions laid over them; nothing else is touched.</summary>
    public static Dictionary<string, string?> Apply(IReadOnlyList<SuggestedChange> changes, IReadOnlyDictionary<string, string?> draftAnswers)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var answers = new Dictionary<string, string?>(draftAnswers, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            answers[change.Question.Id] = change.Suggested;
        }

        return answers;
    }

    /// <summary>What the data step says after consent: each answer old → new, and that they can still be changed.</summary>
    public static string StatusMessage(IReadOnlyList<SuggestedChange> changes, DataEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(evidence);
        var parts = changes.Select(c => c.Changes
            ? $"{c.Question.Label}: {c.CurrentText} → {c.SuggestedText}"
            : $"{c.Question.Label}: {c.SuggestedText} (unchanged)");
        var elsewhere = changes.Where(c => c.Elsewhere).Select(c => $"{c.Question.Label} is on the {c.Step.Title} step").ToList();
        var where = elsewhere.Count == 0 ? "" : $" ({string.Join("; ", elsewhere)})";
        return $"Answers filled in from the sample measured on {evidence.Date}: {string.Join("; ", parts)}{where}. "
            + "You can still change any of them.";
    }
}
