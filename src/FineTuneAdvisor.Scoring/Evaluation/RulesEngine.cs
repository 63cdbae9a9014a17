using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>
/// Scores answers against a rule set (schema 2). Deterministic and total: the same answers and rule set always give
/// the same result, and any answers (even incomplete) give a result rather than an exception. The procedure, the
/// formula, the plan, the confidence and the hinges are documented in docs/scoring.md.
/// </summary>
public static class RulesEngine
{
    public static AssessmentResult Evaluate(AnswerSet answers, RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var procedure = ProcedureOf(ruleSet);
        var facts = Facts.Of(answers, procedure);
        var applicable = facts.Applicable(answers);
        var tally = new Tally(ruleSet.Rules.Count);
        var decision = FireAndDecide(facts, ruleSet, tally);
        var fired = tally.Fired;
        var contributions = tally.Contributions;
        facts.Fired = fired;
        var rules = ruleSet.Rules.Where((_, i) => fired[i]).ToList();

        // A rule's message shows as its reason, its criterion's reason, a blocker and in the verdict: render it once.
        var rendered = new Dictionary<string, string>(ReferenceEqualityComparer.Instance);
        string Render(string text)
        {
            if (!rendered.TryGetValue(text, out var done))
            {
                done = MessageTemplate.Render(text, ruleSet, applicable, facts);
                rendered[text] = done;
            }

            return done;
        }

        var search = HingeSearch.Run(facts, decision, tally, ruleSet);
        var plan = PlanOf(decision, facts, ruleSet, search.Deciding, Render);

        return new AssessmentResult
        {
            Verdict = decision.Verdict,
            VerdictReason = VerdictReasons.Of(decision, rules, procedure, Render),
            ReadinessScore = decision.ReadinessScore,
            Criteria = [.. Criteria.All.Select((c, i) => ScoreCriterion(c, i, ruleSet, fired, contributions, procedure, Render))],
            FiredRules = [.. ruleSet.Rules.Select((rule, i) => (rule, i)).Where(r => fired[r.i]).Select(r => ToFiredRule(r.rule, contributions[r.i], Render))],
            Risks = Distinct(rules.Where(r => r.Risk is not null).Select(r => Render(r.Risk!))),
            NextSteps = [.. plan.RemoveFirst.Concat(plan.Then).Select(s => s.Text)],
            RuleSetVersion = ruleSet.Version,
            CaseScore = decision.CaseScore,
            TeamScore = decision.TeamScore,
            FineTuneStage = decision.FineTuneStage,
            Blockers = [.. rules.Where(r => r.Effect == RuleEffect.Blocker).Select(r => new Blocker(r.Id, Render(r.Message)))],
            Plan = plan,
            Confidence = search.Confidence(facts, procedure),
            Hinges = search.Hinges(facts),
            Measures = new MeasureValues(
                Math.Round(facts.Measure(Measure.EffectiveExamples), 1),
                Math.Round(facts.Measure(Measure.ProductionTarget), 1)),
        };
    }

    /// <summary>The verdict and scores only: no messages rendered, no plan, no hinges. Several times faster than <see cref="Evaluate"/>.</summary>
    public static Decision Decide(AnswerSet answers, RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return FireAndDecide(Facts.Of(answers, ProcedureOf(ruleSet)), ruleSet, new Tally(ruleSet.Rules.Count));
    }

    /// <summary>
    /// Step 1 of the procedure: the enabled rules whose condition holds, in rule-set order (answers to questions that do
    /// not apply are dropped first). Reads schema-1 rule sets too, which the tests use to show what version 1 said.
    /// </summary>
    public static List<Rule> Fire(AnswerSet answers, RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(ruleSet);
        var facts = Facts.Of(answers, ruleSet.Procedure);
        var fired = new List<Rule>();
        foreach (var rule in ruleSet.Rules)
        {
            if (rule.Enabled && rule.When.Holds(facts))
            {
                fired.Add(rule);
            }
        }

        return fired;
    }

    /// <summary>
    /// A score from a sum of signed weights: <c>round(100 × σ(sum / spread))</c>, σ the logistic function. 50 is
    /// neutral; it moves at most 25 / spread points per point of weight, and reaches 100 only at sum ≥ 5.3 × spread.
    /// </summary>
    public static int Score(double sum, double spread) =>
        (int)Math.Round(100 / (1 + Math.Exp(-sum / spread)), MidpointRounding.AwayFromZero);

    /// <summary>Fires every rule into <paramref name="tally"/> and decides.</summary>
    internal static Decision FireAndDecide(Facts facts, RuleSet ruleSet, Tally tally)
    {
        var rules = ruleSet.Rules;
        for (var i = 0; i < rules.Count; i++)
        {
            tally.Fire(rules[i], i, facts);
        }

        return tally.Conclude(ruleSet.Procedure!);
    }

    /// <summary>
    /// Decides again after the answer at <paramref name="question"/> changed in <paramref name="facts"/>: only the rules
    /// that can change with it are fired again, into <paramref name="scratch"/> (a copy of <paramref name="baseline"/>).
    /// </summary>
    internal static Decision Redecide(Facts facts, RuleSet ruleSet, Tally baseline, Tally scratch, int question)
    {
        scratch.CopyFrom(baseline);
        var rules = ruleSet.Rules;
        foreach (var position in ruleSet.Dependencies.RulesReading(question))
        {
            scratch.Fire(rules[position], position, facts);
        }

        return scratch.Conclude(ruleSet.Procedure!);
    }

