using System.Globalization;
using FineTuneAdvisor.Scoring.Json;

namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// What changed between two rule sets, one readable line per change ("rule data-curated weight: 5 → 6",
/// "parameter pilot_examples: 1000 → 800", "step pilot-train text: …"). Used for the audit log and the publish preview.
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
            Compare(lines, rule.Id, "dimension", Name<Dimension>(old.Dimension), Name<Dimension>(rule.Dimension));
            Compare(lines, rule.Id, "effect", Name<RuleEffect>(old.Effect), Name<RuleEffect>(rule.Effect));
            Compare(lines, rule.Id, "weight", Number(old.Weight), Number(rule.Weight));
            Compare(lines, rule.Id, "ramp", Ramp(old.Ramp), Ramp(rule.Ramp));
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
        DescribeSteps(lines, before.Steps, after.Steps);
        return lines;
    }

    private static void DescribeSteps(List<string> lines, IReadOnlyList<StepTemplate> before, IReadOnlyList<StepTemplate> after)
    {
        var oldSteps = before.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var newIds = after.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var step in after)
        {
            if (!oldSteps.TryGetValue(step.Id, out var old))
            {
                lines.Add($"step {step.Id} added ({Names(step.Verdicts)})");
                continue;
            }

            void Step(string field, string was, string now)
            {
                if (!string.Equals(was, now, StringComparison.Ordinal))
                {
                    lines.Add($"step {step.Id} {field}: {was} → {now}");
                }
            }

            Step("group", old.Group.JsonName(), step.Group.JsonName());
            Step("verdicts", Names(old.Verdicts), Names(step.Verdicts));
            Step("stages", Names(old.Stages), Names(step.Stages));
            Step("resolves", old.Resolves ?? "(none)", step.Resolves ?? "(none)");
            Step("condition", old.When?.ToString() ?? "(always)", step.When?.ToString() ?? "(always)");
            Step("text", Quote(old.Text), Quote(step.Text));
            Step("citation", Quote(old.Citation), Quote(step.Citation));
        }

        lines.AddRange(before.Where(s => !newIds.Contains(s.Id)).Select(s => $"step {s.Id} removed"));
    }

    private static string Names<TEnum>(IEnumerable<TEnum> values)
        where TEnum : struct, Enum => values.Any() ? string.Join(", ", values.Select(v => v.JsonName())) : "(any)";

    private static string Ramp(Ramp? ramp) => ramp is null ? "(none)" : $"{ramp.Measure.JsonName()} from {Quantity(ramp.From)} to {Quantity(ramp.To)}";

    private static string Quantity(Quantity quantity) =>
        quantity.Measure is { } measure ? measure.JsonName() : quantity.Parameter ?? Number(quantity.Number);

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
