namespace FineTuneAdvisor.Scoring.Questionnaire;

/// <summary>A question of the questionnaire. Its id is a contract: API, rule conditions and stored answers use it.</summary>
public sealed record Question
{
    public required string Id { get; init; }
    public required string Section { get; init; }
    public required QuestionType Type { get; init; }
    public required string Label { get; init; }
    public required string Help { get; init; }

    /// <summary>The article section the help text leans on, shown next to it.</summary>
    public required string Citation { get; init; }

    /// <summary>Choices in a meaningful order: "at least" and "at most" on a choice compare positions in this list.</summary>
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    public long Minimum { get; init; }
    public long Maximum { get; init; }

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
}
