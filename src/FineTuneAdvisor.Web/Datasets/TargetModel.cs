namespace FineTuneAdvisor.Web.Datasets;

/// <summary>A model a sample is measured for: which tokenizer counts its tokens and how long one training example may be.</summary>
/// <remarks>
/// <para><c>Id</c>: Catalogue id, <c>provider:model</c>.</para>
/// <para><c>TrainingTokensPerExample</c>: Tokens one training example may hold; longer ones are truncated from the end.</para>
/// </remarks>
public sealed record TargetModel(string Id, string Label, string Encoding, int TrainingTokensPerExample, string Source);

/// <summary>
/// The models the analyser knows, with the token limits OpenAI's fine-tuning guide lists for them. Other
/// providers' tokenizers are not tiktoken; their counts would be estimates, so they are not offered here.
/// </summary>
public static class TargetModels
{
    public const string O200kBase = "o200k_base";
    public const string Cl100kBase = "cl100k_base";

    private const string Guide = "OpenAI fine-tuning guide, token limits table";

    public static readonly TargetModel Default = new("openai:gpt-4o-mini-2024-07-18", "GPT-4o mini (2024-07-18)", O200kBase, 65_536, Guide);

    public static readonly IReadOnlyList<TargetModel> All =
    [
        Default,
        new("openai:gpt-4o-2024-08-06", "GPT-4o (2024-08-06)", O200kBase, 65_536, Guide),
        new("openai:gpt-3.5-turbo-0125", "GPT-3.5 Turbo (0125)", Cl100kBase, 16_385, Guide),
        new("openai:gpt-3.5-turbo-0613", "GPT-3.5 Turbo (0613)", Cl100kBase, 4_096, Guide),
    ];

    public static IReadOnlyList<string> Encodings { get; } = [O200kBase, Cl100kBase];

    public static TargetModel? Find(string? id) =>
        string.IsNullOrWhiteSpace(id) ? Default : All.FirstOrDefault(m => string.Equals(m.Id, id.Trim(), StringComparison.OrdinalIgnoreCase));
}
