using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>The editable fields of one rule, as the editor posts them once they passed validation.</summary>
public sealed record RuleEdit(string Id, double Weight, string Effect, string? Signal, bool Enabled, string Message);

/// <summary>
/// Edits rule-set JSON in place (System.Text.Json nodes), so everything the editor does not show (conditions,
/// next steps, citations, extra parameters) is kept exactly. The result is always checked by RuleSetLoader.
/// </summary>
public static class RuleSetDocument
{
    /// <summary>Indented, readable JSON for a download; the text is never put in HTML unencoded.</summary>
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The same rule set with its "version" set to the number it is published as.</summary>
    public static string WithVersion(string json, int version)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        root["version"] = version;
        return root.ToJsonString(Indented);
    }

    public static string ApplyEdits(string json, IReadOnlyList<RuleEdit> rules, IReadOnlyDictionary<string, JsonValue> parameters)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(parameters);
        var root = JsonNode.Parse(json)!.AsObject();
        var byId = root["rules"]!.AsArray().OfType<JsonObject>()
            .Where(r => r["id"] is JsonValue)
            .ToDictionary(r => r["id"]!.GetValue<string>(), StringComparer.Ordinal);

        foreach (var edit in rules)
        {
            var rule = byId[edit.Id];
            rule["weight"] = Math.Floor(edit.Weight) == edit.Weight ? JsonValue.Create((long)edit.Weight) : JsonValue.Create(edit.Weight);
            rule["effect"] = edit.Effect;
            if (edit.Signal is null)
            {
                rule.Remove("signal");
            }
            else
            {
                rule["signal"] = edit.Signal;
            }

            // "enabled" is optional and defaults to true: written only where it says something.
            if (edit.Enabled)
            {
                if (rule.ContainsKey("enabled"))
                {
                    rule["enabled"] = true;
                }
            }
            else
            {
                rule["enabled"] = false;
            }

            rule["message"] = edit.Message;
        }

        var parameterNode = root["parameters"]!.AsObject();
        foreach (var (name, value) in parameters)
        {
            parameterNode[name] = value.DeepClone();
        }

        return root.ToJsonString(Indented);
    }
}
