using System.Text.Json;

namespace FineTuneAdvisor.Scoring.RuleSets.Loading;

/// <summary><c>{"measure": name, "from": quantity, "to": quantity}</c>; quantities stay JSON values for the validator.</summary>
internal sealed record RampDto
{
    public required string Measure { get; init; }
    public required JsonElement From { get; init; }
    public required JsonElement To { get; init; }
}
