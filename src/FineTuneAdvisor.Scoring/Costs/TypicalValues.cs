namespace FineTuneAdvisor.Scoring.Costs;

/// <summary>
/// What stands in for a cost answer not given (<see cref="CostAnswers.Read"/>): the provider catalogue's
/// <c>"typical"</c> block with each value it leaves out taken from <see cref="Defaults"/>. Checked by
/// <see cref="CatalogueValidator"/> before it is compiled, so every value is within its bounds.
/// </summary>
public sealed record TypicalValues
{
    /// <summary>
    /// The reference's worked example (gpt-4o-mini: a 2,000-token prompt cut to 100, 100 user tokens, 200 output
    /// tokens, 1,000 examples of 500 tokens) and the middle of each request-volume band, roughly. A catalogue without
    /// the block, or without one of its members, uses these.
    /// </summary>
    public static TypicalValues Defaults { get; } = new()
    {
        LowRequestsPerMonth = 10_000,
        MediumRequestsPerMonth = 100_000,
        HighRequestsPerMonth = 1_000_000,
        PromptTokens = 2_000,
        PromptAfterFineTuningDivisor = 20,
        UserTokens = 100,
        OutputTokens = 200,
        CachedPromptPercent = 0,
        TokensPerExample = 500,
        PilotExamples = 1_000,
        HorizonMonths = 12,
    };

    public required long LowRequestsPerMonth { get; init; }

    public required long MediumRequestsPerMonth { get; init; }

    public required long HighRequestsPerMonth { get; init; }

    public required long PromptTokens { get; init; }

    public required int PromptAfterFineTuningDivisor { get; init; }

    public required long UserTokens { get; init; }

    public required long OutputTokens { get; init; }

    public required int CachedPromptPercent { get; init; }

    public required long TokensPerExample { get; init; }

    public required long PilotExamples { get; init; }

    public required int HorizonMonths { get; init; }

    /// <summary>The typical requests a month of a <c>request_volume</c> answer; medium when there is none.</summary>
    public long RequestsFor(string? level) => level switch
    {
        "low" => LowRequestsPerMonth,
        "high" => HighRequestsPerMonth,
        _ => MediumRequestsPerMonth,
    };

    /// <summary>The block's values, each one left out (or the whole block) taken from <see cref="Defaults"/>.</summary>
    public static TypicalValues From(TypicalValuesDocument? document)
    {
        var d = Defaults;
        if (document is null)
        {
            return d;
        }

        var requests = document.RequestsPerMonth;
        return new TypicalValues
        {
            LowRequestsPerMonth = requests?.Low ?? d.LowRequestsPerMonth,
            MediumRequestsPerMonth = requests?.Medium ?? d.MediumRequestsPerMonth,
            HighRequestsPerMonth = requests?.High ?? d.HighRequestsPerMonth,
            PromptTokens = document.PromptTokens ?? d.PromptTokens,
            PromptAfterFineTuningDivisor = document.PromptAfterFineTuningDivisor ?? d.PromptAfterFineTuningDivisor,
            UserTokens = document.UserTokens ?? d.UserTokens,
            OutputTokens = document.OutputTokens ?? d.OutputTokens,
            CachedPromptPercent = document.CachedPromptPercent ?? d.CachedPromptPercent,
            TokensPerExample = document.TokensPerExample ?? d.TokensPerExample,
            PilotExamples = document.PilotExamples ?? d.PilotExamples,
            HorizonMonths = document.HorizonMonths ?? d.HorizonMonths,
        };
    }

    /// <summary>Every value written out: what the editor saves and what the diff compares (absent and default read the same).</summary>
    public TypicalValuesDocument ToDocument() => new()
    {
        RequestsPerMonth = new TypicalRequestsDocument { Low = LowRequestsPerMonth, Medium = MediumRequestsPerMonth, High = HighRequestsPerMonth },
        PromptTokens = PromptTokens,
        PromptAfterFineTuningDivisor = PromptAfterFineTuningDivisor,
        UserTokens = UserTokens,
        OutputTokens = OutputTokens,
        CachedPromptPercent = CachedPromptPercent,
        TokensPerExample = TokensPerExample,
        PilotExamples = PilotExamples,
        HorizonMonths = HorizonMonths,
    };
}
