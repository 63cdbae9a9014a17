using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>One changed answer as the timeline says it: the question's label, and the answers as the options read, old → new.</summary>
public sealed record TimelineChange(string Question, string Before, string After);

/// <summary>One revision on the timeline, with what changed since the revision it was made from.</summary>
public sealed record TimelineEntry(
    string PublicId,
    DateTime CreatedAt,
    string Verdict,
    int Score,
    string? PreviousPublicId,
    string? PreviousVerdict,
    int? ScoreChange,
    IReadOnlyList<TimelineChange> Changes)
{
    public bool IsFirst => PreviousPublicId is null;
}

public static class Timeline
{
    /// <summary>
    /// Each member against its parent (or, when the parent was deleted, the member before it), oldest first. A changed
    /// provider and model reads by its names in <paramref name="catalogue"/> (the one in use).
    /// </summary>
    public static IReadOnlyList<TimelineEntry> Build(IReadOnlyList<FamilyMember> family, ProviderCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(family);
        var ordered = family.OrderBy(m => m.CreatedAt).ToList();
        var byId = ordered.ToDictionary(m => m.PublicId, StringComparer.Ordinal);
        var answers = ordered.ToDictionary(m => m.PublicId, m => AnswersJson.Deserialize(m.AnswersJson), StringComparer.Ordinal);
        var entries = new List<TimelineEntry>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var member = ordered[i];
            var previous = member.ParentPublicId is not null && byId.TryGetValue(member.ParentPublicId, out var parent)
                ? parent
                : i > 0 ? ordered[i - 1] : null;
            var changed = previous is null
                ? []
                : Comparisons.ChangedAnswers(answers[previous.PublicId], answers[member.PublicId])
                    .Select(c => QuestionCatalogue.Find(c.QuestionId) is { } q
                        ? new TimelineChange(q.Label, Display(q, c.Before, catalogue), Display(q, c.After, catalogue))
                        : new TimelineChange(c.QuestionId, c.Before ?? NotAnswered, c.After ?? NotAnswered))
                    .ToList();
            entries.Add(new TimelineEntry(member.PublicId, member.CreatedAt, member.Verdict, member.ReadinessScore,
                previous?.PublicId, previous?.Verdict, member.ReadinessScore - previous?.ReadinessScore, changed));
        }

        return entries;
    }

    /// <summary>
    /// The entries as a tree: each entry's revisions by the id of the one they were made from. Two revisions of one
    /// version are branches; a version with one revision continues its line.
    /// </summary>
    public static ILookup<string, TimelineEntry> RevisionsOf(IReadOnlyList<TimelineEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Where(e => e.PreviousPublicId is not null).ToLookup(e => e.PreviousPublicId!, StringComparer.Ordinal);
    }

    private const string NotAnswered = "not answered";

    /// <summary>An answer as its option reads ("Quarterly"), a count with separators, or "not answered" / "not asked".</summary>
    private static string Display(Question question, string? value, ProviderCatalogue catalogue) => value is null
        ? (question.AppliesWhen is null ? NotAnswered : "not asked")
        : question.Type switch
        {
            QuestionType.Number when long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
                => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            QuestionType.Number when question.Optional && value == Choice.NotSure => "not sure",
            QuestionType.Choice or QuestionType.Boolean => question.LabelOf(value) ?? (question.ChoicesFromCatalogue ? Costs.ModelNames.Of(catalogue, value) : value),
            _ => value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 79).TrimEnd(), "…"),
        };
}
