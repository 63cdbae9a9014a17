using System.Collections.Frozen;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Web.Pages.Assess;

/// <summary>One page of the questionnaire: its URL slug, heading, one-line intro and the questions it asks, in order.</summary>
public sealed record QuestionnaireStep(string Id, string Title, string Intro, IReadOnlyList<Question> Questions)
{
    public bool Holds(Question question) => Questions.Contains(question);
}

/// <summary>
/// How the questionnaire's questions are laid out in pages. The spec's sections (<see cref="QuestionCatalogue.Sections"/>)
/// are a contract (the API and the result group answers by them) but differ widely in length (seven questions about the
/// use case, one about freshness), so the pages have their own map of about four related questions each.
/// <para>
/// The map names question ids. Anything it does not name still gets asked: a question of a section that has named steps
/// joins the last of them while it has room (at most <see cref="MaxQuestions"/>); otherwise (a new section, say) the
/// questions become a step of their own at the end, titled after their section. So a new section or question needs no
/// edit here.
/// </para>
/// A question whose condition reads another question comes on the same step after it, or on a later step (checked by tests).
/// </summary>
public static class QuestionnaireSteps
{
    /// <summary>A question the map does not name joins its section's step only while that asks no more than this.</summary>
    public const int MaxQuestions = 5;

    private static readonly (string Id, string Title, string Intro, string[] QuestionIds)[] Named =
    [
        ("use_case", "Your use case", "What the model should do, and what it is missing.",
            ["use_case_summary", "domain", "output_requirements", "knowledge_vs_behavior"]),
        ("usage", "How it will be used", "What you have tried so far, how often the model will be called, and how fast its information changes.",
            ["prompting_status", "prompt_efficiency_need", "request_volume", "change_frequency"]),
        ("data", "Your data", "Fine-tuning learns from examples, so the examples you have decide a lot.",
            ["example_count", "data_quality", "data_variety", "has_eval_set"]),
        ("compliance", "Privacy, rights and fairness", "Training on data can carry its problems into the model.",
            ["data_sensitivity", "data_rights", "bias_risk", "bias_mitigation"]),
        ("resources", "Budget, people and upkeep", "Fine-tuning is a project to run and maintain, not a one-off switch.",
            ["budget", "ml_expertise", "maintenance_capacity", "model_hosting"]),
    ];

    /// <summary>The steps in the order asked (Review, which is not a step of questions, comes after them).</summary>
    public static IReadOnlyList<QuestionnaireStep> All { get; } = Build(Named, QuestionCatalogue.Sections, QuestionCatalogue.Questions);

    private static readonly FrozenDictionary<string, QuestionnaireStep> ById = All.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, QuestionnaireStep> ByQuestion =
        All.SelectMany(s => s.Questions.Select(q => KeyValuePair.Create(q.Id, s))).ToFrozenDictionary(StringComparer.Ordinal);

    public static QuestionnaireStep First => All[0];

    public static QuestionnaireStep? Find(string? id) => id is null ? null : ById.GetValueOrDefault(id);

    /// <summary>The step that asks a question.</summary>
    public static QuestionnaireStep Of(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return ByQuestion[question.Id];
    }

    /// <summary>
    /// Where an old questionnaire URL or a stored draft position that names a spec section (e.g. <c>freshness</c>) now
    /// leads: the step holding that section's first question. Null when the id is neither a step nor a section.
    /// </summary>
    public static QuestionnaireStep? ForSection(string? sectionId) =>
        QuestionCatalogue.Questions.FirstOrDefault(q => q.Section == sectionId) is { } first ? Of(first) : null;

    /// <summary>A step id, or an old section id mapped to its step (see <see cref="ForSection"/>).</summary>
    public static QuestionnaireStep? Resolve(string? id) => Find(id) ?? ForSection(id);

    /// <summary>
    /// Lays the questions out in steps: the named steps first (only the ids that exist), then whatever they leave out.
    /// Public so that tests can check the fallback with a catalogue that has a section the map does not know.
    /// </summary>
    public static List<QuestionnaireStep> Build(
        IReadOnlyList<(string Id, string Title, string Intro, string[] QuestionIds)> named,
        IReadOnlyList<Section> sections,
        IReadOnlyList<Question> questions)
    {
        var byId = questions.ToDictionary(q => q.Id, StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var steps = new List<(string Id, string Title, string Intro, List<Question> Questions)>();
        foreach (var (id, title, intro, ids) in named)
        {
            var asked = ids.Where(byId.ContainsKey).Where(placed.Add).Select(i => byId[i]).ToList();
            if (asked.Count > 0)
            {
                steps.Add((id, title, intro, asked));
            }
        }

        foreach (var section in sections)
        {
            var left = questions.Where(q => q.Section == section.Id && !placed.Contains(q.Id)).ToList();
            if (left.Count == 0)
            {
                continue;
            }

            // A new question of a section that already has steps joins the last of them while it has room: related
            // questions stay together, after the questions a condition could read.
            var home = steps.FindLastIndex(s => s.Questions.Any(q => q.Section == section.Id));
            if (home >= 0 && steps[home].Questions.Count + left.Count <= MaxQuestions)
            {
                steps[home].Questions.AddRange(left);
                continue;
            }

            // Otherwise (a section the map does not know, or too many new questions for its step) a step of its own at the
            // end, in catalogue order: a section is one subject, so it stays on one page.
            var id = section.Id;
            for (var n = 2; steps.Exists(s => s.Id == id); n++)
            {
                id = $"{section.Id}_{n}";
            }

            var title = steps.Exists(s => s.Title == section.Title) ? $"{section.Title} (continued)" : section.Title;
            steps.Add((id, title, section.Intro, left));
        }

        return [.. steps.Select(s => new QuestionnaireStep(s.Id, s.Title, s.Intro, s.Questions))];
    }
}
