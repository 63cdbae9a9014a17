using System.Globalization;
using FineTuneAdvisor.Scoring.Json;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;
using FluentValidation;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>
/// The editor's checks, before the edited rule set goes through RuleSetLoader's strict validation as a whole:
/// weights are plain numbers within the loader's range (NaN, ±∞, 1e308 and text are refused), effects and
/// signals are known (their names come from the scoring library's enums), messages are not empty, and the
/// thresholds are in order (checked by the scoring library, the same check the loader makes).
/// </summary>
public sealed class RulesEditValidator : AbstractValidator<RulesEditInput>
{
    public static IReadOnlyList<string> Effects { get; } = JsonEnumNames.Of<RuleEffect>();
    public static IReadOnlyList<string> Signals { get; } = JsonEnumNames.Of<RuleSignal>();

    public static string WeightRange { get; } =
        $"from {Scoring.RuleSets.RuleSet.MinWeight.ToString(CultureInfo.InvariantCulture)} to {Scoring.RuleSets.RuleSet.MaxWeight.ToString(CultureInfo.InvariantCulture)}";

    public RulesEditValidator()
    {
        RuleForEach(x => x.Rules).ChildRules(rule =>
        {
            rule.RuleFor(r => r.Weight).Custom((text, context) =>
            {
                if (ParseNumber(text) is not { } weight)
                {
                    context.AddFailure($"Enter a number {WeightRange}, such as 4 or 7.5.");
                }
                else if (weight < Scoring.RuleSets.RuleSet.MinWeight || weight > Scoring.RuleSets.RuleSet.MaxWeight)
                {
                    context.AddFailure($"The weight must be {WeightRange}.");
                }
                else if (WeightCheck.RoundsToZero(text, weight))
                {
                    context.AddFailure(WeightCheck.Message(text!.Trim()));
                }
            });
            rule.RuleFor(r => r.Effect).Must(e => e is not null && Effects.Contains(e)).WithMessage($"Choose {string.Join(", ", Effects.SkipLast(1))} or {Effects[^1]}.");
            rule.RuleFor(r => r.Signal).Must(s => string.IsNullOrEmpty(s) || Signals.Contains(s)).WithMessage("Choose a signal from the list.");
            rule.RuleFor(r => r.Message).Custom((message, context) =>
            {
                if (PlainText.IsBlank(message))
                {
                    context.AddFailure("Enter the message people read when this rule fires.");
                }
                else if (message.Length > RuleSetLoader.MaxMessageLength)
                {
                    context.AddFailure($"At most {RuleSetLoader.MaxMessageLength} characters (this is {message.Length}).");
                }
                else if (PlainText.Problem(message) is { } problem)
                {
                    context.AddFailure(problem);
                }
            });
        });

        RuleFor(x => x.Parameters).Custom((parameters, context) =>
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                var parameter = parameters[i];
                var key = $"Parameters[{i}].Value";
                if (string.IsNullOrWhiteSpace(parameter.Value))
                {
                    context.AddFailure(key, "Enter a value.");
                }
                else if (parameter.IsNumber && ParseNumber(parameter.Value) is null)
                {
                    context.AddFailure(key, "Enter a number, such as 1000.");
                }
            }

            // The first of a repeated name counts: a tampered form must not make this throw.
            var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var parameter in parameters)
            {
                if (parameter.Name is not null && ParseNumber(parameter.Value) is { } number)
                {
                    numbers.TryAdd(parameter.Name, number);
                }
            }

            foreach (var (parameter, message) in RequiredParameters.OrderProblems(numbers))
            {
                context.AddFailure($"Parameters[{parameters.FindIndex(p => p.Name == parameter)}].Value", message);
            }
        });
    }

    /// <summary>A finite number in invariant notation, or null: "NaN", "Infinity" and "∞" are not numbers here.</summary>
    public static double? ParseNumber(string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
