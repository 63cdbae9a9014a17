using System.Globalization;

namespace FineTuneAdvisor.Scoring.Costs;

/// <summary>
/// How the questionnaire's request volume reads a number of requests a month: the bands of the <c>request_volume</c>
/// choices ("hundreds a day or fewer", "thousands a day", "tens of thousands a day or more") times 30 days.
/// </summary>
public static class RequestVolume
{
    public const string QuestionId = "request_volume";

    /// <summary>1,000 a day: from here on "thousands a day".</summary>
    public const long MediumFrom = 30_000;

    /// <summary>10,000 a day: from here on "tens of thousands a day".</summary>
    public const long HighFrom = 300_000;

    public static string LevelFor(long requestsPerMonth) =>
        requestsPerMonth >= HighFrom ? "high" : requestsPerMonth >= MediumFrom ? "medium" : "low";
}

/// <summary>A measured training sample (the data analyser's figures) the cost estimate reads instead of typical values.</summary>
/// <param name="Examples">Valid examples in the sample.</param>
/// <param name="TokensPerExample">Average tokens per valid example, already cut to the model's limit.</param>
/// <param name="MeasuredOn">The day the sample was measured.</param>
public sealed record MeasuredSample(long Examples, long TokensPerExample, DateOnly MeasuredOn);

/// <summary>The cost model's inputs read from answers, and a sentence for every value that was not the team's own.</summary>
public sealed record CostAnswerReading(CostInputs Inputs, string? ModelAnswer, IReadOnlyList<string> Assumptions);

/// <summary>Which model an estimate is made on, and why (<see cref="Note"/>: null when it is the one the team chose).</summary>
public sealed record ModelChoice(CatalogueModel? Model, AvailabilityResult Availability, string? Note);

/// <summary>
/// The optional cost questions (section <c>costs</c>) and what stands in for an answer not given: the provider
/// catalogue's typical values (<see cref="TypicalValues"/>; docs/scoring.md, "Costs from the questionnaire"), the other
/// answers where they say something (request volume, examples, how often the information changes), and a measured
/// sample's tokens.
/// </summary>
public static class CostAnswers
{
    public const string Section = "costs";
    public const string RequestsPerMonth = "requests_per_month";
    public const string PromptTokens = "prompt_tokens";
    public const string PromptTokensAfterFineTuning = "prompt_tokens_after_fine_tuning";
    public const string OutputTokens = "output_tokens";
    public const string CachedPromptPercent = "cached_prompt_percent";
    public const string Model = "cost_model";
    public const string Undecided = "undecided";

    public static IReadOnlyList<string> Ids { get; } =
        [RequestsPerMonth, PromptTokens, PromptTokensAfterFineTuning, OutputTokens, CachedPromptPercent, Model];

    /// <summary>True when any cost question was answered, "not sure" included: only then is there an estimate.</summary>
    public static bool AnyGiven(IReadOnlyDictionary<string, string> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return Ids.Any(id => answers.TryGetValue(id, out var value) && !string.IsNullOrWhiteSpace(value));
    }

    /// <summary>Answers that are each acceptable but do not fit together, keyed by question id.</summary>
    public static IReadOnlyList<(string Id, string Message)> Problems(IReadOnlyDictionary<string, string> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var problems = new List<(string, string)>();
        if (Number(answers, PromptTokens) is { } today && Number(answers, PromptTokensAfterFineTuning) is { } after && after > today)
        {
            problems.Add((PromptTokensAfterFineTuning,
                $"Enter at most today's {Count(today)} tokens: fine-tuning is what lets you drop instructions, so the prompt does not grow."));
        }

        return problems;
    }

