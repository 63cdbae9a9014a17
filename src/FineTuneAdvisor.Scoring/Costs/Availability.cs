namespace FineTuneAdvisor.Scoring.Costs;

/// <summary>The answers to <c>model_hosting</c> ("Where would the fine-tuned model run?").</summary>
public static class HostingAnswers
{
    public const string HostedApi = "hosted_api";
    public const string OpenSourceSelfHosted = "open_source_self_hosted";
    public const string Undecided = "undecided";
    public const string NotSure = "not_sure";

    public static IReadOnlyList<string> All { get; } = [HostedApi, OpenSourceSelfHosted, Undecided, NotSure];

    public static bool IsKnown(string? answer) => answer is not null && All.Contains(answer, StringComparer.Ordinal);

    /// <summary>
    /// Whether a catalogue model fits a hosting answer. Self-hosting fits your own GPUs and any open-weights model
    /// (trained at a provider, then downloaded); the undecided fit everything.
    /// </summary>
    public static bool Fits(string answer, CatalogueModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return answer switch
        {
            HostedApi => model.Deployment == Deployment.HostedApi,
            OpenSourceSelfHosted => model.Deployment == Deployment.SelfHosted || model.OpenWeights,
            _ => true,
        };
    }
}

/// <summary>Can the team fine-tune where it means to, today, and until when; and where else if not.</summary>
public sealed record AvailabilityResult
{
    public required string Hosting { get; init; }

    /// <summary>The day the answer holds for (UTC).</summary>
    public required DateOnly Today { get; init; }

    /// <summary>The model asked about; null when the question was only the hosting answer.</summary>
    public CatalogueModel? Model { get; init; }

    public ModelState? State { get; init; }

    /// <summary>A new fine-tuning job can be started today (restrictions may still apply).</summary>
    public required bool CanTrainToday { get; init; }

    /// <summary>A fine-tuned model answers today.</summary>
    public required bool CanServeToday { get; init; }

    public DateOnly? NewJobsUntil { get; init; }

    public DateOnly? ShutdownOn { get; init; }

    /// <summary>Days from today to the last day for new jobs, that day included; null without an end.</summary>
    public int? DaysLeftToTrain { get; init; }

