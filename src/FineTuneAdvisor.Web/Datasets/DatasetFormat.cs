namespace FineTuneAdvisor.Web.Datasets;

/// <summary>The three sample formats the analyser reads, detected from the first line.</summary>
public enum DatasetFormat
{
    /// <summary>One JSON object a line with a "messages" list (OpenAI's chat fine-tuning format).</summary>
    ChatJsonl,

    /// <summary>One JSON object a line with "prompt" and "completion" (strings, or lists of messages).</summary>
    PromptCompletionJsonl,

    /// <summary>CSV with a header naming "prompt" and "completion" columns (and optionally "system").</summary>
    Csv,
}

public static class DatasetFormats
{
    /// <summary>The report's code: <c>chat_jsonl</c>, <c>prompt_completion_jsonl</c>, <c>csv</c>.</summary>
    public static string Code(this DatasetFormat format) => format switch
    {
        DatasetFormat.ChatJsonl => "chat_jsonl",
        DatasetFormat.PromptCompletionJsonl => "prompt_completion_jsonl",
        DatasetFormat.Csv => "csv",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string Describe(this DatasetFormat format) => format switch
    {
        DatasetFormat.ChatJsonl => "Chat JSONL: one {\"messages\": [...]} object a line",
        DatasetFormat.PromptCompletionJsonl => "Prompt/completion JSONL: one {\"prompt\", \"completion\"} object a line",
        DatasetFormat.Csv => "CSV with prompt and completion columns",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
