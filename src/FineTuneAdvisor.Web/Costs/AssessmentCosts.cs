using System.Globalization;
using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Datasets;

namespace FineTuneAdvisor.Web.Costs;

/// <summary>
/// "Will it pay for itself?" and "where can we still fine-tune?" for a saved assessment: its answers (the cost
/// questions, hosting, examples, how often the information changes) and its measured sample, priced with the active
/// provider catalogue on the clock's UTC day. Computed when read, not stored: prices and end dates move, the verdict
/// does not (docs/architecture.md, "Costs on the result").
/// </summary>
public sealed class AssessmentCosts(ActiveCatalogue catalogue, TimeProvider time)
{
    public AssessmentCost For(IReadOnlyDictionary<string, string> answers, DataEvidence? evidence)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var current = catalogue.Current;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var hosting = answers.GetValueOrDefault("model_hosting") is { } h && HostingAnswers.IsKnown(h) ? h : HostingAnswers.Undecided;
        var answered = CostAnswers.AnyGiven(answers);
        var modelAnswer = answers.GetValueOrDefault(CostAnswers.Model);
        var choice = CostAnswers.ChooseModel(current, hosting, modelAnswer, today);
        var chosen = modelAnswer is null or CostAnswers.Undecided ? null : current.Find(modelAnswer);
        if (!answered)
        {
            return new AssessmentCost(false, hosting, modelAnswer, chosen, choice, null, [], current, today, VolumeNote(answers));
        }

        var reading = CostAnswers.Read(answers, current.Typical, Sample(evidence));
        var estimate = choice.Model is { } model ? CostModel.Estimate(reading.Inputs, model, today) : null;
        var assumptions = new List<string>();
        if (choice.Note is not null)
        {
            assumptions.Add(choice.Note);
        }

        assumptions.AddRange(reading.Assumptions);
        if (estimate is not null)
        {
            assumptions.AddRange(estimate.Assumptions);
        }

        return new AssessmentCost(true, hosting, modelAnswer, chosen, choice, estimate, assumptions, current, today, VolumeNote(answers));
    }

    /// <summary>The analyser's figures: its valid examples and their average tokens, cut to the model's per-example limit.</summary>
    public static MeasuredSample? Sample(DataEvidence? evidence)
    {
        if (evidence is not { ValidExamples: > 0 } || evidence.Tokens.Total <= 0)
        {
            return null;
        }

        var average = (long)Math.Round((double)evidence.Tokens.Total / evidence.ValidExamples, MidpointRounding.AwayFromZero);
        if (evidence.Tokens.Limit > 0)
        {
            average = Math.Min(average, evidence.Tokens.Limit);
        }

        return new MeasuredSample(evidence.ValidExamples, Math.Max(1, average), DateOnly.FromDateTime(evidence.MeasuredAt.UtcDateTime));
    }

    /// <summary>Says so when a number of requests decided the request volume over the choice made (Facts in the scoring library).</summary>
    private static string? VolumeNote(IReadOnlyDictionary<string, string> answers)
    {
        if (CostAnswers.Number(answers, CostAnswers.RequestsPerMonth) is not { } perMonth)
        {
            return null;
        }

        var level = RequestVolume.LevelFor(perMonth);
        var question = QuestionCatalogue.Find(RequestVolume.QuestionId)!;
        var chosen = answers.GetValueOrDefault(RequestVolume.QuestionId);
        var count = perMonth.ToString("N0", CultureInfo.InvariantCulture);
        return chosen == level
            ? null
            : $"The rules counted the request volume as {question.LabelOf(level)!.ToLowerInvariant()} from your {count} requests a month"
                + (chosen is null ? "." : $" (the request-volume answer said {question.LabelOf(chosen)?.ToLowerInvariant() ?? chosen}).");
    }
}

/// <summary>
/// One assessment's costs and availability. <see cref="Answered"/>: some cost question was answered, so there is an
/// estimate (unless no model fits, <see cref="Estimate"/> null). <see cref="Chosen"/>: the team's model, when it is in the
/// catalogue; <see cref="Choice"/>: the one estimated and its availability (of the chosen model, when there is one).
/// </summary>
public sealed record AssessmentCost(
    bool Answered,
    string Hosting,
    string? ModelAnswer,
    CatalogueModel? Chosen,
    ModelChoice Choice,
    CostEstimate? Estimate,
    IReadOnlyList<string> Assumptions,
    ProviderCatalogue Catalogue,
    DateOnly Today,
    string? VolumeNote)
{
    public AvailabilityResult Availability => Choice.Availability;

    /// <summary>The sentence that answers "will it pay for itself?".</summary>
    public string? Headline => Estimate is not { } estimate ? null
        : estimate.BreakEven.IsNever ? "No: a fine-tuned request costs as much as today's or more, so the training is never paid back."
        : estimate.PaysBackWithinHorizon ? $"Yes: fine-tuning pays for itself after about {CostFormat.Calls(estimate.BreakEven.Calls!.Value)} requests ({CostFormat.Months(estimate.BreakEven.Months!.Value)})."
        : $"Not within {CostFormat.Months(estimate.Horizon.Months)}: at this volume fine-tuning pays for itself only after {CostFormat.Months(estimate.BreakEven.Months!.Value)}.";
}

/// <summary>How the result and the Markdown export write amounts: invariant, dollars with the places they need.</summary>
public static class CostFormat
{
    /// <summary>$4.50; $0.000435 for amounts under a cent (a request's cost); thousands separated.</summary>
    public static string Money(decimal amount)
    {
        var sign = amount < 0 ? "−" : "";
        amount = Math.Abs(amount);
        return sign + "$" + (amount >= 0.01m || amount == 0m
            ? decimal.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", CultureInfo.InvariantCulture)
            : decimal.Round(amount, 6, MidpointRounding.AwayFromZero).ToString("0.00####", CultureInfo.InvariantCulture));
    }

    /// <summary>A request's cost in micro-dollars as well, where cents say nothing: "$0.000435 (435 µ$)".</summary>
    public static string PerCall(decimal amount) =>
        $"{Money(amount)} ({decimal.Round(amount * 1_000_000m, 1, MidpointRounding.AwayFromZero).ToString("#,0.#", CultureInfo.InvariantCulture)} µ$)";

    public static string Calls(long calls) => calls.ToString("N0", CultureInfo.InvariantCulture);

    public static string Months(decimal months) =>
        months < 1m && months > 0m ? $"{decimal.Round(months * CostModel.DaysPerMonth, 0, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture)} days"
        : $"{decimal.Round(months, 1, MidpointRounding.AwayFromZero).ToString("#,0.#", CultureInfo.InvariantCulture)} {(decimal.Round(months, 1) == 1m ? "month" : "months")}";

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"until 6 January 2027", "no announced end".</summary>
    public static string Until(CatalogueModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Status.NewJobsUntil is { } last ? $"new jobs until {Day(last)}" : "no announced end";
    }
}
