using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Questionnaire;

/// <summary>A question of the questionnaire. Its id is a contract: API, rule conditions and stored answers use it.</summary>
public sealed record Question
{
    public required string Id { get; init; }
    public required string Section { get; init; }
    public required QuestionType Type { get; init; }
    public required string Label { get; init; }
    public required string Help { get; init; }

    /// <summary>What the question is about in a few words ("Data rights"), for sentences about an answer.</summary>
    public required string Topic { get; init; }

    /// <summary>The article section the help text leans on, shown next to it.</summary>
    public required string Citation { get; init; }

    /// <summary>Choices in a meaningful order: "at least" and "at most" on a choice compare positions in this list.</summary>
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    public long Minimum { get; init; }
    public long Maximum { get; init; }

    /// <summary>
    /// An optional question may be left blank: it is never required, and a number question also takes
    /// <c>not_sure</c> (<see cref="Choice.NotSure"/>). The cost questions are optional: a blank or unsure answer
    /// is replaced by a typical value (<see cref="Costs.CostAnswers"/>) that the result names as an assumption.
    /// </summary>
    public bool Optional { get; init; }

    /// <summary>What a number counts ("tokens", "calls a month", "%"), for the review and the result.</summary>
    public string? Unit { get; init; }

    /// <summary>
    /// A choice question whose answers are, besides its own <see cref="Choices"/>, the model ids of the provider
    /// catalogue (<c>provider:model</c>). The catalogue is data an admin publishes, so this library only checks an
    /// id's shape; the web checks it against the active catalogue.
    /// </summary>
    public bool ChoicesFromCatalogue { get; init; }

    /// <summary>
    /// When the question is asked (null: always). A question that does not apply is neither asked nor required; an
    /// answer to it is dropped before it is stored or scored. It reads only questions that are always asked.
    /// </summary>
    public Condition? AppliesWhen { get; init; }

    /// <summary>
    /// True when the team can change the answer by doing work (collect or review data, build an evaluation set, hire,
    /// budget); false for facts of the use case. What the verdict hinges on lists changes the team can make first.
    /// </summary>
    public bool TeamCanChange { get; init; }

    /// <summary>The question's place in <see cref="QuestionCatalogue.Questions"/>, set by the catalogue.</summary>
    public int Position { get; internal init; }

    public int IndexOf(string value)
    {
        for (var i = 0; i < Choices.Count; i++)
        {
            if (Choices[i].Value == value)
            {
                return i;
            }
        }

        return -1;
    }

    public string? LabelOf(string value) => Choices.FirstOrDefault(c => c.Value == value)?.Label;

    /// <summary>True when the value is a choice that says "I don't know yet".</summary>
    public bool IsUnsure(string value) => IndexOf(value) is var i and >= 0 && Choices[i].Unsure;

    /// <summary>Whether the question is asked given these answers (see <see cref="AppliesWhen"/>).</summary>
    public bool AppliesTo(AnswerSet answers) => AppliesWhen is null || AppliesWhen.IsMet(answers);
}
