using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// What changed between two rule sets, one readable line per change ("rule data-curated weight: 5 → 6",
/// "parameter pilot_examples: 1000 → 800"). Used for the audit log and the publish preview.
/// </summary>
public static class RuleSetDiff
{
    public static IReadOnlyList<string> Describe(RuleSet before, RuleSet after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var lines = new List<string>();
        if (before.Name != after.Name)
        {
            lines.Add($"name: {Quote(before.Name)} → {Quote(after.Name)}");
        }

        foreach (var (name, old) in before.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!after.Parameters.TryGetValue(name, out var now))
            {
                lines.Add($"parameter {name} removed (was {old.Value})");
            }
            else if (old.Value != now.Value)
            {
                lines.Add($"parameter {name}: {old.Value} → {now.Value}");
            }
        }

        foreach (var (name, now) in after.Parameters.Where(p => !before.Parameters.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            lines.Add($"parameter {name} added: {now.Value}");
        }

        var oldRules = before.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var newIds = after.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var oldConditions = ConditionsById(before.Json);
        var newConditions = ConditionsById(after.Json);
        foreach (var rule in after.Rules)
        {
            if (!oldRules.TryGetValue(rule.Id, out var old))
            {
                lines.Add($"rule {rule.Id} added ({rule.Criterion}, {Name(rule.Effect)}, weight {Number(rule.Weight)})");
                continue;
            }

            Compare(lines, rule.Id, "criterion", old.Criterion, rule.Criterion);
            Compare(lines, rule.Id, "effect", Name(old.Effect), Name(rule.Effect));
            Compare(lines, rule.Id, "weight", Number(old.Weight), Number(rule.Weight));
            Compare(lines, rule.Id, "signal", Name(old.Signal), Name(rule.Signal));
            Compare(lines, rule.Id, "enabled", old.Enabled ? "true" : "false", rule.Enabled ? "true" : "false");
            Compare(lines, rule.Id, "message", Quote(old.Message), Quote(rule.Message));
            Compare(lines, rule.Id, "nextStep", Quote(old.NextStep), Quote(rule.NextStep));
            Compare(lines, rule.Id, "risk", Quote(old.Risk), Quote(rule.Risk));
            Compare(lines, rule.Id, "citation", Quote(old.Citation), Quote(rule.Citation));
            if (!JsonNode.DeepEquals(oldConditions.GetValueOrDefault(rule.Id), newConditions.GetValueOrDefault(rule.Id)))
            {
                lines.Add($"rule {rule.Id} condition: {Compact(oldConditions.GetValueOrDefault(rule.Id))} → {Compact(newConditions.GetValueOrDefault(rule.Id))}");
            }
        }

        lines.AddRange(before.Rules.Where(r => !newIds.Contains(r.Id)).Select(r => $"rule {r.Id} removed"));
        return lines;
    }

    private static void Compare(List<string> lines, string id, string field, string old, string now)
    {
        if (!string.Equals(old, now, StringComparison.Ordinal))
        {
            lines.Add($"rule {id} {field}: {old} → {now}");
        }
    }

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNames.ToSnakeCase(value.ToString());

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string? text) => text is null ? "(none)" : $"\"{text}\"";

    private static string Compact(JsonNode? node) => node?.ToJsonString() ?? "(none)";

    /// <summary>Each rule's condition as JSON, compared structurally: conditions are records that do not compare by value.</summary>
    private static Dictionary<string, JsonNode?> ConditionsById(string json)
    {
        var conditions = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        try
        {
            if (JsonNode.Parse(json)?["rules"] is JsonArray rules)
            {
                foreach (var rule in rules.OfType<JsonObject>())
                {
                    if (rule["id"] is JsonValue id && id.TryGetValue<string>(out var name))
                    {
                        conditions[name] = rule["when"];
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A rule set only exists once its JSON parsed; nothing to compare otherwise.
        }

        return conditions;
    }
}
