namespace FineTuneAdvisor.Web.Datasets;

/// <summary>
/// The format errors of OpenAI's data-preparation notebook (openai-cookbook, Chat_finetuning_data_prep.ipynb),
/// with its names, plus four the notebook cannot meet because it only reads chat JSONL that parses.
/// </summary>
public enum FormatError
{
    /// <summary>The line is not a JSON object.</summary>
    DataType,

    /// <summary>No <c>messages</c> list, or an empty one.</summary>
    MissingMessagesList,

    /// <summary>A message without <c>role</c> or without <c>content</c> (counted per message).</summary>
    MessageMissingKey,

    /// <summary>A message key other than role, content, name, function_call, weight (per message).</summary>
    MessageUnrecognizedKey,

    /// <summary>A role other than system, user, assistant, function (per message).</summary>
    UnrecognizedRole,

    /// <summary>Content that is not a string, or empty content without a function_call (per message).</summary>
    MissingContent,

    /// <summary>No assistant message in the example: nothing to learn from.</summary>
    ExampleMissingAssistantMessage,

    /// <summary>The line is not valid JSON (the notebook stops at the first such line).</summary>
    InvalidJson,

    /// <summary>Prompt/completion data: no prompt, or an empty one.</summary>
    MissingPrompt,

    /// <summary>Prompt/completion data: no completion, or an empty one.</summary>
    MissingCompletion,
}

public static class FormatErrors
{
    public static readonly IReadOnlyList<FormatError> All = Enum.GetValues<FormatError>();

    /// <summary>The notebook's key for an error type: <c>message_missing_key</c>.</summary>
    public static string Key(this FormatError error) => error switch
    {
        FormatError.DataType => "data_type",
        FormatError.MissingMessagesList => "missing_messages_list",
        FormatError.MessageMissingKey => "message_missing_key",
        FormatError.MessageUnrecognizedKey => "message_unrecognized_key",
        FormatError.UnrecognizedRole => "unrecognized_role",
        FormatError.MissingContent => "missing_content",
        FormatError.ExampleMissingAssistantMessage => "example_missing_assistant_message",
        FormatError.InvalidJson => "invalid_json",
        FormatError.MissingPrompt => "missing_prompt",
        FormatError.MissingCompletion => "missing_completion",
        _ => throw new ArgumentOutOfRangeException(nameof(error)),
    };

    /// <summary>What the error means, in the report's words.</summary>
    public static string Describe(this FormatError error) => error switch
    {
        FormatError.DataType => "The line is not a JSON object.",
        FormatError.MissingMessagesList => "No \"messages\" list, or an empty one.",
        FormatError.MessageMissingKey => "A message without \"role\" or \"content\".",
        FormatError.MessageUnrecognizedKey => "A message key other than role, content, name, function_call or weight.",
        FormatError.UnrecognizedRole => "A role other than system, user, assistant or function.",
        FormatError.MissingContent => "Content that is not text, or empty content without a function_call.",
        FormatError.ExampleMissingAssistantMessage => "No assistant message: the example has no answer to learn from.",
        FormatError.InvalidJson => "The line is not valid JSON.",
        FormatError.MissingPrompt => "No prompt, or an empty one.",
        FormatError.MissingCompletion => "No completion, or an empty one.",
        _ => throw new ArgumentOutOfRangeException(nameof(error)),
    };
}
