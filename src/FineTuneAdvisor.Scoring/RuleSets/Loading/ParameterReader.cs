using System.Globalization;
using System.Text.Json;

namespace FineTuneAdvisor.Scoring.RuleSets.Loading;

/// <summary>Reads one parameter's JSON value: a finite number or a string. Shared by the validator and the compiler.</summary>
internal static class ParameterReader
{
    public static RuleParameter? Read(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number) =>
            new RuleParameter(name, number.ToString(CultureInfo.InvariantCulture), number, IsNumber: true),
        JsonValueKind.String => new RuleParameter(name, value.GetString()!, double.NaN, IsNumber: false),
        _ => null,
    };
}
