namespace FineTuneAdvisor.Scoring.Costs;

/// <summary>
/// Will fine-tuning pay for itself? Compares a call with today's long prompt on the base model against a call with
/// the short prompt on the fine-tuned model, and asks how many calls the saving needs to repay the training.
/// Pure: today's date is passed in. The formulas are in docs/scoring.md ("Costs").
/// </summary>
public static class CostModel
{
    /// <summary>Hours billed in a month by providers that charge by the hour (8,760 / 12).</summary>
    public const decimal HoursPerMonth = 730m;

    /// <summary>The average month (365.25 / 12 days), to turn the days until a shutdown into months.</summary>
    public const decimal DaysPerMonth = 30.4375m;

    /// <summary>A break-even further away than this (100 years) is reported as never: no horizon reaches it.</summary>
    public const decimal MaxBreakEvenMonths = 1_200m;

    private const decimal Million = 1_000_000m;

    public static CostEstimate Estimate(CostInputs inputs, CatalogueModel model, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(model);
        var problems = CostLimits.Check(inputs);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid cost inputs: " + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")), nameof(inputs));
        }

        var horizon = Horizon(inputs.HorizonMonths, model.Status.ShutdownOn, today);
        var prompting = Call(inputs.PromptTokens, inputs, model.Prompting, model.CacheMinimumTokens);
        var training = Training(inputs, model, inputs.TrainingRuns, throughputFactor: 1m);
        var fineTuned = Call(inputs.PromptTokensAfterFineTuning, inputs, model.FineTuned, model.CacheMinimumTokens);

        var after = inputs.PromptTokensAfterFineTuning;
        var range = new CostRange(
            Scenario("low", inputs, model, horizon, prompting, after / 2, inputs.TrainingRuns, 2m),
            Scenario("base", inputs, model, horizon, prompting, after, inputs.TrainingRuns, 1m),
            Scenario("high", inputs, model, horizon, prompting, Math.Min(after * 3 / 2, Math.Max(after, inputs.PromptTokens)), inputs.TrainingRuns * 2, 0.5m));

        return new CostEstimate
        {
            Model = model,
            Prompting = prompting,
            FineTuned = fineTuned,
            Training = training,
            Horizon = horizon,
            Range = range,
            Timeline = Timeline(prompting.Total, fineTuned.Total, training, inputs.RequestsPerMonth, horizon.Months),
            Assumptions = Assumptions(inputs, model, prompting, fineTuned, training, horizon, today),
        };
    }

    /// <summary>
    /// Prefix × (share cached × cached price + the rest × input price) + user tokens × input price + output tokens ×
    /// output price, per million; plus the hourly hosting fee spread over the month's calls. The cache only covers a
    /// prefix at least as long as the provider's minimum, and only where the price list has a cached price.
    /// </summary>
    public static CallCost Call(long prefixTokens, CostInputs inputs, InferencePrices prices, int? cacheMinimumTokens)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(prices);
        var cachedTokens = prices.CachedInputPerMillion is not null && prefixTokens >= (cacheMinimumTokens ?? 0)
            ? prefixTokens * inputs.CachedShare
            : 0m;
        var prompt = (cachedTokens * (prices.CachedInputPerMillion ?? 0m) + (prefixTokens - cachedTokens) * prices.InputPerMillion) / Million;
        return new CallCost(
            prompt,
            inputs.UserTokens * prices.InputPerMillion / Million,
            inputs.OutputTokens * prices.OutputPerMillion / Million,
            prices.HostingPerHour * HoursPerMonth / inputs.RequestsPerMonth)
        {
            CachedPromptTokens = cachedTokens,
        };
    }

    /// <summary>
    /// Epochs as given or by the notebook's rule; tokens per pass = examples × tokens per example (each cut to the
    /// model's training-example limit) or the file's total as given; billed = epochs × tokens per pass.
    /// </summary>
    public static TrainingCost Training(CostInputs inputs, CatalogueModel model, int runs, decimal throughputFactor)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(model);
        var epochs = inputs.Epochs ?? TrainingEpochs.ForExamples(inputs.TrainingExamples);
        long tokensPerEpoch;
        var truncated = false;
        if (inputs.TokensPerExample is { } perExample)
        {
            var limit = model.TrainingExampleTokenLimit ?? perExample;
            truncated = perExample > limit;
            tokensPerEpoch = inputs.TrainingExamples * TrainingEpochs.BilledTokens(perExample, Math.Max(1, limit));
        }
        else
        {
            tokensPerEpoch = inputs.TrainingTokens ?? 0;
        }

        var billed = epochs * tokensPerEpoch;
        var pricePerMillion = model.Training.PerMillion(throughputFactor);
        var perRun = billed * pricePerMillion / Million;
        return new TrainingCost
        {
            Epochs = epochs,
            EpochsByRule = inputs.Epochs is null,
            TokensPerEpoch = tokensPerEpoch,
            BilledTokens = billed,
            Truncated = truncated,
            PricePerMillion = pricePerMillion,
            PerRun = perRun,
            Runs = runs,
            Initial = runs * perRun,
            RetrainsPerYear = inputs.RetrainsPerYear,
        };
    }

    /// <summary>
    /// Monthly saving = (prompting − fine-tuned per call) × calls a month − retraining a month. Never when that is
    /// 0 or less, or when repaying the training would take more than <see cref="MaxBreakEvenMonths"/>; otherwise
    /// months = the initial training ÷ the monthly saving, and calls = months × calls a month.
    /// </summary>
    public static BreakEven BreakEvenOf(decimal promptingPerCall, decimal fineTunedPerCall, TrainingCost training, long requestsPerMonth)
    {
        ArgumentNullException.ThrowIfNull(training);
        var monthlySaving = (promptingPerCall - fineTunedPerCall) * requestsPerMonth - training.RetrainingPerMonth;
        // Compared before dividing: a saving of a fraction of a cent would overflow the quotient.
        if (monthlySaving <= 0m || training.Initial > monthlySaving * MaxBreakEvenMonths)
        {
            return BreakEven.Never;
        }

        var months = training.Initial / monthlySaving;
        return new BreakEven((long)decimal.Round(months * requestsPerMonth, MidpointRounding.AwayFromZero), months);
    }

    /// <summary>The requested months, cut at the shutdown: nothing can be saved on a model that no longer answers.</summary>
    public static CostHorizon Horizon(int requestedMonths, DateOnly? shutdownOn, DateOnly today)
    {
        decimal months = requestedMonths;
        if (shutdownOn is { } shutdown)
        {
            var untilShutdown = Math.Max(0, shutdown.DayNumber - today.DayNumber) / DaysPerMonth;
            months = Math.Min(months, untilShutdown);
        }

        return new CostHorizon(requestedMonths, months, shutdownOn);
    }

    private static CostScenario Scenario(
        string name, CostInputs inputs, CatalogueModel model, CostHorizon horizon, CallCost prompting,
        long promptAfter, int runs, decimal throughputFactor)
    {
        // Only GPU-hour training has a throughput to vary.
        var factor = model.Training.PerMillionTokens is null ? throughputFactor : 1m;
        var training = Training(inputs, model, runs, factor);
        var fineTuned = Call(promptAfter, inputs, model.FineTuned, model.CacheMinimumTokens).Total;
        return new CostScenario
        {
            Name = name,
            PromptTokensAfterFineTuning = promptAfter,
            TrainingRuns = runs,
            ThroughputFactor = factor,
            FineTunedPerCall = fineTuned,
            TrainingCost = training.Initial,
            BreakEven = BreakEvenOf(prompting.Total, fineTuned, training, inputs.RequestsPerMonth),
            PromptingTotal = prompting.Total * inputs.RequestsPerMonth * horizon.Months,
            FineTunedTotal = FineTunedAt(horizon.Months, fineTuned, training, inputs.RequestsPerMonth),
        };
    }

    private static decimal FineTunedAt(decimal months, decimal perCall, TrainingCost training, long requestsPerMonth) =>
        training.Initial + (perCall * requestsPerMonth + training.RetrainingPerMonth) * months;

    private static List<CostPoint> Timeline(decimal promptingPerCall, decimal fineTunedPerCall, TrainingCost training, long requestsPerMonth, decimal months)
    {
        var points = new List<CostPoint>();
        for (var month = 0; month <= months; month++)
        {
            points.Add(Point(month));
        }

        if (decimal.Truncate(months) != months)
        {
            points.Add(Point(months));
        }

        return points;

        CostPoint Point(decimal month) => new(
            month,
            promptingPerCall * requestsPerMonth * month,
            FineTunedAt(month, fineTunedPerCall, training, requestsPerMonth));
    }

    private static List<string> Assumptions(
        CostInputs inputs, CatalogueModel model, CallCost prompting, CallCost fineTuned, TrainingCost training, CostHorizon horizon, DateOnly today)
    {
        var notes = new List<string>();
        notes.Add(training.EpochsByRule
            ? $"Epochs: {training.Epochs}, the default OpenAI's data-preparation notebook gives a file of {CostText.Count(inputs.TrainingExamples)} examples (3; more passes over small files, fewer over large ones)."
            : $"Epochs: {training.Epochs}, as given.");

        if (training.Truncated)
        {
            notes.Add($"Examples of {CostText.Count(inputs.TokensPerExample!.Value)} tokens are over {model.Name}'s training limit of {CostText.Count(model.TrainingExampleTokenLimit!.Value)} tokens: they are cut to it (and billed for it), losing their ends.");
        }
        else if (inputs.TrainingTokens is not null)
        {
            notes.Add($"Training file: {CostText.Count(inputs.TrainingTokens.Value)} tokens a pass, as given (already truncated to the model's limit).");
        }

        if (model.Training.PerMillionTokens is null)
        {
            notes.Add($"Training on your GPU: {CostText.Money(model.Training.PerGpuHour!.Value)} an hour at {CostText.Count(model.Training.TokensPerSecond!.Value)} tokens a second, {CostText.Money(decimal.Round(training.PricePerMillion, 4))} per million tokens.");
        }

        if (training.Runs > 1)
        {
            notes.Add($"{training.Runs} training runs before the model ships, at {CostText.Money(decimal.Round(training.PerRun, 4))} each.");
        }

        if (inputs.CachedShare > 0m && inputs.PromptTokens > 0)
        {
            notes.Add(CacheNote("today's", inputs.PromptTokens, prompting, model, model.Prompting, inputs.CachedShare));
        }

        if (inputs.CachedShare > 0m && inputs.PromptTokensAfterFineTuning > 0)
        {
            notes.Add(CacheNote("the fine-tuned", inputs.PromptTokensAfterFineTuning, fineTuned, model, model.FineTuned, inputs.CachedShare));
        }

        if (model.FineTuned.HostingPerHour > 0m)
        {
            notes.Add($"Hosting the fine-tuned model: {CostText.Money(model.FineTuned.HostingPerHour)} an hour × {CostText.Count(HoursPerMonth)} hours a month, spread over {CostText.Count(inputs.RequestsPerMonth)} calls: {CostText.Money(decimal.Round(fineTuned.Hosting, 8))} a call, whatever the traffic.");
        }

        if (model.Prompting.HostingPerHour > 0m)
        {
            notes.Add($"Hosting the base model: {CostText.Money(model.Prompting.HostingPerHour)} an hour, spread over the month's calls.");
        }

        if (training.RetrainsPerYear > 0)
        {
            notes.Add($"Retraining {(training.RetrainsPerYear == 1 ? "once" : $"{training.RetrainsPerYear} times")} a year, one run each: {CostText.Money(decimal.Round(training.RetrainingPerYear, 2))} a year, counted monthly.");
        }

        if (horizon.CutAtShutdown)
        {
            notes.Add(horizon.Months == 0m
                ? $"{model.Name} shut down on {CostText.Day(horizon.ShutdownOn!.Value)}: nothing can be saved on it."
                : $"The horizon stops at {model.Name}'s shutdown on {CostText.Day(horizon.ShutdownOn!.Value)}, {CostText.Number(horizon.Months, 2)} months from {CostText.Day(today)}, instead of {horizon.RequestedMonths} months: fine-tuned models stop answering then.");
        }

        return notes;
    }

    private static string CacheNote(string which, long prefix, CallCost call, CatalogueModel model, InferencePrices prices, decimal share)
    {
        if (prices.CachedInputPerMillion is null)
        {
            return $"No cached-input price for {which} prompt on {model.Name}: all {CostText.Count(prefix)} prefix tokens are billed in full.";
        }

        return call.CachedPromptTokens > 0m
            ? $"{CostText.Number(share * 100m, 1)}% of {which} {CostText.Count(prefix)}-token prefix is served from the cache at {CostText.Money(prices.CachedInputPerMillion.Value)} per million tokens."
            : $"{model.Name} caches only prompt prefixes of {CostText.Count(model.CacheMinimumTokens ?? 0)} tokens or more: {which} {CostText.Count(prefix)}-token prefix is billed in full.";
    }
}
