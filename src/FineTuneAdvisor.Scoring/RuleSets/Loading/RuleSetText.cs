using System.Text.Json;

namespace FineTuneAdvisor.Scoring.RuleSets.Loading;

/// <summary>
/// The checks before any binding: the text is JSON (no comments, no trailing commas, at most 64 levels deep), no
/// object repeats a property, the root is an object, and no string or name holds half a surrogate pair (JSON can
/// escape one, <c>"\ud800"</c>, but no .NET string can hold it).
/// </summary>
internal static class RuleSetText
{
    private static readonly JsonDocumentOptions Strict = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <summary>True when the text can be bound; otherwise false with the problems added.</summary>
    public static bool Check(string json, List<RuleSetProblem> problems)
    {
        JsonDocument document;
        var namesUnread = false;
        try
        {
            document = JsonDocument.Parse(json, Strict);
        }
        catch (JsonException e)
        {
            problems.Add(new("$", $"Not valid JSON: {e.Message}"));
            return false;
        }
        catch (ArgumentException)
        {
            // The .NET string itself holds a lone surrogate character, so it cannot even be read as UTF-8.
            problems.Add(new("$", "Not valid JSON: the text holds half of a surrogate pair, which is not a character."));
            return false;
        }
        catch (InvalidOperationException)
        {
            // The check for repeated properties reads every name, and one holds a lone surrogate escape: the
            // search below names it, after a parse that does not read names.
            document = JsonDocument.Parse(json, Strict with { AllowDuplicateProperties = true });
            namesUnread = true;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new("$", "The rule set must be a JSON object."));
                return false;
            }

            var before = problems.Count;
            FindLoneSurrogates(document.RootElement, "$", problems);
            if (namesUnread && problems.Count == before)
            {
                problems.Add(new("$", "Not valid JSON: a property name cannot be read."));
            }

            var readable = problems.Count == before;
            if (readable)
            {
                // Named here, where the number is still as typed, but binding goes on to find the rest.
                FindWeightsThatUnderflow(document.RootElement, problems);
            }

            return readable;
        }
    }

    private static void FindLoneSurrogates(JsonElement element, string path, List<RuleSetProblem> problems)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (TryRead(() => property.Name) is not { } name)
                    {
                        problems.Add(new(path, "A property name holds a lone surrogate escape such as \\ud800; no rule set text may."));
                        continue;
                    }

                    FindLoneSurrogates(property.Value, $"{path}.{name}", problems);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    FindLoneSurrogates(item, $"{path}[{index++}]", problems);
                }

                break;
            case JsonValueKind.String when TryRead(element.GetString) is null:
                problems.Add(new(path, "A string holds a lone surrogate escape such as \\ud800; no rule set text may."));
                break;
        }
    }

    /// <summary>A weight such as 1e-400 is not zero as typed but reads as 0: refused before it is stored as 0.</summary>
    private static void FindWeightsThatUnderflow(JsonElement root, List<RuleSetProblem> problems)
    {
        if (!root.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var index = 0;
        foreach (var rule in rules.EnumerateArray())
        {
            if (rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty("weight", out var weight) && weight.ValueKind == JsonValueKind.Number
                && weight.TryGetDouble(out var value) && value == 0 && WeightCheck.RoundsToZero(weight.GetRawText(), value))
            {
                problems.Add(new($"$.rules[{index}].weight", WeightCheck.Message(weight.GetRawText())));
            }

            index++;
        }
    }

    private static string? TryRead(Func<string?> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
