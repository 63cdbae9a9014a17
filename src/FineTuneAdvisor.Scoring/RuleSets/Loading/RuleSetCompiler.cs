using System.Collections.Frozen;
using FineTuneAdvisor.Scoring.Json;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.RuleSets.Loading;

/// <summary>
/// Turns a validated document into the model the engine evaluates: effects and signals as enums, conditions as
/// records with their operands resolved (parameters looked up, choices ranked). Only ever given what
/// <see cref="RuleSetValidator"/> passed; anything else is a bug, not bad input.
/// </summary>
internal static class RuleSetCompiler
{
    public static RuleSet Compile(RuleSetDto document, string json)
    {
        ArgumentNullException.ThrowIfNull(document);
        var parameters = document.Parameters.ToFrozenDictionary(
            p => p.Key, p => ParameterReader.Read(p.Key, p.Value) ?? throw NotValidated($"$.parameters.{p.Key}"), StringComparer.Ordinal);
        return new RuleSet
        {
            Version = document.Version,
            Name = document.Name,
            Rules = [.. document.Rules.Select((rule, i) => Compile(rule ?? throw NotValidated($"$.rules[{i}]"), parameters))],
            Parameters = parameters,
            Json = json,
        };
    }

    private static Rule Compile(RuleDto rule, FrozenDictionary<string, RuleParameter> parameters) => new()
    {
        Id = rule.Id,
        Criterion = rule.Criterion,
        When = Compile(rule.When, parameters),
        Effect = Parse<RuleEffect>(rule.Effect),
        Weight = rule.Weight,
        Signal = rule.Signal is null ? null : Parse<RuleSignal>(rule.Signal),
        Message = rule.Message,
        NextStep = rule.NextStep,
        Risk = rule.Risk,
        Citation = rule.Citation,
        Enabled = rule.Enabled,
    };

    private static Condition Compile(ConditionDto condition, FrozenDictionary<string, RuleParameter> parameters)
    {
        if (condition.All is { } all)
        {
            return new AllCondition([.. all.Select(c => Compile(c, parameters))]);
        }

        if (condition.Any is { } any)
        {
            return new AnyCondition([.. any.Select(c => Compile(c, parameters))]);
        }

        if (condition.Not is { } not)
        {
            return new NotCondition(Compile(not, parameters));
        }

        var question = QuestionCatalogue.Find(condition.Question!) ?? throw NotValidated(condition.Question);
        var op = condition.Operators().Single();
        var problems = new List<RuleSetProblem>();
        var operands = op.Values.Select(value => OperandReader.Read(question, value, parameters, op.Name, problems) ?? throw NotValidated(op.Name)).ToList();
        return new AnswerCondition(question, op.Comparison, operands);
    }

    private static TEnum Parse<TEnum>(string name)
        where TEnum : struct, Enum =>
        JsonEnumNames.TryParse<TEnum>(name, out var value) ? value : throw NotValidated(name);

    private static InvalidOperationException NotValidated(string? what) =>
        new($"The rule set was compiled without being validated first ({what}).");
}
