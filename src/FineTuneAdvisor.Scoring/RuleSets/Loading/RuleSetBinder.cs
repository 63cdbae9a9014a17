using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace FineTuneAdvisor.Scoring.RuleSets.Loading;

/// <summary>
/// Binds rule-set JSON to <see cref="RuleSetDto"/> with the strict options of <see cref="RuleSetJsonContext"/>.
/// System.Text.Json stops at the first misshapen member; to name every one, the binder names that member, takes it
/// out of an editable copy and binds again. An unknown property, or a misshapen optional field of a rule or step, is
/// simply removed. A misshapen required field, a misshapen part of a condition or ramp, or a rule or step that is not
/// an object sets the whole rule (or step) aside (null), so the rule's other problems show once that one is fixed. A top-level member that cannot
/// be bound ends binding: every shape problem is named, but nothing is left to validate.
/// </summary>
internal static class RuleSetBinder
{
    /// <summary>More than this many shape problems, and the rest waits until these are fixed (each costs a bind).</summary>
    public const int MaxShapeProblems = 50;

    private static JsonTypeInfo<RuleSetDto> Root => RuleSetJsonContext.Default.RuleSetDto;

    /// <summary>The document, possibly with rules set aside (null), or null when nothing more can be checked.</summary>
    public static RuleSetDto? Bind(string json, List<RuleSetProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (!RuleSetText.Check(json, problems))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, Root);
        }
        catch (JsonException)
        {
            // Misshapen: bind an editable copy again and again, naming and taking out one problem each time.
        }

        var document = JsonNode.Parse(json)!.AsObject();
        var named = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < MaxShapeProblems; i++)
        {
            try
            {
                return document.Deserialize(Root);
            }
            catch (JsonException e)
            {
                if (!TakeOut(document, e, named, problems))
                {
                    return null;
                }
            }
        }

        problems.Add(new("$", $"More than {MaxShapeProblems} problems of shape; fix these first."));
        return null;
    }

    /// <summary>
    /// Names the problem System.Text.Json stopped at (unless <paramref name="named"/> already has its path) and takes
    /// it out of the document; false when binding cannot go on.
    /// </summary>
    private static bool TakeOut(JsonObject document, JsonException error, HashSet<string> named, List<RuleSetProblem> problems)
    {
        var path = error.Path ?? "$";
        var slot = Slots(document).FirstOrDefault(s => s.Matches(path));
        if (slot is null)
        {
            problems.Add(new(path, $"Could not be read: {error.Message}"));
            return false;
        }

        void Name(string at, string message)
        {
            if (named.Add(at))
            {
                problems.Add(new(at, message));
            }
        }

        if (slot.Name is not null && slot.Member is null && slot.Owner.Kind == JsonTypeInfoKind.Object)
        {
            Name(path, $"Unknown property. Expected one of: {string.Join(", ", slot.Owner.Properties.Select(p => p.Name))}.");
            ((JsonObject)slot.Parent!).Remove(slot.Name);
            return true;
        }

        var missing = slot.Node is JsonObject present && slot.Expected?.Kind == JsonTypeInfoKind.Object
            ? [.. slot.Expected.Properties.Where(p => p.IsRequired && !present.ContainsKey(p.Name))]
            : new List<JsonPropertyInfo>();
        if (missing.Count > 0)
        {
            // Also where a misshapen required member was taken out on an earlier pass: named once.
            missing.ForEach(member => Name($"{path}.{member.Name}", $"Required: {What(member.PropertyType)}."));
        }
        else
        {
            Name(path, Misshapen(slot.Expected?.Type));
        }

        // Inside a condition or ramp, a rule or step that is not an object, or one missing a required field: the whole
        // rule (or step) waits.
        if (slot.Item is { } item && (slot.Owner.Type != item.Type || missing.Count > 0))
        {
            document[item.Array]!.AsArray()[item.Index] = null;
            return true;
        }

        // A field of a rule, a step or the root: take it out. If it was required, the next pass finds it missing (named
        // once already) and sets the rule aside, or ends binding at the root.
        if (missing.Count == 0 && slot.Parent is JsonObject parent && slot.Name is not null)
        {
            parent.Remove(slot.Name);
            return true;
        }

        return false;
    }

    /// <summary>What a member of this type must be, for "Required: …".</summary>
    private static string What(Type type) => type switch
    {
        _ when type == typeof(int) => "a whole number",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(string) => "a non-empty string",
        _ when type == typeof(ConditionDto) => "the condition under which the rule fires",
        _ when type == typeof(IReadOnlyList<RuleDto?>) => "an array of rules",
        _ when type == typeof(IReadOnlyList<StepDto?>) => "an array of plan steps",
        _ when type == typeof(IReadOnlyList<string>) => "an array of names",
        _ when type == typeof(RampDto) => "a ramp: {\"measure\", \"from\", \"to\"}",
        _ when type == typeof(JsonElement) => "a number or {\"param\": name} or {\"measure\": name}",
        _ when type == typeof(IReadOnlyDictionary<string, JsonElement>) => "an object of named thresholds",
        _ => "a value",
    };

    /// <summary>The problem with a value of the wrong JSON type (or null) where this type is expected.</summary>
    private static string Misshapen(Type? type) => type switch
    {
        _ when type == typeof(RuleDto) => "A rule must be an object.",
        _ when type == typeof(StepDto) => "A step must be an object.",
        _ when type == typeof(RampDto) => "A ramp must be an object: {\"measure\", \"from\", \"to\"}.",
        _ when type == typeof(IReadOnlyList<StepDto?>) => "An array of plan steps is required.",
        _ when type == typeof(IReadOnlyList<string>) => "Must be an array of names.",
        _ when type == typeof(ConditionDto) => "A condition must be an object.",
        _ when type == typeof(IReadOnlyList<RuleDto?>) => "An array of rules is required.",
        _ when type == typeof(IReadOnlyList<ConditionDto>) => "Must be a non-empty array of conditions.",
        _ when type == typeof(IReadOnlyList<JsonElement>) => "Must be an array of values.",
        _ when type == typeof(IReadOnlyDictionary<string, JsonElement>) => "An object of named thresholds is required.",
        null => "Has the wrong type.",
        _ => $"Must be {What(type)}.",
    };

    /// <summary>
    /// Every place in the document, with the type the DTOs expect there: the root, then each property and array
    /// element in document order. Places inside free JSON values (parameters, operands) cannot be misshapen.
    /// </summary>
    private static IEnumerable<Slot> Slots(JsonObject document)
    {
        var root = Root;
        return Children(document, "$", root, item: null).Prepend(new Slot("$", Exact: true, null, null, document, root, root, null, null));
    }

    private static IEnumerable<Slot> Children(JsonNode node, string path, JsonTypeInfo info, Item? item)
    {
        if (node is JsonObject obj && info.Kind is JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary)
        {
            foreach (var (name, child) in obj.ToList())
            {
                var member = info.Kind == JsonTypeInfoKind.Object ? info.Properties.FirstOrDefault(p => p.Name == name) : null;
                var type = info.Kind == JsonTypeInfoKind.Object ? member?.PropertyType : info.ElementType;
                var expected = type is null ? null : RuleSetJsonContext.Default.GetTypeInfo(type);
                if (child is null)
                {
                    yield return new Slot(path, Exact: false, obj, name, null, info, expected, member, item);
                    continue;
                }

                var childPath = child.GetPath();
                yield return new Slot(childPath, Exact: true, obj, name, child, info, expected, member, item);
                foreach (var slot in Descend(child, childPath, expected, item))
                {
                    yield return slot;
                }
            }
        }
        else if (node is JsonArray array && info.Kind == JsonTypeInfoKind.Enumerable)
        {
            var expected = RuleSetJsonContext.Default.GetTypeInfo(info.ElementType!);
            var items = info.Type == typeof(IReadOnlyList<RuleDto?>) ? ("rules", typeof(RuleDto))
                : info.Type == typeof(IReadOnlyList<StepDto?>) ? ("steps", typeof(StepDto))
                : ((string, Type)?)null;
            for (var i = 0; i < array.Count; i++)
            {
                var child = array[i];
                var childItem = items is var (name, type) ? new Item(name, i, type) : item;
                var childPath = $"{path}[{i}]";
                yield return new Slot(childPath, Exact: true, array, null, child, info, expected, null, childItem);
                foreach (var slot in Descend(child, childPath, expected, childItem))
                {
                    yield return slot;
                }
            }
        }
    }

    private static IEnumerable<Slot> Descend(JsonNode? child, string path, JsonTypeInfo? expected, Item? item) =>
        child is null || expected is null ? [] : Children(child, path, expected, item);

    /// <summary>A rule or a plan step: the element of <c>rules</c> or <c>steps</c> a place belongs to, and its DTO type.</summary>
    private sealed record Item(string Array, int Index, Type Type);

    /// <summary>
    /// One property or array element (or the root), where the DTOs expect <c>Expected</c>. <c>Path</c> is the node's
    /// path, or for a null property (which has no node to ask) its parent's, then <c>Exact</c> is false. <c>Owner</c>
    /// is the type holding the place (an object, dictionary or list); <c>Member</c> the DTO property it binds to (null
    /// for an unknown property or an element); <c>Item</c> the rule or step it belongs to, if any.
    /// </summary>
    private sealed record Slot(
        string Path, bool Exact, JsonNode? Parent, string? Name, JsonNode? Node, JsonTypeInfo Owner, JsonTypeInfo? Expected, JsonPropertyInfo? Member, Item? Item)
    {
        /// <summary>System.Text.Json writes paths as JsonNode does (<c>$.a.b[2]</c>, <c>$['odd name']</c>); a null property is tried both ways.</summary>
        public bool Matches(string path) => Exact ? Path == path : path == $"{Path}.{Name}" || path == $"{Path}['{Name}']";
    }
}
