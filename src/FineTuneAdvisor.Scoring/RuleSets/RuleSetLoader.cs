using FineTuneAdvisor.Scoring.RuleSets.Loading;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// Loads rule-set JSON in three steps (see RuleSets/Loading): bind it strictly to the schema's records, validate
/// what the schema cannot say, then compile the conditions the engine evaluates. A bad rule set is refused with
/// every problem and its JSON path; nothing here throws on bad input. Done once when a rule set is published or
/// started, never per request. Only schema 2 is loaded: a schema-1 document (version 1 of the default, or an admin's
/// tuning of it) is refused with a message that says what to do.
/// </summary>
public static class RuleSetLoader
{
    public const int SchemaVersion = 2;
    public const int MaxMessageLength = 500;

    public static RuleSet LoadDefault() => LoadOrThrow(DefaultJson());

    /// <summary>The embedded default rule set's JSON, exactly as shipped.</summary>
    public static string DefaultJson()
    {
        using var stream = typeof(RuleSetLoader).Assembly.GetManifestResourceStream("FineTuneAdvisor.Scoring.default-rule-set.json")
            ?? throw new InvalidOperationException("The default rule set is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static RuleSet LoadOrThrow(string json)
    {
        var result = Load(json);
        return result.RuleSet ?? throw new RuleSetException(result.Problems);
    }

    public static RuleSetLoadResult Load(string json) => Load(json, allowSchemaOne: false);

    /// <summary>
    /// The schema version a document says it has, without checking anything else; null when it is not JSON or does not
    /// say. Lets start-up tell a stored schema-1 version (upgrade it) from a broken one (stop).
    /// </summary>
    public static int? SchemaVersionOf(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                   && document.RootElement.TryGetProperty("schemaVersion", out var schema)
                   && schema.TryGetInt32(out var version)
                ? version
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Schema 1 too: for reading version-1 documents for the record (tests prove what version 1 said). The engine runs schema 2 only.</summary>
    internal static RuleSetLoadResult Load(string json, bool allowSchemaOne)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new List<RuleSetProblem>();
        var document = RuleSetBinder.Bind(json, problems);
        if (document is not null)
        {
            RuleSetValidator.Validate(document, problems, allowSchemaOne);
        }

        return problems.Count == 0 ? new(RuleSetCompiler.Compile(document!, json), []) : new(null, problems);
    }
}
