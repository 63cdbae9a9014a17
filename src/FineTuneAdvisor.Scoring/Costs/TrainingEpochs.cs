namespace FineTuneAdvisor.Scoring.Costs;

/// <summary>
/// How many epochs a fine-tuning job runs when none is given: the rule of OpenAI's data-preparation notebook
/// (openai-cookbook, Chat_finetuning_data_prep.ipynb), which mirrors the platform's default. It aims at 3 epochs,
/// but a small file is repeated until about 100 examples have been seen, and a large one is seen until about
/// 25,000 examples, within 1 to 25 epochs. The data analyser and the cost model both use it.
/// </summary>
public static class TrainingEpochs
{
    public const int Target = 3;
    public const int MinTargetExamples = 100;
    public const int MaxTargetExamples = 25_000;
    public const int MinDefault = 1;
    public const int MaxDefault = 25;

    /// <summary>The default epochs for a file of <paramref name="examples"/> examples; 0 when there is nothing to train on.</summary>
    public static int ForExamples(long examples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(examples);
        if (examples == 0)
        {
            return 0;
        }

        if (examples * Target < MinTargetExamples)
        {
            return (int)Math.Min(MaxDefault, MinTargetExamples / examples);
        }

        if (examples * Target > MaxTargetExamples)
        {
            return (int)Math.Max(MinDefault, MaxTargetExamples / examples);
        }

        return Target;
    }

    /// <summary>
    /// Tokens billed for one example in one epoch: an example over the model's training limit is truncated
    /// to it (the platform cuts tokens from the end), so it never bills more than the limit.
    /// </summary>
    public static long BilledTokens(long exampleTokens, long limitPerExample)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exampleTokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitPerExample);
        return Math.Min(exampleTokens, limitPerExample);
    }
}
