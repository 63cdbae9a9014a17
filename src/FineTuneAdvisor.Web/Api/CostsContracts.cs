using FineTuneAdvisor.Scoring.Costs;

namespace FineTuneAdvisor.Web.Api;

/// <summary>
/// <c>POST /api/costs/estimate</c>. Token counts are per call. Give <see cref="TokensPerExample"/> or
/// <see cref="TrainingTokens"/> (one pass over the training file), not both; <see cref="Epochs"/> defaults to the
/// notebook's rule; <see cref="Hosting"/> (a <c>model_hosting</c> answer) chooses the alternatives, default undecided.
/// </summary>
public sealed record CostEstimateRequest(
    string Model,
    long RequestsPerMonth,
    long PromptTokens,
    long PromptTokensAfterFineTuning,
    long UserTokens,
    long OutputTokens,
    decimal CachedShare,
    long TrainingExamples,
    long? TokensPerExample,
    long? TrainingTokens,
    int? Epochs,
    int TrainingRuns,
    int RetrainsPerYear,
    int HorizonMonths,
    string? Hosting);

/// <summary>
/// The estimate. Amounts in US dollars: per call to 8 places, other amounts to 4. <see cref="BreakEvenCalls"/> and
/// <see cref="BreakEvenMonths"/> are null when fine-tuning never pays for itself.
/// </summary>
public sealed record CostEstimateResponse(
    CostModelDto Model,
    PerCallDto PerCall,
    PerCallDetailDto PerCallDetail,
    TrainingDto Training,
    long? BreakEvenCalls,
    decimal? BreakEvenMonths,
    bool PaysBackWithinHorizon,
    HorizonDto Horizon,
    TotalsDto Totals,
    RangeDto Range,
    AvailabilityDto Availability,
    PricesDto Prices,
    IReadOnlyList<string> Assumptions,
    IReadOnlyList<TimelinePointDto> Timeline)
{
    public static CostEstimateResponse From(CostEstimate estimate, AvailabilityResult availability, ProviderCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(availability);
        ArgumentNullException.ThrowIfNull(catalogue);
        var model = estimate.Model;
        var training = estimate.Training;
        return new(
            CostModelDto.From(model),
            new PerCallDto(CostRounding.PerCall(estimate.Prompting.Total), CostRounding.PerCall(estimate.FineTuned.Total)),
            new PerCallDetailDto(CallDto.From(estimate.Prompting), CallDto.From(estimate.FineTuned)),
            new TrainingDto(
                training.Epochs,
                training.EpochsByRule,
                training.TokensPerEpoch,
                training.BilledTokens,
                training.Truncated,
                CostRounding.Amount(training.PricePerMillion),
                CostRounding.Amount(training.PerRun),
                training.Runs,
                CostRounding.Amount(training.Initial),
                training.RetrainsPerYear,
                CostRounding.Amount(training.RetrainingPerYear)),
            estimate.BreakEven.Calls,
            CostRounding.Months(estimate.BreakEven.Months),
            estimate.PaysBackWithinHorizon,
            new HorizonDto(estimate.Horizon.RequestedMonths, CostRounding.Months(estimate.Horizon.Months)!.Value, estimate.Horizon.CutAtShutdown, estimate.Horizon.ShutdownOn),
            new TotalsDto(CostRounding.Amount(estimate.PromptingTotal), CostRounding.Amount(estimate.FineTunedTotal), CostRounding.Amount(estimate.PromptingTotal - estimate.FineTunedTotal)),
            new RangeDto(ScenarioDto.From(estimate.Range.Low), ScenarioDto.From(estimate.Range.Base), ScenarioDto.From(estimate.Range.High)),
            AvailabilityDto.From(availability),
            PricesDto.From(model, catalogue),
            estimate.Assumptions,
            [.. estimate.Timeline.Select(p => new TimelinePointDto(CostRounding.Months(p.Month)!.Value, CostRounding.Amount(p.Prompting), CostRounding.Amount(p.FineTuned)))]);
    }

}

