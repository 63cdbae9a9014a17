namespace FineTuneAdvisor.Web.Datasets;

/// <summary>
/// The upload is not a sample we can read (not JSONL or CSV, invalid UTF-8, binary, a line over the limit, deep
/// nesting). The message names the line and says what is wrong; it never quotes the content.
/// </summary>
public sealed class DatasetInputException(long line, string message) : Exception(message)
{
    /// <summary>The 1-based line the problem was found on.</summary>
    public long Line { get; } = line;
}

/// <summary>The upload is larger than <c>Datasets:MaxUploadBytes</c>.</summary>
public sealed class UploadTooLargeException(long limitBytes)
    : Exception($"The sample is over the {DatasetOptions.Describe(limitBytes)} limit. Upload a smaller sample: a few thousand examples are enough to measure it.")
{
    public long LimitBytes { get; } = limitBytes;
}
