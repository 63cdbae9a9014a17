using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>
/// Scores answers against a rule set. Deterministic and total: the same answers and rule set always give the
/// same result, and any answers (even incomplete) give a result rather than an exception.
/// The formula and the verdict procedure are documented in docs/scoring.md.
/// </summary>
public static class RulesEngine
{
    public const int NeutralScore = 50;

    /// <summary>Each point of net weight moves a criterion's score 5 points from neutral, so ±10 saturates it.</summary>
    public const int CriterionPointsPerWeight = 5;

    public static AssessmentResult Evaluate(AnswerSet answers, RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(ruleSet);

        var fired = Fire(answers, ruleSet);
        var score = ReadinessScore(fired, ruleSet);
        var (verdict, reason) = DecideVerdict(fired, score, ruleSet, answers);

        return new AssessmentResult
        {
            Verdict = verdict,
            VerdictReason = reason,
            ReadinessScore = score,
            Criteria = [.. Criteria.All.Select(c => ScoreCriterion(c, fired, ruleSet, answers))],
            FiredRules = [.. fired.Select(r => ToFiredRule(r, ruleSet, answers))],
            Risks = Distinct(fired.Where(r => r.Risk is not null).Select(r => MessageTemplate.Render(r.Risk!, ruleSet, answers))),
            NextSteps = NextSteps(fired, ruleSet, answers),
            RuleSetVersion = ruleSet.Version,
        };
    }

    /// <summary>Step 1 of the formula: the enabled rules whose condition holds, in rule-set order.</summary>
    public static List<Rule> Fire(AnswerSet answers, RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(ruleSet);
        var fired = new List<Rule>();
        foreach (var rule in ruleSet.Rules)
        {
            if (rule.Enabled && rule.When.IsMet(answers))
            {
                fired.Add(rule);
            }
        }

        return fired;
    }

    /// <summary>
    /// 50 plus the signed weights of the fired rules, clamped to 0–100. A fired blocker caps the score just below
    /// the pilot threshold: nothing can go ahead until it is removed, and the number should not suggest otherwise.
    /// </summary>
    public static int ReadinessScore(IReadOnlyCollection<Rule> fired, RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(fired);
        ArgumentNullException.ThrowIfNull(ruleSet);
        var score = Math.Clamp(Math.Round(NeutralScore + fired.Sum(r => r.Contribution), MidpointRounding.AwayFromZero), 0, 100);
        if (fired.Any(r => r.Effect == RuleEffect.Blocker))
        {
            score = Math.Max(0, Math.Min(score, ruleSet.Number(RequiredParameters.PilotMinScore) - 1));
        }

        return (int)score;
    }

    /// <summary>
    /// The verdict procedure, in order: prompting is enough; retrieval fits; a blocker stops fine-tuning;
    /// retrieval plus a behaviour need combines both; then the score thresholds decide fine-tune, pilot or prompting.
    /// </summary>
    private static (Verdict Verdict, string Reason) DecideVerdict(List<Rule> fired, int score, RuleSet ruleSet, AnswerSet answers)
    {
        bool Has(RuleSignal signal) => fired.Exists(r => r.Signal == signal);
        string Because(RuleSignal signal) => MessageTemplate.Render(fired.First(r => r.Signal == signal).Message, ruleSet, answers);

        var retrieval = Has(RuleSignal.Retrieval);
        var prompting = Has(RuleSignal.Prompting);
        var behavior = Has(RuleSignal.Behavior) && !prompting;
        var blockers = fired.Where(r => r.Effect == RuleEffect.Blocker).ToList();
        var pilotScore = ruleSet.Number(RequiredParameters.PilotMinScore);
        var fineTuneScore = ruleSet.Number(RequiredParameters.FineTuneMinScore);

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
            var names = string.Join(" ", blockers.Select(b => MessageTemplate.Render(b.Message, ruleSet, answers)));
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

    private static CriterionResult ScoreCriterion(Criterion criterion, List<Rule> fired, RuleSet ruleSet, AnswerSet answers)
    {
        var mine = fired.Where(r => r.Criterion == criterion.Id).ToList();
        var support = mine.Where(r => r.Contribution > 0).Sum(r => r.Contribution);
        var oppose = -mine.Where(r => r.Contribution < 0).Sum(r => r.Contribution);
        var score = (int)Math.Clamp(Math.Round(NeutralScore + CriterionPointsPerWeight * (support - oppose), MidpointRounding.AwayFromZero), 0, 100);

        // The reason is the weightiest rule's message (the earliest in the rule set on a tie: OrderBy is stable).
        var strongest = mine.OrderByDescending(r => r.Weight).FirstOrDefault();
        return new CriterionResult
        {
            Id = criterion.Id,
            Title = criterion.Title,
            Group = criterion.Group,
            Score = score,
            NetContribution = support - oppose,
            Reason = strongest is null ? criterion.NeutralReason : MessageTemplate.Render(strongest.Message, ruleSet, answers),
            Citation = criterion.Citation,
        };
    }

    private static FiredRule ToFiredRule(Rule rule, RuleSet ruleSet, AnswerSet answers) => new()
    {
        Id = rule.Id,
        Criterion = rule.Criterion,
        Effect = rule.Effect,
        Weight = rule.Weight,
        Contribution = rule.Contribution,
        Message = MessageTemplate.Render(rule.Message, ruleSet, answers),
        Citation = rule.Citation,
        Signal = rule.Signal,
    };

    /// <summary>Blockers' steps come first (they must be removed before anything else), then by weight, then rule order.</summary>
    private static List<string> NextSteps(List<Rule> fired, RuleSet ruleSet, AnswerSet answers) =>
        Distinct(fired
            .Where(r => r.NextStep is not null)
            .OrderBy(r => r.Effect == RuleEffect.Blocker ? 0 : 1)
            .ThenByDescending(r => r.Weight)
            .Select(r => MessageTemplate.Render(r.NextStep!, ruleSet, answers)));

    private static List<string> Distinct(IEnumerable<string> items) => [.. items.Distinct(StringComparer.Ordinal)];
}