/// <summary>How the API rounds: per-call amounts to 8 places (a hundredth of a micro-dollar), other amounts to 4, months to 2.</summary>
internal static class CostRounding
{
    public static decimal PerCall(decimal amount) => Trim(decimal.Round(amount, 8, MidpointRounding.AwayFromZero));

    public static decimal Amount(decimal amount) => Trim(decimal.Round(amount, 4, MidpointRounding.AwayFromZero));

    public static decimal? Months(decimal? months) => months is { } m ? Trim(decimal.Round(m, 2, MidpointRounding.AwayFromZero)) : null;

    /// <summary>0.000300 → 0.0003: the same value without trailing zeros, so the JSON reads cleanly.</summary>
    private static decimal Trim(decimal value) => value / 1.000000000000000000000000000000000m;
}

public sealed record CostModelDto(string Id, string Name, string Provider, string Deployment, bool OpenWeights)
{
    public static CostModelDto From(CatalogueModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(model.Id, model.Name, model.Provider.Name, CatalogueValidator.DeploymentText(model.Deployment), model.OpenWeights);
    }
}

/// <summary>One call on each path, all in: the contract's <c>perCall</c>.</summary>
public sealed record PerCallDto(decimal Prompting, decimal FineTuned);

public sealed record PerCallDetailDto(CallDto Prompting, CallDto FineTuned);

/// <summary>What a call pays for: the prompt prefix, the user's input, the output, and its share of hosting.</summary>
public sealed record CallDto(decimal Prompt, decimal User, decimal Output, decimal Hosting, decimal CachedPromptTokens, decimal Total)
{
    public static CallDto From(CallCost call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new(
            CostRounding.PerCall(call.Prompt),
            CostRounding.PerCall(call.User),
            CostRounding.PerCall(call.Output),
            CostRounding.PerCall(call.Hosting),
            CostRounding.Amount(call.CachedPromptTokens),
            CostRounding.PerCall(call.Total));
    }
}

/// <summary><see cref="Cost"/>: the one-off training before the model ships (runs × billed tokens × price).</summary>
public sealed record TrainingDto(
    int Epochs,
    bool EpochsByRule,
    long TokensPerEpoch,
    long BilledTokens,
    bool Truncated,
    decimal PricePerMillionTokens,
    decimal CostPerRun,
    int Runs,
    decimal Cost,
    int RetrainsPerYear,
    decimal RetrainingPerYear);

public sealed record HorizonDto(int RequestedMonths, decimal Months, bool CutAtShutdown, DateOnly? Shutdown);

/// <summary>Each path's cost over the horizon; <see cref="Saving"/> is prompting minus fine-tuning (negative: fine-tuning costs more).</summary>
public sealed record TotalsDto(decimal Prompting, decimal FineTuned, decimal Saving);

/// <summary>Low: fine-tuning goes better than planned; high: worse. See docs/scoring.md ("Costs").</summary>
public sealed record RangeDto(ScenarioDto Low, ScenarioDto Base, ScenarioDto High);

public sealed record ScenarioDto(
    long PromptTokensAfterFineTuning,
    int TrainingRuns,
    decimal ThroughputFactor,
    decimal FineTunedPerCall,
    decimal TrainingCost,
    long? BreakEvenCalls,
    decimal? BreakEvenMonths,
    decimal PromptingTotal,
    decimal FineTunedTotal)
{
    public static ScenarioDto From(CostScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new(
            scenario.PromptTokensAfterFineTuning,
            scenario.TrainingRuns,
            scenario.ThroughputFactor,
            CostRounding.PerCall(scenario.FineTunedPerCall),
            CostRounding.Amount(scenario.TrainingCost),
            scenario.BreakEven.Calls,
            CostRounding.Months(scenario.BreakEven.Months),
            CostRounding.Amount(scenario.PromptingTotal),
            CostRounding.Amount(scenario.FineTunedTotal));
    }
}

