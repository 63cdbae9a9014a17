using System.Collections.Frozen;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Json;
using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.RuleSets.Loading;

/// <summary>
/// Turns a validated document into the model the engine evaluates: effects, signals, dimensions, groups, verdicts and
/// stages as enums, conditions as records with their operands resolved (parameters looked up, choices ranked, fired
/// rules located), the procedure's parameters gathered. Only ever given what <see cref="RuleSetValidator"/> passed;
/// anything else is a bug, not bad input.
/// </summary>
internal static class RuleSetCompiler
{
    public static RuleSet Compile(RuleSetDto document, string json)
    {
        ArgumentNullException.ThrowIfNull(document);
        var parameters = document.Parameters.ToFrozenDictionary(
            p => p.Key, p => ParameterReader.Read(p.Key, p.Value) ?? throw NotValidated($"$.parameters.{p.Key}"), StringComparer.Ordinal);
        var rules = document.Rules.Select((rule, i) => Compile(rule ?? throw NotValidated($"$.rules[{i}]"), parameters)).ToList();
        var positions = rules.Select((rule, i) => (rule.Id, i)).ToFrozenDictionary(r => r.Id, r => r.i, StringComparer.Ordinal);
        var schemaTwo = document.SchemaVersion == RuleSetLoader.SchemaVersion;
        return new RuleSet
        {
            SchemaVersion = document.SchemaVersion,
            Version = document.Version,
            Name = document.Name,
            Rules = rules,
            Steps = [.. (document.Steps ?? []).Select((step, i) => Compile(step ?? throw NotValidated($"$.steps[{i}]"), parameters, positions))],
            Parameters = parameters,
            Procedure = schemaTwo ? Procedure(parameters) : null,
            Json = json,
        };
    }

    private static ProcedureParameters Procedure(FrozenDictionary<string, RuleParameter> parameters)
    {
        double Number(string name) => parameters[name].Number;
        return new()
        {
            CaseMinScore = Number(RequiredParameters.CaseMinScore),
            FineTuneMinScore = Number(RequiredParameters.FineTuneMinScore),
            ScoreSpread = Number(RequiredParameters.ScoreSpread),
            CriterionSpread = Number(RequiredParameters.CriterionSpread),
            ConfidenceMargin = Number(RequiredParameters.ConfidenceMargin),
            ProductionExamples = Number(RequiredParameters.ProductionExamples),
            ProductionBonusSpecialized = Number(RequiredParameters.ProductionBonusSpecialized),
            ProductionBonusStrictFormat = Number(RequiredParameters.ProductionBonusStrictFormat),
            QualityFactorRaw = Number(RequiredParameters.QualityFactorRaw),
            QualityFactorPartiallyReviewed = Number(RequiredParameters.QualityFactorPartiallyReviewed),
            QualityFactorCurated = Number(RequiredParameters.QualityFactorCurated),
            QualityFactorNotSure = Number(RequiredParameters.QualityFactorNotSure),
        };
    }

    private static Rule Compile(RuleDto rule, FrozenDictionary<string, RuleParameter> parameters) => new()
    {
        Id = rule.Id,
        Criterion = rule.Criterion,
        Dimension = rule.Dimension is null ? Criteria.Find(rule.Criterion)!.Dimension : Parse<Dimension>(rule.Dimension),
        When = Compile(rule.When, parameters, positions: null),
        Effect = Parse<RuleEffect>(rule.Effect),
        Weight = rule.Weight,
        Ramp = rule.Ramp is { } ramp
            ? new Ramp(Parse<Measure>(ramp.Measure), Quantity(ramp.From, parameters), Quantity(ramp.To, parameters))
            : null,
        Signal = rule.Signal is null ? null : Parse<RuleSignal>(rule.Signal),
        Message = rule.Message,
        NextStep = rule.NextStep,
        Risk = rule.Risk,
        Citation = rule.Citation,
        Enabled = rule.Enabled,
    };

    private static StepTemplate Compile(StepDto step, FrozenDictionary<string, RuleParameter> parameters, FrozenDictionary<string, int> positions) => new()
    {
        Id = step.Id,
        Group = Parse<StepGroup>(step.Group),
        Verdicts = [.. step.Verdicts.Select(Parse<Verdict>)],
        Stages = [.. (step.Stages ?? []).Select(Parse<FineTuneStage>)],
        Resolves = step.Resolves,
        When = step.When is null ? null : Compile(step.When, parameters, positions),
        Text = step.Text,
        Citation = step.Citation,
    };

    /// <summary><paramref name="positions"/> locates the rules a step's <c>fired</c> names (null in rules, where it is refused).</summary>
    private static Condition Compile(ConditionDto condition, FrozenDictionary<string, RuleParameter> parameters, FrozenDictionary<string, int>? positions)
    {
        if (condition.All is { } all)
        {
            return new AllCondition([.. all.Select(c => Compile(c, parameters, positions))]);
        }

        if (condition.Any is { } any)
        {
            return new AnyCondition([.. any.Select(c => Compile(c, parameters, positions))]);
        }

        if (condition.Not is { } not)
        {
            return new NotCondition(Compile(not, parameters, positions));
        }

        if (condition.Fired is { } fired)
        {
            return new FiredCondition(fired, positions is not null && positions.TryGetValue(fired, out var position) ? position : throw NotValidated(fired));
        }

        var op = condition.Operators().Single();
        if (condition.Measure is { } measure)
        {
            return new MeasureCondition(Parse<Measure>(measure), op.Comparison, [.. op.Values.Select(v => Quantity(v, parameters))]);
        }

        var question = QuestionCatalogue.Find(condition.Question!) ?? throw NotValidated(condition.Question);
        var problems = new List<RuleSetProblem>();
        var operands = op.Values.Select(value => OperandReader.Read(question, value, parameters, op.Name, problems) ?? throw NotValidated(op.Name)).ToList();
        return new AnswerCondition(question, op.Comparison, operands);
    }

    private static Quantity Quantity(System.Text.Json.JsonElement element, FrozenDictionary<string, RuleParameter> parameters) =>
        QuantityReader.Read(element, parameters, "$", []) ?? throw NotValidated(element.GetRawText());

    private static TEnum Parse<TEnum>(string name)
        where TEnum : struct, Enum =>
        JsonEnumNames.TryParse<TEnum>(name, out var value) ? value : throw NotValidated(name);

    private static InvalidOperationException NotValidated(string? what) =>
        new($"The rule set was compiled without being validated first ({what}).");
}
