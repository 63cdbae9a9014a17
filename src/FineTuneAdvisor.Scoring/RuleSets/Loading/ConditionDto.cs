using System.Text.Json;
using System.Text.Json.Serialization;

namespace FineTuneAdvisor.Scoring.RuleSets.Loading;

/// <summary>
/// One condition as its JSON says it: <c>all</c>, <c>any</c>, <c>not</c>, a <c>question</c> or a <c>measure</c> with
/// one operator, or (in steps) <c>fired</c>. Operands stay JSON values: whether one fits depends on the question, which
/// the validator knows.
/// </summary>
internal sealed record ConditionDto
{
    public IReadOnlyList<ConditionDto>? All { get; init; }
    public IReadOnlyList<ConditionDto>? Any { get; init; }
    public ConditionDto? Not { get; init; }
    public string? Question { get; init; }
    public string? Measure { get; init; }
    public string? Fired { get; init; }

    [JsonPropertyName("equals")]
    public JsonElement? EqualTo { get; init; }

    public IReadOnlyList<JsonElement>? OneOf { get; init; }
    public JsonElement? AtLeast { get; init; }
    public JsonElement? AtMost { get; init; }
    public IReadOnlyList<JsonElement>? Between { get; init; }

    /// <summary>The JSON names of the operators.</summary>
    public static IReadOnlyList<string> OperatorNames { get; } = ["equals", "oneOf", "atLeast", "atMost", "between"];

    /// <summary>The members present, by JSON name, in schema order.</summary>
    public IEnumerable<string> Present()
    {
        (string Name, bool IsPresent)[] members =
        [
            ("all", All is not null), ("any", Any is not null), ("not", Not is not null), ("question", Question is not null),
            ("measure", Measure is not null), ("fired", Fired is not null),
            ("equals", EqualTo.HasValue), ("oneOf", OneOf is not null), ("atLeast", AtLeast.HasValue), ("atMost", AtMost.HasValue),
            ("between", Between is not null),
        ];
        return members.Where(m => m.IsPresent).Select(m => m.Name);
    }

    /// <summary>The operators present, each with its values (one for equals, atLeast and atMost).</summary>
    public IReadOnlyList<Operator> Operators()
    {
        var present = new List<Operator>();
        if (EqualTo is { } equalTo)
        {
            present.Add(new("equals", Comparison.Equals, [equalTo], IsList: false));
        }

        if (OneOf is not null)
        {
            present.Add(new("oneOf", Comparison.OneOf, OneOf, IsList: true));
        }

        if (AtLeast is { } atLeast)
        {
            present.Add(new("atLeast", Comparison.AtLeast, [atLeast], IsList: false));
        }

        if (AtMost is { } atMost)
        {
            present.Add(new("atMost", Comparison.AtMost, [atMost], IsList: false));
        }

        if (Between is not null)
        {
            present.Add(new("between", Comparison.Between, Between, IsList: true));
        }

        return present;
    }

    internal sealed record Operator(string Name, Comparison Comparison, IReadOnlyList<JsonElement> Values, bool IsList);
}
