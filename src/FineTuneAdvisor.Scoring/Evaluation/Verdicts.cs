using FineTuneAdvisor.Scoring.Json;

namespace FineTuneAdvisor.Scoring.Evaluation;

public static class Verdicts
{
    public static IReadOnlyList<VerdictText> All { get; } =
    [
        new(Verdict.FineTune, "Fine-tune for production",
            "The case is strong: you have the need, the data and the team. Fine-tune, measure against your evaluation set, and plan for upkeep."),
        new(Verdict.Pilot, "Run a fine-tuning pilot first",
            "Fine-tuning looks promising, but something still has to be proven. Run a pilot with about 1,000 examples and an evaluation set before committing."),
        new(Verdict.Rag, "Use retrieval instead of fine-tuning",
            "The gap is knowledge, or the information changes too fast for a trained model to keep up. Retrieval-augmented generation fits better."),
        new(Verdict.RagAndFineTune, "Combine retrieval and fine-tuning",
            "Use retrieval for fresh knowledge and fine-tuning for behaviour and format: each does the part it is good at."),
        new(Verdict.PromptEngineering, "Prompt engineering is enough",
            "A strong base model with good prompts does the job, or the case for fine-tuning is too weak to pay for itself."),
        new(Verdict.NotReady, "Not ready to fine-tune yet",
            "A blocker must be removed first: too little data, no rights to the data, or unmitigated bias or compliance risk."),
    ];

    public static VerdictText Of(Verdict verdict) => All[(int)verdict];

    /// <summary>The API code, e.g. <c>rag_and_fine_tune</c>: what the database's Verdict column and the JSON hold.</summary>
    public static string Code(this Verdict verdict) => verdict.JsonName();

    /// <summary>The verdict of an API code, or null for anything else (codes are case-sensitive).</summary>
    public static Verdict? FromCode(string? code) => JsonEnumNames.TryParse<Verdict>(code, out var verdict) ? verdict : null;

    /// <summary>The stages a verdict can come with (docs/scoring.md, "The procedure").</summary>
    public static IReadOnlyList<FineTuneStage> StagesOf(Verdict verdict) => verdict switch
    {
        Verdict.FineTune => [FineTuneStage.Production],
        Verdict.Pilot => [FineTuneStage.Pilot],
        Verdict.RagAndFineTune => [FineTuneStage.Pilot, FineTuneStage.Production],
        Verdict.Rag => [FineTuneStage.None, FineTuneStage.Blocked],
        Verdict.NotReady => [FineTuneStage.Blocked],
        _ => [FineTuneStage.None],
    };

    /// <summary>
    /// The headline a product manager repeats in a meeting. The staged verdicts say their stage: retrieval now while
    /// fine-tuning waits on a blocker, or retrieval with a fine-tuning pilot. A stored result without a stage reads as
    /// its verdict's plain headline.
    /// </summary>
    public static string Headline(Verdict verdict, FineTuneStage? stage) => (verdict, stage) switch
    {
        (Verdict.Rag, FineTuneStage.Blocked) => "Use retrieval now; fine-tune once the blockers are removed",
        (Verdict.RagAndFineTune, FineTuneStage.Pilot) => "Combine retrieval with a fine-tuning pilot",
        _ => Of(verdict).Headline,
    };

    /// <summary>What a verdict means at its stage, in a sentence (the staged verdicts say what comes now and what later).</summary>
    public static string Meaning(Verdict verdict, FineTuneStage? stage) => (verdict, stage) switch
    {
        (Verdict.Rag, FineTuneStage.Blocked) =>
            "Retrieval supplies the knowledge now and needs none of your training data. Fine-tuning the behaviour part is worth it, but waits until the blockers below are removed.",
        (Verdict.RagAndFineTune, FineTuneStage.Pilot) =>
            "Use retrieval for fresh knowledge, and fine-tune for behaviour and format, starting with a pilot: prove it on about 1,000 examples and an evaluation set before committing.",
        _ => Of(verdict).Meaning,
    };

    /// <summary>
    /// The number a result leads with, and what it measures. A verdict that does not fine-tune now (retrieval or
    /// prompting instead, or fine-tuning blocked) leads with how strong the case for fine-tuning is: a low number
    /// supports a retrieval or prompting verdict, and a blocked one reads "the case is strong, but not yet", never a high
    /// readiness under "Not ready". Results stored before schema 2 lead with readiness.
    /// </summary>
    public static (string Label, int Score) HeadlineScore(AssessmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.CaseScore is { } caseScore && result.FineTuneStage is FineTuneStage.None or FineTuneStage.Blocked
            ? ("Case for fine-tuning", caseScore)
            : ("Readiness to fine-tune", result.ReadinessScore);
    }
}
