using System.Text.Json.Nodes;
using FineTuneAdvisor.Scoring.Costs;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>
/// What changed between two catalogues, one readable line per change ("openai:gpt-4o-mini… fineTuned.inputPerMillion:
/// 0.30 → 0.35", "catalogue typical.promptTokens: 2000 → 3000", "model x added"): shown before publishing and kept in
/// the audit entry. The version number is ignored (it is set at publishing); fields are compared as their JSON, so a
/// price written 0.3 or 0.30 is no change; typical values are compared as used, so a block left out and one that
/// states the defaults are no change either.
/// </summary>
public static class CatalogueDiff
{
    public static IReadOnlyList<string> Describe(CatalogueDocument before, CatalogueDocument after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var lines = new List<string>();
        Compare(lines, "catalogue", Fields(Without(before)), Fields(Without(after)));
        Items(lines, "provider", before.Providers.Select(p => (p.Id, Fields(p))), after.Providers.Select(p => (p.Id, Fields(p))));
        Items(lines, "model", before.Models.Select(m => (m.Id, Fields(m))), after.Models.Select(m => (m.Id, Fields(m))));
        return lines;
    }

    public static string Text(CatalogueDocument before, CatalogueDocument after)
    {
        var lines = Describe(before, after);
        return lines.Count == 0 ? "(no change to providers, models, prices or typical values)" : string.Join('\n', lines);
    }

    private static object Without(CatalogueDocument document) =>
        new { document.SchemaVersion, document.Name, document.Currency, Typical = TypicalValues.From(document.Typical).ToDocument() };

    private static void Items(List<string> lines, string kind,
        IEnumerable<(string Id, Dictionary<string, string> Fields)> before, IEnumerable<(string Id, Dictionary<string, string> Fields)> after)
    {
        var old = before.GroupBy(x => x.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Fields, StringComparer.Ordinal);
        var now = after.GroupBy(x => x.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Fields, StringComparer.Ordinal);
        foreach (var (id, fields) in now)
        {
            if (old.TryGetValue(id, out var previous))
            {
                Compare(lines, $"{kind} {id}", previous, fields);
            }
            else
            {
                lines.Add($"{kind} {id}: added");
            }
        }

        lines.AddRange(old.Keys.Where(id => !now.ContainsKey(id)).Select(id => $"{kind} {id}: removed"));
    }

    private static void Compare(List<string> lines, string prefix, Dictionary<string, string> before, Dictionary<string, string> after)
    {
        foreach (var (path, value) in after)
        {
            var previous = before.GetValueOrDefault(path);
            if (previous != value)
            {
                lines.Add($"{prefix} {path}: {previous ?? "(none)"} → {value}");
            }
        }

        lines.AddRange(before.Where(f => !after.ContainsKey(f.Key)).Select(f => $"{prefix} {f.Key}: {f.Value} → (none)"));
    }

    /// <summary>Every leaf of the object's JSON by its dotted path: "training.perMillionTokens" → "3.00".</summary>
    private static Dictionary<string, string> Fields(object value)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(JsonSerializerWeb.ToNode(value), "", fields);
        return fields;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string> fields)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    Walk(child, path.Length == 0 ? name : $"{path}.{name}", fields);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", fields);
                }

                break;
            case null:
                break;
            default:
                fields[path] = Shorten(node.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : Number(node));
                break;
        }
    }

    /// <summary>Numbers by value, so 0.3 and 0.30 read the same.</summary>
    private static string Number(JsonNode node) =>
        node.GetValueKind() == System.Text.Json.JsonValueKind.Number && decimal.TryParse(node.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? d.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture)
            : node.ToJsonString();

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..79] + "…";

    private static class JsonSerializerWeb
    {
        private static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };

        public static JsonNode? ToNode(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value, value.GetType(), Options);
    }
}
