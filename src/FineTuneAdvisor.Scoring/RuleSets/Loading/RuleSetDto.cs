using System.Text.Json;

namespace FineTuneAdvisor.Scoring.RuleSets.Loading;

/// <summary>A rule-set document as its JSON says it (schema version 2, or 1 for the record), before anything is checked beyond its shape.</summary>
internal sealed record RuleSetDto
{
    public required int SchemaVersion { get; init; }
    public required int Version { get; init; }
    public required string Name { get; init; }

    /// <summary>Numbers or strings by name; what each may be is the validator's business.</summary>
    public required IReadOnlyDictionary<string, JsonElement> Parameters { get; init; }

    /// <summary>Null where the JSON holds null, or where the binder set a misshapen rule aside after naming its problem.</summary>
    public required IReadOnlyList<RuleDto?> Rules { get; init; }

    /// <summary>The plan's steps: required in schema 2 (the validator says so), absent in schema 1. Null items as for rules.</summary>
    public IReadOnlyList<StepDto?>? Steps { get; init; }
}
