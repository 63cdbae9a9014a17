namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>The six verdicts of the spec. Their snake_case names are the API codes.</summary>
public enum Verdict
{
    FineTune,
    Pilot,
    Rag,
    RagAndFineTune,
    PromptEngineering,
    NotReady,
}

/// <summary>How a verdict reads to a product manager: a headline they can repeat in a meeting, and what it means.</summary>
public sealed record VerdictText(Verdict Verdict, string Code, string Headline, string Meaning);

public static class Verdicts
{
    public static IReadOnlyList<VerdictText> All { get; } =
    [
        new(Verdict.FineTune, "fine_tune", "Fine-tune for production",
            "The case is strong: you have the need, the data and the team. Fine-tune, measure against your evaluation set, and plan for upkeep."),
        new(Verdict.Pilot, "pilot", "Run a fine-tuning pilot first",
            "Fine-tuning looks promising, but something still has to be proven. Run a pilot with about 1,000 examples and an evaluation set before committing."),
        new(Verdict.Rag, "rag", "Use retrieval instead of fine-tuning",
            "The gap is knowledge, or the information changes too fast for a trained model to keep up. Retrieval-augmented generation fits better."),
        new(Verdict.RagAndFineTune, "rag_and_fine_tune", "Combine retrieval and fine-tuning",
            "Use retrieval for fresh knowledge and fine-tuning for behaviour and format: each does the part it is good at."),
        new(Verdict.PromptEngineering, "prompt_engineering", "Prompt engineering is enough",
            "A strong base model with good prompts does the job, or the case for fine-tuning is too weak to pay for itself."),
        new(Verdict.NotReady, "not_ready", "Not ready to fine-tune yet",
            "A blocker must be removed first: too little data, no rights to the data, or unmitigated bias or compliance risk."),
    ];

    public static VerdictText Of(Verdict verdict) => All[(int)verdict];

    public static string Code(this Verdict verdict) => Of(verdict).Code;

    public static Verdict? FromCode(string? code) => All.FirstOrDefault(v => v.Code == code)?.Verdict;
}
