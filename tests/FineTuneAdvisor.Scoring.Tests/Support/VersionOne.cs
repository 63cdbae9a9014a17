using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Tests.Support;

/// <summary>
/// What version 1 of the default rules said, to show that each defect of issue 9 was there and is gone: the version-1
/// document exactly as it shipped (RuleSets/VersionOne/default-rule-set-v1.json, read for the record with the loader's
/// internal schema-1 reading) and version 1's formula and procedure exactly as the engine ran them (copied from it).
/// <see cref="Evaluation.AssessmentResultJsonTests"/> checks this replay writes, byte for byte, the results the old code
/// stored.
/// </summary>
public static class VersionOne
{
    public static string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "RuleSets", "VersionOne", "default-rule-set-v1.json");

    public static string Json { get; } = File.ReadAllText(FilePath);

    public static RuleSet Rules { get; } = RuleSetLoader.Load(Json, allowSchemaOne: true).RuleSet
        ?? throw new InvalidOperationException("The version-1 default no longer loads for the record.");

    private const int NeutralScore = 50;
    private const int CriterionPointsPerWeight = 5;

    public static AssessmentResult Evaluate(AnswerSet answers)
    {
        var facts = Facts.Of(answers, procedure: null, keepAll: true);
        var fired = Rules.Rules.Where(r => r.Enabled && r.When.Holds(facts)).ToList();
        var score = ReadinessScore(fired);
        var (verdict, reason) = DecideVerdict(fired, score, answers);
        string Render(string text) => MessageTemplate.Render(text, Rules, answers);
        return new AssessmentResult
        {
            Verdict = verdict,
            VerdictReason = reason,
            ReadinessScore = score,
            Criteria = [.. Criteria.All.Select(c => ScoreCriterion(c, fired, Render))],
            FiredRules = [.. fired.Select(r => new FiredRule
            {
                Id = r.Id, Criterion = r.Criterion, Effect = r.Effect, Weight = r.Weight, Contribution = r.Contribution,
                Message = Render(r.Message), Citation = r.Citation, Signal = r.Signal,
            })],
            Risks = [.. fired.Where(r => r.Risk is not null).Select(r => Render(r.Risk!)).Distinct(StringComparer.Ordinal)],
            NextSteps = [.. fired.Where(r => r.NextStep is not null)
                .OrderBy(r => r.Effect == RuleEffect.Blocker ? 0 : 1)
                .ThenByDescending(r => r.Weight)
                .Select(r => Render(r.NextStep!))
                .Distinct(StringComparer.Ordinal)],
            RuleSetVersion = Rules.Version,
        };
    }

    /// <summary>Version 1's score: 50 plus the signed weights, clamped; a blocker capped it just below the pilot score.</summary>
    private static int ReadinessScore(List<Rule> fired)
    {
        var score = Math.Clamp(Math.Round(NeutralScore + fired.Sum(r => r.Contribution), MidpointRounding.AwayFromZero), 0, 100);
        if (fired.Any(r => r.Effect == RuleEffect.Blocker))
        {
            score = Math.Max(0, Math.Min(score, Rules.Number(RequiredParameters.PilotMinScore) - 1));
        }

        return (int)score;
    }

    private static (Verdict Verdict, string Reason) DecideVerdict(List<Rule> fired, int score, AnswerSet answers)
    {
        bool Has(RuleSignal signal) => fired.Exists(r => r.Signal == signal);
        string Because(RuleSignal signal) => MessageTemplate.Render(fired.First(r => r.Signal == signal).Message, Rules, answers);

        var retrieval = Has(RuleSignal.Retrieval);
        var prompting = Has(RuleSignal.Prompting);
        var behavior = Has(RuleSignal.Behavior) && !prompting;
        var blockers = fired.Where(r => r.Effect == RuleEffect.Blocker).ToList();
        var pilotScore = Rules.Number(RequiredParameters.PilotMinScore);
        var fineTuneScore = Rules.Number(RequiredParameters.FineTuneMinScore);

        if (prompting && !retrieval)
        {
            return (Verdict.PromptEngineering, Because(RuleSignal.Prompting));
        }

        if (retrieval && !behavior)
        {
            return (Verdict.Rag, Because(RuleSignal.Retrieval));
        }

        if (blockers.Count > 0)
        {
            var names = string.Join(" ", blockers.Select(b => MessageTemplate.Render(b.Message, Rules, answers)));
            return (Verdict.NotReady, $"Blocked: {names}");
        }

        if (retrieval)
        {
            return score >= pilotScore
                ? (Verdict.RagAndFineTune, $"{Because(RuleSignal.Retrieval)} {Because(RuleSignal.Behavior)}")
                : (Verdict.Rag, $"{Because(RuleSignal.Retrieval)} The case for also fine-tuning scores {score}, below the {pilotScore} a pilot needs.");
        }

        if (score >= fineTuneScore && !Has(RuleSignal.PilotFirst))
        {
            return (Verdict.FineTune, $"Readiness {score} reaches the {fineTuneScore} needed for a production fine-tune, and nothing asks for a pilot first.");
        }

        if (score >= pilotScore)
        {
            return score >= fineTuneScore
                ? (Verdict.Pilot, $"Readiness {score} is high, but first: {Because(RuleSignal.PilotFirst)}")
                : (Verdict.Pilot, $"Readiness {score} reaches the {pilotScore} for a pilot but not the {fineTuneScore} for a production fine-tune.");
        }

        return (Verdict.PromptEngineering, $"Readiness {score} is below the {pilotScore} a pilot needs: the case for fine-tuning is too weak to pay for itself.");
    }

    private static CriterionResult ScoreCriterion(Criterion criterion, List<Rule> fired, Func<string, string> render)
    {
        var mine = fired.Where(r => r.Criterion == criterion.Id).ToList();
        var support = mine.Where(r => r.Contribution > 0).Sum(r => r.Contribution);
        var oppose = -mine.Where(r => r.Contribution < 0).Sum(r => r.Contribution);
        var score = (int)Math.Clamp(Math.Round(NeutralScore + (CriterionPointsPerWeight * (support - oppose)), MidpointRounding.AwayFromZero), 0, 100);
        var strongest = mine.OrderByDescending(r => r.Weight).FirstOrDefault();
        return new CriterionResult
        {
            Id = criterion.Id,
            Title = criterion.Title,
            Group = criterion.Group,
            Score = score,
            NetContribution = support - oppose,
            Reason = strongest is null ? criterion.NeutralReason : render(strongest.Message),
            Citation = criterion.Citation,
        };
    }
}