    /// <summary>
    /// The verdict procedure, first that applies (docs/scoring.md, "The procedure"): (1) is fine-tuning worth it at all;
    /// (2) does retrieval carry it alone; (3) does a blocker stop the training half; (4) does anything ask for a pilot
    /// first; (5) otherwise a production fine-tune.
    /// </summary>
    internal static (Verdict, FineTuneStage) Procedure(int signals, bool blocked, int caseScore, int readiness, ProcedureParameters procedure)
    {
        bool Has(RuleSignal signal) => (signals & (1 << (int)signal)) != 0;
        var retrieval = Has(RuleSignal.Retrieval);
        if (Has(RuleSignal.Prompting) || caseScore < procedure.CaseMinScore)
        {
            return retrieval ? (Verdict.Rag, FineTuneStage.None) : (Verdict.PromptEngineering, FineTuneStage.None);
        }

        if (retrieval && !Has(RuleSignal.Behavior))
        {
            return (Verdict.Rag, FineTuneStage.None);
        }

        if (blocked)
        {
            return retrieval ? (Verdict.Rag, FineTuneStage.Blocked) : (Verdict.NotReady, FineTuneStage.Blocked);
        }

        var stage = Has(RuleSignal.PilotFirst) || Has(RuleSignal.Feasibility) || readiness < procedure.FineTuneMinScore
            ? FineTuneStage.Pilot
            : FineTuneStage.Production;
        if (retrieval)
        {
            return (Verdict.RagAndFineTune, stage);
        }

        return stage == FineTuneStage.Pilot ? (Verdict.Pilot, stage) : (Verdict.FineTune, stage);
    }

    private static ProcedureParameters ProcedureOf(RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        return ruleSet.Procedure
            ?? throw new InvalidOperationException($"Rule set version {ruleSet.Version} is schema {ruleSet.SchemaVersion}; the engine runs schema {RuleSetLoader.SchemaVersion} only.");
    }

    /// <summary>
    /// The steps that serve this verdict and stage and whose condition holds, in rule-set order. A step that resolves an
    /// unsure answer moves to "Remove first" when that answer decides the verdict. The same text twice appears once.
    /// </summary>
    private static Plan PlanOf(Decision decision, Facts facts, RuleSet ruleSet, IReadOnlySet<string> deciding, Func<string, string> render)
    {
        var removeFirst = new List<PlanStep>();
        var then = new List<PlanStep>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in ruleSet.Steps)
        {
            if (!step.Serves(decision.Verdict, decision.FineTuneStage) || (step.When is not null && !step.When.Holds(facts)))
            {
                continue;
            }

            var text = render(step.Text);
            if (!seen.Add(text))
            {
                continue;
            }

            var group = step.Resolves is { } question && deciding.Contains(question) ? StepGroup.RemoveFirst : step.Group;
            (group == StepGroup.RemoveFirst ? removeFirst : then).Add(new PlanStep(step.Id, text, step.Citation));
        }

        return new Plan { RemoveFirst = removeFirst, Then = then };
    }

    /// <summary>
    /// <c>round(100 × σ(net / criterion_spread))</c> of the criterion's fired contributions. The reason is the message of
    /// its weightiest fired rule (the earliest on a tie), or a neutral sentence when none fired.
    /// </summary>
    private static CriterionResult ScoreCriterion(Criterion criterion, int position, RuleSet ruleSet, bool[] fired, double[] contributions,
        ProcedureParameters procedure, Func<string, string> render)
    {
        double net = 0;
        Rule? strongest = null;
        var criteria = ruleSet.CriterionPositions;
        for (var i = 0; i < fired.Length; i++)
        {
            if (!fired[i] || criteria[i] != position)
            {
                continue;
            }

            var rule = ruleSet.Rules[i];
            net += contributions[i];
            if (strongest is null || rule.Weight > strongest.Weight)
            {
                strongest = rule;
            }
        }

        return new CriterionResult
        {
            Id = criterion.Id,
            Title = criterion.Title,
            Group = criterion.Group,
            Score = Score(net, procedure.CriterionSpread),
            NetContribution = Rounded(net),
            Reason = strongest is null ? criterion.NeutralReason : render(strongest.Message),
            Citation = criterion.Citation,
        };
    }

    private static FiredRule ToFiredRule(Rule rule, double contribution, Func<string, string> render) => new()
    {
        Id = rule.Id,
        Criterion = rule.Criterion,
        Effect = rule.Effect,
        Weight = rule.Weight,
        Contribution = Rounded(contribution),
        Message = render(rule.Message),
        Citation = rule.Citation,
        Signal = rule.Signal,
    };

    /// <summary>Two decimals (a ramp gives fractions), and never "-0".</summary>
    private static double Rounded(double value) => Math.Round(value, 2) is var rounded && rounded == 0 ? 0 : rounded;

    private static List<string> Distinct(IEnumerable<string> items) => [.. items.Distinct(StringComparer.Ordinal)];
}
