namespace FineTuneAdvisor.Scoring.Questionnaire;

/// <summary>
/// One allowed value of a choice question, in the order the question lists them. <see cref="Unsure"/> marks an answer
/// that says "I don't know yet" (<c>not_sure</c>, rights <c>unclear</c>, hosting <c>undecided</c>): it lowers the
/// result's confidence and brings a step that resolves it. A <c>not_sure</c> choice is also unranked: ordered
/// comparisons (<c>atLeast</c>, <c>atMost</c>, <c>between</c>) never match it, so rules say what it counts as.
/// </summary>
public sealed record Choice(string Value, string Label, string? Hint = null, bool Unsure = false)
{
    /// <summary>The value of the "Not sure" choice some questions offer; always listed last.</summary>
    public const string NotSure = "not_sure";

    /// <summary>A "Not sure" choice: <see cref="Hint"/> says what the default rules count it as.</summary>
    public static Choice NotSureCountedAs(string countedAs) => new(NotSure, "Not sure", countedAs, Unsure: true);

    /// <summary>True for <c>not_sure</c>, which has no place in the question's order.</summary>
    public bool Unranked => Value == NotSure;
}
