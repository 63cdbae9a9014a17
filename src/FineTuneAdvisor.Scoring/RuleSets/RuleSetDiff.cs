using System.Globalization;
using FineTuneAdvisor.Scoring.Json;

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
        foreach (var rule in after.Rules)
        {
            if (!oldRules.TryGetValue(rule.Id, out var old))
            {
                lines.Add($"rule {rule.Id} added ({rule.Criterion}, {Name<RuleEffect>(rule.Effect)}, weight {Number(rule.Weight)})");
                continue;
            }

            Compare(lines, rule.Id, "criterion", old.Criterion, rule.Criterion);
            Compare(lines, rule.Id, "effect", Name<RuleEffect>(old.Effect), Name<RuleEffect>(rule.Effect));
            Compare(lines, rule.Id, "weight", Number(old.Weight), Number(rule.Weight));
            Compare(lines, rule.Id, "signal", Name(old.Signal), Name(rule.Signal));
            Compare(lines, rule.Id, "enabled", old.Enabled ? "true" : "false", rule.Enabled ? "true" : "false");
            Compare(lines, rule.Id, "message", Quote(old.Message), Quote(rule.Message));
            Compare(lines, rule.Id, "nextStep", Quote(old.NextStep), Quote(rule.NextStep));
            Compare(lines, rule.Id, "risk", Quote(old.Risk), Quote(rule.Risk));
            Compare(lines, rule.Id, "citation", Quote(old.Citation), Quote(rule.Citation));
            if (!Equals(old.When, rule.When))
            {
                lines.Add($"rule {rule.Id} condition: {old.When} → {rule.When}");
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

    /// <summary>An effect or signal as rule sets write it; "none" for a rule without a signal.</summary>
    private static string Name<TEnum>(TEnum? value)
        where TEnum : struct, Enum => value is { } named ? named.JsonName() : "none";

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string? text) => text is null ? "(none)" : $"\"{text}\"";
}
