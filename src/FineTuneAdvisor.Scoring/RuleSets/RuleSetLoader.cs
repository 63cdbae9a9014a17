using FineTuneAdvisor.Scoring.RuleSets.Loading;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// Loads rule-set JSON in three steps (see RuleSets/Loading): bind it strictly to the schema's records, validate
/// what the schema cannot say, then compile the conditions the engine evaluates. A bad rule set is refused with
/// every problem and its JSON path; nothing here throws on bad input. Done once when a rule set is published or
/// started, never per request.
/// </summary>
public static class RuleSetLoader
{
    public const int SchemaVersion = 1;
    public const int MaxMessageLength = 500;

    public static RuleSet LoadDefault()
    {
        using var stream = typeof(RuleSetLoader).Assembly.GetManifestResourceStream("FineTuneAdvisor.Scoring.default-rule-set.json")
            ?? throw new InvalidOperationException("The default rule set is not embedded.");
        using var reader = new StreamReader(stream);
        return LoadOrThrow(reader.ReadToEnd());
    }

    public static RuleSet LoadOrThrow(string json)
    {
        var result = Load(json);
        return result.RuleSet ?? throw new RuleSetException(result.Problems);
    }

    public static RuleSetLoadResult Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new List<RuleSetProblem>();
        var document = RuleSetBinder.Bind(json, problems);
        if (document is not null)
        {
            RuleSetValidator.Validate(document, problems);
        }

        return problems.Count == 0 ? new(RuleSetCompiler.Compile(document!, json), []) : new(null, problems);
    }
}