    /// <summary>The estimate's inputs: the answers given, the rest from <paramref name="typical"/> (the catalogue's), each stand-in named with its value.</summary>
    public static CostAnswerReading Read(IReadOnlyDictionary<string, string> answers, TypicalValues typical, MeasuredSample? sample = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(typical);
        var notes = new List<string>();

        var requests = Number(answers, RequestsPerMonth);
        if (requests is null)
        {
            var level = answers.GetValueOrDefault(RequestVolume.QuestionId);
            requests = typical.RequestsFor(level);
            notes.Add(level is "low" or "medium" or "high"
                ? $"Requests a month: {Count(requests.Value)}, typical of a {level} request volume (not given)."
                : $"Requests a month: {Count(requests.Value)}, a typical medium volume (not given).");
        }

        var prompt = Number(answers, PromptTokens);
        if (prompt is null)
        {
            prompt = typical.PromptTokens;
            notes.Add($"Prompt today: {Count(prompt.Value)} tokens of instructions and examples a request, a typical long prompt (not given).");
        }

        var after = Number(answers, PromptTokensAfterFineTuning);
        if (after is null)
        {
            after = prompt.Value / typical.PromptAfterFineTuningDivisor;
            notes.Add(typical.PromptAfterFineTuningDivisor == 1
                ? $"Prompt after fine-tuning: {Count(after.Value)} tokens, as long as today's (not given)."
                : $"Prompt after fine-tuning: {Count(after.Value)} tokens, {Fraction(typical.PromptAfterFineTuningDivisor)} of today's {Count(prompt.Value)} (not given).");
        }

        var output = Number(answers, OutputTokens);
        if (output is null)
        {
            output = typical.OutputTokens;
            notes.Add($"Answer length: {Count(output.Value)} tokens (not given).");
        }

        var percent = Number(answers, CachedPromptPercent);
        if (percent is null)
        {
            percent = typical.CachedPromptPercent;
            notes.Add(percent == 0
                ? "Prompt cache: none (not given). A cached long prompt costs less, which can make fine-tuning pay later or never."
                : $"Prompt cache: {percent}% of the prompt served from the cache (not given).");
        }

        notes.Add($"The user's own words: {Count(typical.UserTokens)} tokens a request, the same on both paths (not asked).");

        long examples;
        long? tokensPerExample = null;
        var counted = Number(answers, "example_count");
        if (counted is > 0)
        {
            examples = counted.Value;
        }
        else
        {
            examples = typical.PilotExamples;
            notes.Add($"Training examples: {Count(examples)}, a pilot's worth (you have none yet).");
        }

        if (sample is not null && sample.TokensPerExample > 0)
        {
            tokensPerExample = sample.TokensPerExample;
            notes.Add($"Tokens per training example: {Count(sample.TokensPerExample)}, measured from your sample of {Count(sample.Examples)} examples on {sample.MeasuredOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}.");
        }
        else
        {
            tokensPerExample = typical.TokensPerExample;
            notes.Add($"Tokens per training example: {Count(typical.TokensPerExample)} (not measured: measure a sample of your data for the real figure).");
        }

        var (retrains, retrainNote) = Retraining(answers.GetValueOrDefault("change_frequency"));
        notes.Add(retrainNote);
        notes.Add($"Horizon: {typical.HorizonMonths} {(typical.HorizonMonths == 1 ? "month" : "months")}; one training run before the model ships (the high case assumes two).");

        var model = answers.GetValueOrDefault(Model);
        var inputs = new CostInputs
        {
            RequestsPerMonth = requests.Value,
            PromptTokens = prompt.Value,
            PromptTokensAfterFineTuning = Math.Min(after.Value, CostLimits.MaxPromptTokens),
            UserTokens = typical.UserTokens,
            OutputTokens = output.Value,
            CachedShare = percent.Value / 100m,
            TrainingExamples = Math.Min(examples, CostLimits.MaxTrainingExamples),
            TokensPerExample = Math.Min(tokensPerExample.Value, CostLimits.MaxTokensPerExample),
            TrainingRuns = 1,
            RetrainsPerYear = retrains,
            HorizonMonths = typical.HorizonMonths,
        };
        return new CostAnswerReading(inputs, string.IsNullOrWhiteSpace(model) ? null : model, notes);
    }

    /// <summary>
    /// The model the estimate is made on. The team's choice while it takes new jobs; otherwise the first alternative
    /// that takes new jobs today for the hosting answer (never a model that takes none). Null model: nothing fits.
    /// </summary>
    public static ModelChoice ChooseModel(ProviderCatalogue catalogue, string? hosting, string? modelAnswer, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var how = HostingAnswers.IsKnown(hosting) ? hosting! : HostingAnswers.Undecided;
        var chosen = modelAnswer is null or Undecided ? null : catalogue.Find(modelAnswer);
        if (chosen is not null)
        {
            var availability = Availability.Check(catalogue, how, chosen.Id, today);
            if (availability.CanTrainToday)
            {
                return new ModelChoice(chosen, availability, null);
            }

            var instead = availability.Alternatives.Count > 0 ? availability.Alternatives[0] : null;
            return new ModelChoice(instead, availability, instead is null
                ? $"{chosen.Name} can no longer be fine-tuned, and nothing else in the catalogue fits your hosting answer: no estimate."
                : $"{chosen.Name} can no longer be fine-tuned, so the estimate is made on {instead.Name} ({instead.Provider.Name}), the first alternative that takes new jobs.");
        }

        var open = Availability.Check(catalogue, how, null, today);
        var first = open.Alternatives.Count > 0 ? open.Alternatives[0] : null;
        var why = modelAnswer is null or Undecided
            ? "No model chosen"
            : $"'{modelAnswer}' is no longer in the provider catalogue";
        return new ModelChoice(first, open, first is null
            ? $"{why}, and no model in the catalogue takes new fine-tuning jobs for your hosting answer: no estimate."
            : $"{why}: the estimate is made on {first.Name} ({first.Provider.Name}), the first in the catalogue that takes new fine-tuning jobs for your hosting answer.");
    }

    /// <summary>One retraining run per change of the information, at most daily (the article: fast-changing data makes upkeep costly).</summary>
    public static (int PerYear, string Note) Retraining(string? changeFrequency) => changeFrequency switch
    {
        "rarely" => (1, "Retraining: once a year, as the information rarely changes."),
        "quarterly" => (4, "Retraining: 4 times a year, as the information changes quarterly."),
        "monthly" => (12, "Retraining: 12 times a year, as the information changes monthly."),
        "weekly" => (52, "Retraining: 52 times a year, as the information changes weekly."),
        "daily" or "realtime" => (365, "Retraining: daily, as the information changes at least daily (retrieval suits this better)."),
        _ => (12, "Retraining: 12 times a year (how often the information changes is not known)."),
    };

    /// <summary>A whole-number answer; null when blank, "not sure" or missing.</summary>
    public static long? Number(IReadOnlyDictionary<string, string> answers, string id)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.TryGetValue(id, out var raw) && long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"a twentieth": the prompt after fine-tuning as a share of today's, in words where there is a common one.</summary>
    internal static string Fraction(int divisor) => divisor switch
    {
        2 => "half",
        3 => "a third",
        4 => "a quarter",
        5 => "a fifth",
        6 => "a sixth",
        8 => "an eighth",
        10 => "a tenth",
        20 => "a twentieth",
        50 => "a fiftieth",
        100 => "a hundredth",
        1_000 => "a thousandth",
        _ => $"1/{Count(divisor)}",
    };
}
