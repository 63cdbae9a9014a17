using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>One revision on the timeline, with what changed since the revision it was made from.</summary>
public sealed record TimelineEntry(
    string PublicId,
    DateTime CreatedAt,
    string Verdict,
    int Score,
    string? PreviousPublicId,
    string? PreviousVerdict,
    int? ScoreChange,
    IReadOnlyList<string> ChangedQuestions)
{
    public bool IsFirst => PreviousPublicId is null;
}

public static class Timeline
{
    /// <summary>
    /// Each member against its parent (or, when the parent was deleted, the member before it), oldest first.
    /// </summary>
    public static IReadOnlyList<TimelineEntry> Build(IReadOnlyList<FamilyMember> family)
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
                    .Select(c => QuestionCatalogue.Find(c.QuestionId)?.Label ?? c.QuestionId)
                    .ToList();
            entries.Add(new TimelineEntry(member.PublicId, member.CreatedAt, member.Verdict, member.ReadinessScore,
                previous?.PublicId, previous?.Verdict, member.ReadinessScore - previous?.ReadinessScore, changed));
        }

        return entries;
    }
}
