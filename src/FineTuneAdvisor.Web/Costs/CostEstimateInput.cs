using FineTuneAdvisor.Scoring.Costs;
using FluentValidation;

namespace FineTuneAdvisor.Web.Costs;

/// <summary>
/// The numbers behind a cost estimate as a client or a form sent them: anything may be missing until validated.
/// <see cref="Hosting"/> is the <c>model_hosting</c> answer the alternatives are chosen for (default: undecided).
/// </summary>
public sealed record CostEstimateInput
{
    public string? Model { get; init; }

    public string? Hosting { get; init; }

    public long? RequestsPerMonth { get; init; }

    public long? PromptTokens { get; init; }

    public long? PromptTokensAfterFineTuning { get; init; }

    public long? UserTokens { get; init; }

    public long? OutputTokens { get; init; }

    public decimal? CachedShare { get; init; }

    public long? TrainingExamples { get; init; }

    public long? TokensPerExample { get; init; }

    public long? TrainingTokens { get; init; }

    public int? Epochs { get; init; }

    public int? TrainingRuns { get; init; }

    public int? RetrainsPerYear { get; init; }

    public int? HorizonMonths { get; init; }

    /// <summary>The cost model's inputs; only for an input <see cref="CostEstimateValidator"/> accepted.</summary>
    public CostInputs ToCostInputs() => new()
    {
        RequestsPerMonth = RequestsPerMonth!.Value,
        PromptTokens = PromptTokens!.Value,
        PromptTokensAfterFineTuning = PromptTokensAfterFineTuning!.Value,
        UserTokens = UserTokens!.Value,
        OutputTokens = OutputTokens!.Value,
        CachedShare = CachedShare!.Value,
        TrainingExamples = TrainingExamples!.Value,
        TokensPerExample = TokensPerExample,
        TrainingTokens = TrainingTokens,
        Epochs = Epochs,
        TrainingRuns = TrainingRuns!.Value,
        RetrainsPerYear = RetrainsPerYear!.Value,
        HorizonMonths = HorizonMonths!.Value,
    };
}

/// <summary>
/// The one validator for cost inputs, for the API now and the questionnaire's cost questions later: every required
/// number present, the bounds of <see cref="CostLimits"/> (shared with the cost model, so the two never disagree),
/// one of tokens per example or training tokens, a model of the active catalogue and a known hosting answer.
/// Errors are keyed by property name (<c>RequestsPerMonth</c>); the API writes them in camelCase.
/// </summary>
public sealed class CostEstimateValidator : AbstractValidator<CostEstimateInput>
{
    public CostEstimateValidator(ActiveCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);

        RuleFor(x => x.Model).Custom((id, context) =>
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                context.AddFailure(nameof(CostEstimateInput.Model), "Required: a catalogue model id such as \"openai:gpt-4o-mini-2024-07-18\".");
            }
            else if (catalogue.Current.Find(id) is null)
            {
                var shown = id.Length <= 80 ? id : id[..80] + "…";
                context.AddFailure(nameof(CostEstimateInput.Model),
                    $"'{shown}' is not in the provider catalogue. Known: {string.Join(", ", catalogue.Current.Models.Select(m => m.Id))}.");
            }
        });

        RuleFor(x => x.Hosting)
            .Must(HostingAnswers.IsKnown)
            .When(x => x.Hosting is not null)
            .WithMessage($"Must be one of {string.Join(", ", HostingAnswers.All)}.");

        Required(x => x.RequestsPerMonth, "calls to the model a month");
        Required(x => x.PromptTokens, "tokens of today's prompt prefix: instructions and examples sent with every call");
        Required(x => x.PromptTokensAfterFineTuning, "tokens of the prompt prefix once fine-tuned");
        Required(x => x.UserTokens, "tokens of the user's own input per call (0 if none)");
        Required(x => x.OutputTokens, "tokens the model writes per call");
        Required(x => x.CachedShare, "the share of the prompt prefix served from the provider's cache, 0 to 1");
        Required(x => x.TrainingExamples, "how many training examples");
        Required(x => x.TrainingRuns, "training runs before the model ships, at least 1");
        Required(x => x.RetrainsPerYear, "retraining runs a year (0 if none)");
        Required(x => x.HorizonMonths, "how many months to compare over");

        // The bounds, checked on the values that are present (a missing one is reported above).
        RuleFor(x => x).Custom((input, context) =>
        {
            var inputs = new CostInputs
            {
                RequestsPerMonth = input.RequestsPerMonth ?? 1,
                PromptTokens = input.PromptTokens ?? 0,
                PromptTokensAfterFineTuning = input.PromptTokensAfterFineTuning ?? 0,
                UserTokens = input.UserTokens ?? 0,
                OutputTokens = input.OutputTokens ?? 0,
                CachedShare = input.CachedShare ?? 0m,
                TrainingExamples = input.TrainingExamples ?? 1,
                TokensPerExample = input.TokensPerExample,
                TrainingTokens = input.TrainingTokens,
                Epochs = input.Epochs,
                TrainingRuns = input.TrainingRuns ?? 1,
                RetrainsPerYear = input.RetrainsPerYear ?? 0,
                HorizonMonths = input.HorizonMonths ?? 1,
            };
            foreach (var (field, message) in CostLimits.Check(inputs))
            {
                context.AddFailure(char.ToUpperInvariant(field[0]) + field[1..], message);
            }
        });
    }

    private void Required<T>(System.Linq.Expressions.Expression<Func<CostEstimateInput, T?>> field, string what)
        where T : struct =>
        RuleFor(field).NotNull().WithMessage($"Required: {what}.");
}