    public required IReadOnlyList<Restriction> Restrictions { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Models that fit the hosting answer and take new jobs today, open-ended ones first.</summary>
    public required IReadOnlyList<CatalogueModel> Alternatives { get; init; }
}

/// <summary>
/// Reads the catalogue's dates against today's (passed in: the web gives its clock's UTC date). A model takes new
/// jobs up to and including its last day for them, answers until the day before its shutdown, and is offered as an
/// alternative only while it takes new jobs. Alternatives are listed whenever the model cannot be trained today,
/// has an announced end, or does not fit the hosting answer.
/// </summary>
public static class Availability
{
    public static AvailabilityResult Check(ProviderCatalogue catalogue, string hosting, string? modelId, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (!HostingAnswers.IsKnown(hosting))
        {
            throw new ArgumentException($"Unknown hosting answer '{hosting}'.", nameof(hosting));
        }

        if (modelId is null)
        {
            return ForHosting(catalogue, hosting, today);
        }

        var model = catalogue.Find(modelId) ?? throw new ArgumentException($"Model '{modelId}' is not in the catalogue.", nameof(modelId));
        var status = model.Status;
        var state = status.StateOn(today);
        var warnings = new List<string>();
        var who = $"{model.Provider.Name}";
        switch (state)
        {
            case ModelState.ShutDown:
                warnings.Add($"{model.Name} shut down on {CostText.Day(status.ShutdownOn!.Value)}: it can no longer be fine-tuned, and models fine-tuned from it no longer answer.");
                break;
            case ModelState.NoNewJobs:
                warnings.Add($"{who} has taken no new fine-tuning jobs on {model.Name} since {CostText.Day(status.NewJobsUntil!.Value.AddDays(1))}"
                    + (status.ShutdownOn is { } off
                        ? $"; models already fine-tuned answer until {CostText.Day(off.AddDays(-1))} and stop on {CostText.Day(off)}."
                        : "; models already fine-tuned still answer."));
                break;
            default:
                if (status.NewJobsUntil is { } last)
                {
                    warnings.Add($"{who} takes new fine-tuning jobs on {model.Name} until {CostText.Day(last)} ({Days(last.DayNumber - today.DayNumber + 1)} left, today included).");
                }

                if (status.ShutdownOn is { } shutdown)
                {
                    warnings.Add($"Models fine-tuned from {model.Name} stop answering on {CostText.Day(shutdown)} ({Days(shutdown.DayNumber - today.DayNumber)} from today).");
                }

                break;
        }

        var restrictions = state == ModelState.Active ? status.Restrictions.Where(r => r.From <= today).ToList() : [];
        warnings.AddRange(restrictions.Select(r => $"Since {CostText.Day(r.From)}: {r.Message}"));

        var fits = HostingAnswers.Fits(hosting, model);
        if (!fits)
        {
            warnings.Add(hosting == HostingAnswers.HostedApi
                ? $"You plan to use a provider's hosted API, but {model.Name} runs on GPUs you rent or own."
                : $"You plan to host an open-source model yourself, but {model.Name} runs only on {who}'s API: its weights cannot be downloaded.");
        }

        var offerAlternatives = state != ModelState.Active || status.NewJobsUntil is not null || status.ShutdownOn is not null || !fits;
        return new AvailabilityResult
        {
            Hosting = hosting,
            Today = today,
            Model = model,
            State = state,
            CanTrainToday = state == ModelState.Active,
            CanServeToday = state != ModelState.ShutDown,
            NewJobsUntil = status.NewJobsUntil,
            ShutdownOn = status.ShutdownOn,
            DaysLeftToTrain = state == ModelState.Active && status.NewJobsUntil is { } until ? until.DayNumber - today.DayNumber + 1 : null,
            Restrictions = restrictions,
            Warnings = warnings,
            Alternatives = offerAlternatives ? Alternatives(catalogue, hosting, model, today) : [],
        };
    }

    private static AvailabilityResult ForHosting(ProviderCatalogue catalogue, string hosting, DateOnly today)
    {
        var options = Alternatives(catalogue, hosting, null, today);
        return new AvailabilityResult
        {
            Hosting = hosting,
            Today = today,
            CanTrainToday = options.Count > 0,
            CanServeToday = options.Count > 0,
            Restrictions = [],
            Warnings = options.Count > 0 ? [] : ["No model in the catalogue can be fine-tuned today for this way of hosting."],
            Alternatives = options,
        };
    }

    private static List<CatalogueModel> Alternatives(ProviderCatalogue catalogue, string hosting, CatalogueModel? instead, DateOnly today) =>
        [.. catalogue.Models
            .Select((model, index) => (model, index))
            .Where(m => m.model != instead && HostingAnswers.Fits(hosting, m.model) && m.model.Status.StateOn(today) == ModelState.Active)
            // Open-ended first, then the latest end; your own GPUs first for self-hosting; then the same kind of
            // deployment as the model asked about; then the catalogue's order.
            .OrderBy(m => m.model.Status.NewJobsUntil is null && m.model.Status.ShutdownOn is null ? 0 : 1)
            .ThenByDescending(m => m.model.Status.ShutdownOn ?? m.model.Status.NewJobsUntil ?? DateOnly.MaxValue)
            .ThenBy(m => hosting == HostingAnswers.OpenSourceSelfHosted && m.model.Deployment != Deployment.SelfHosted ? 1 : 0)
            .ThenBy(m => instead is not null && m.model.Deployment != instead.Deployment ? 1 : 0)
            .ThenBy(m => m.index)
            .Select(m => m.model)];

    private static string Days(int days) => days == 1 ? "1 day" : $"{CostText.Count(days)} days";
}
