using System.Text.Json;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>One example after parsing: its messages when valid, its format errors otherwise.</summary>
public sealed class ParsedExample
{
    private readonly int[] _errors = new int[FormatErrors.All.Count];

    public List<ChatMessage> Messages { get; } = [];

    public bool IsValid { get; private set; } = true;

    /// <summary>How often each error occurred in this example (message-level errors count once per message, as in the notebook).</summary>
    public ReadOnlySpan<int> ErrorCounts => _errors;

    public void AddError(FormatError error)
    {
        _errors[(int)error]++;
        IsValid = false;
    }

    public void Reset()
    {
        Messages.Clear();
        Array.Clear(_errors);
        IsValid = true;
    }
}

/// <summary>
/// Applies the notebook's format checks to one JSONL line. The checks follow the notebook's code, including its
/// Python truthiness (<c>not content</c> is true for a missing, null, empty or zero value); where the notebook
/// would crash (a message that is not an object, a messages value that is not a list), the example is counted
/// under the error that says what is missing.
/// </summary>
public static class ExampleParser
{
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    public static void ParseJsonLine(ReadOnlyMemory<byte> line, long lineNumber, DatasetFormat format, ParsedExample into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Reset();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, Options);
        }
        catch (JsonException)
        {
            if (NestingDepth(line.Span) > MaxDepth)
            {
                throw new DatasetInputException(lineNumber,
                    $"Line {lineNumber} nests JSON more than {MaxDepth} levels deep. A training example needs two or three levels.");
            }

            into.AddError(FormatError.InvalidJson);
            return;
        }

        using (document)
        {
            try
            {
                if (format == DatasetFormat.PromptCompletionJsonl)
                {
                    ParsePromptCompletion(document.RootElement, into);
                }
                else
                {
                    ParseChat(document.RootElement, into);
                }
            }
            catch (InvalidOperationException)
            {
                // A string escaping half a surrogate pair ("\ud800") parses but is no text.
                into.Reset();
                into.AddError(FormatError.InvalidJson);
            }
        }
    }

    public static void ParseChat(JsonElement example, ParsedExample into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (example.ValueKind != JsonValueKind.Object)
        {
            into.AddError(FormatError.DataType);
            return;
        }

        if (!example.TryGetProperty("messages", out var messages) || !IsTruthy(messages) || messages.ValueKind != JsonValueKind.Array)
        {
            into.AddError(FormatError.MissingMessagesList);
            return;
        }

        ParseMessages(messages, into);
        if (!HasAssistant(messages))
        {
            into.AddError(FormatError.ExampleMissingAssistantMessage);
        }
    }

    /// <summary>
    /// Prompt/completion data becomes a user message and an assistant message. Either side may also be a list of
    /// messages (the conversational form of Hugging Face TRL), checked like chat messages.
    /// </summary>
    public static void ParsePromptCompletion(JsonElement example, ParsedExample into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (example.ValueKind != JsonValueKind.Object)
        {
            into.AddError(FormatError.DataType);
            return;
        }

        var hasAssistant = false;
        if (!example.TryGetProperty("prompt", out var prompt) || !IsTruthy(prompt))
        {
            into.AddError(FormatError.MissingPrompt);
        }
        else if (prompt.ValueKind == JsonValueKind.String)
        {
            into.Messages.Add(new ChatMessage(ChatRoles.User, prompt.GetString()!));
        }
        else if (prompt.ValueKind == JsonValueKind.Array)
        {
            ParseMessages(prompt, into);
        }
        else
        {
            into.AddError(FormatError.MissingPrompt);
        }

        if (!example.TryGetProperty("completion", out var completion) || !IsTruthy(completion))
        {
            into.AddError(FormatError.MissingCompletion);
            return;
        }

        if (completion.ValueKind == JsonValueKind.String)
        {
            into.Messages.Add(new ChatMessage(ChatRoles.Assistant, completion.GetString()!));
            hasAssistant = true;
        }
        else if (completion.ValueKind == JsonValueKind.Array)
        {
            ParseMessages(completion, into);
            hasAssistant = HasAssistant(completion);
        }
        else
        {
            into.AddError(FormatError.MissingCompletion);
            return;
        }

        if (!hasAssistant)
        {
            into.AddError(FormatError.ExampleMissingAssistantMessage);
        }
    }

    private static void ParseMessages(JsonElement messages, ParsedExample into)
    {
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
            {
                // What an empty message gets: nothing to read a role or content from.
                into.AddError(FormatError.MessageMissingKey);
                into.AddError(FormatError.UnrecognizedRole);
                into.AddError(FormatError.MissingContent);
                continue;
            }

            JsonElement role = default, content = default, name = default, functionCall = default;
            bool hasRole = false, hasContent = false, unknownKey = false;
            foreach (var property in message.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "role": role = property.Value; hasRole = true; break;
                    case "content": content = property.Value; hasContent = true; break;
                    case "name": name = property.Value; break;
                    case "function_call": functionCall = property.Value; break;
                    case "weight": break;
                    default: unknownKey = true; break;
                }
            }

            var validSoFar = into.IsValid;
            if (!hasRole || !hasContent)
            {
                into.AddError(FormatError.MessageMissingKey);
            }

            if (unknownKey)
            {
                into.AddError(FormatError.MessageUnrecognizedKey);
            }

            var roleText = hasRole && role.ValueKind == JsonValueKind.String ? role.GetString() : null;
            if (roleText is null || !ChatRoles.IsKnown(roleText))
            {
                into.AddError(FormatError.UnrecognizedRole);
            }

            var hasFunctionCall = functionCall.ValueKind != JsonValueKind.Undefined && IsTruthy(functionCall);
            var contentIsText = hasContent && content.ValueKind == JsonValueKind.String;
            if ((!(hasContent && IsTruthy(content)) && !hasFunctionCall) || !contentIsText)
            {
                into.AddError(FormatError.MissingContent);
            }

            if (validSoFar && into.IsValid)
            {
                into.Messages.Add(new ChatMessage(
                    roleText!,
                    content.GetString()!,
                    name.ValueKind == JsonValueKind.String ? name.GetString() : null,
                    hasFunctionCall ? functionCall.GetRawText() : null));
            }
        }
    }

    private static bool HasAssistant(JsonElement messages)
    {
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var role)
                && role.ValueKind == JsonValueKind.String && role.ValueEquals(ChatRoles.Assistant))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Python's truthiness, which the notebook's <c>not x</c> checks rely on.</summary>
    public static bool IsTruthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.False => false,
        JsonValueKind.String => value.GetString()!.Length > 0,
        JsonValueKind.Number => value.GetDouble() != 0,
        JsonValueKind.Array => value.GetArrayLength() > 0,
        JsonValueKind.Object => value.EnumerateObject().Any(),
        _ => true,
    };

    /// <summary>How deeply a line nests objects and arrays (strings skipped): tells "too deep" from "broken".</summary>
    public static int NestingDepth(ReadOnlySpan<byte> json)
    {
        int depth = 0, max = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }

                continue;
            }

            switch (b)
            {
                case (byte)'"': inString = true; break;
                case (byte)'{' or (byte)'[': max = Math.Max(max, ++depth); break;
                case (byte)'}' or (byte)']': depth--; break;
            }
        }

        return max;
    }
}