/// <summary><see cref="Status"/>: <c>active</c>, <c>no_new_jobs</c> or <c>shut_down</c>, on the server's UTC date.</summary>
public sealed record AvailabilityDto(
    string Status,
    DateOnly Today,
    bool CanTrainToday,
    bool CanServeToday,
    DateOnly? NewJobsUntil,
    DateOnly? Shutdown,
    int? DaysLeftToTrain,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<AlternativeDto> Alternatives)
{
    public static AvailabilityDto From(AvailabilityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(
            result.State switch
            {
                ModelState.ShutDown => "shut_down",
                ModelState.NoNewJobs => "no_new_jobs",
                _ => "active",
            },
            result.Today,
            result.CanTrainToday,
            result.CanServeToday,
            result.NewJobsUntil,
            result.ShutdownOn,
            result.DaysLeftToTrain,
            result.Warnings,
            [.. result.Alternatives.Select(AlternativeDto.From)]);
    }
}

public sealed record AlternativeDto(
    string Id, string Name, string Provider, string Deployment, bool OpenWeights, DateOnly? NewJobsUntil, DateOnly? Shutdown, decimal TrainingPerMillionTokens)
{
    public static AlternativeDto From(CatalogueModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(
            model.Id, model.Name, model.Provider.Name, CatalogueValidator.DeploymentText(model.Deployment), model.OpenWeights,
            model.Status.NewJobsUntil, model.Status.ShutdownOn, CostRounding.Amount(model.Training.PerMillion()));
    }
}

/// <summary>
/// <see cref="CheckedOn"/>: the oldest check among the model's figures; <see cref="Source"/>: where its fine-tuned
/// prices come from. <see cref="Sources"/> gives every figure's own source and date.
/// </summary>
public sealed record PricesDto(DateOnly CheckedOn, Uri Source, IReadOnlyList<PriceSourceDto> Sources, string? Note, int CatalogueVersion)
{
    public static PricesDto From(CatalogueModel model, ProviderCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(catalogue);
        var sources = new List<PriceSourceDto>
        {
            new("training", model.Training.Source.Url, model.Training.Source.CheckedOn),
            new("prompting", model.Prompting.Source.Url, model.Prompting.Source.CheckedOn),
            new("fineTuned", model.FineTuned.Source.Url, model.FineTuned.Source.CheckedOn),
        };
        if (model.Status.Source is { } status)
        {
            sources.Add(new("status", status.Url, status.CheckedOn));
        }

        return new(model.OldestCheck, model.FineTuned.Source.Url, sources, model.Note, catalogue.Version);
    }
}

public sealed record PriceSourceDto(string For, Uri Url, DateOnly CheckedOn);

public sealed record TimelinePointDto(decimal Month, decimal Prompting, decimal FineTuned);

/// <summary>
/// The <c>cost</c> block of an assessment's JSON (API and <c>export.json</c>), present when a cost question was
/// answered. <see cref="Availability"/> is about <see cref="AvailabilityModel"/> (the team's model; null: none chosen,
/// then its alternatives are every model that takes new jobs for the hosting answer); <see cref="Estimate"/> is made on
/// <see cref="Model"/>, which differs when the team's model takes no new jobs (<see cref="ModelNote"/> says why), and is
/// null when nothing fits. <see cref="Assumptions"/>: every value that was not the team's own, then the cost model's.
/// </summary>
public sealed record AssessmentCostDto(
    DateOnly EstimatedOn,
    int CatalogueVersion,
    string Hosting,
    string? ModelAnswer,
    string? AvailabilityModel,
    AvailabilityDto Availability,
    string? Model,
    string? ModelNote,
    string? Headline,
    IReadOnlyList<string> Assumptions,
    CostEstimateResponse? Estimate)
{
    public static AssessmentCostDto? From(Costs.AssessmentCost cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        if (!cost.Answered)
        {
            return null;
        }

        var assumptions = cost.VolumeNote is null ? cost.Assumptions : [cost.VolumeNote, .. cost.Assumptions];
        return new(
            cost.Today,
            cost.Catalogue.Version,
            cost.Hosting,
            cost.ModelAnswer,
            cost.Chosen?.Id,
            AvailabilityDto.From(cost.Availability),
            cost.Estimate?.Model.Id,
            cost.Choice.Note,
            cost.Headline,
            assumptions,
            cost.Estimate is { } estimate ? CostEstimateResponse.From(estimate, cost.Availability, cost.Catalogue) : null);
    }
}
