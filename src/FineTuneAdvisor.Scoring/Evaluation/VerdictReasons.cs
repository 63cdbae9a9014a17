using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Evaluation;

/// <summary>The one or two sentences that say why the verdict is what it is, in the words of the rules that decided it.</summary>
internal static class VerdictReasons
{
    public static string Of(Decision decision, IReadOnlyList<Rule> fired, ProcedureParameters procedure, Func<string, string> render)
    {
        string? Because(RuleSignal signal) => fired.FirstOrDefault(r => r.Signal == signal) is { } rule ? render(rule.Message) : null;
        static string Join(params string?[] parts) => string.Join(" ", parts.Where(p => !string.IsNullOrEmpty(p)));

        var retrieval = Because(RuleSignal.Retrieval);
        var prompting = Because(RuleSignal.Prompting);
        var minCase = procedure.CaseMinScore;
        var minFineTune = procedure.FineTuneMinScore;
        if (prompting is not null || decision.CaseScore < minCase)
        {
            var weak = prompting ?? $"The case for fine-tuning is weak: {decision.CaseScore} of 100, below the {minCase} it takes to pay for itself.";
            return decision.Verdict == Verdict.Rag
                ? Join(weak, retrieval)
                : Join(weak, prompting is null ? "A strong base model with good prompts is the better start." : null);
        }

        if (decision is { Verdict: Verdict.Rag, FineTuneStage: FineTuneStage.None })
        {
            return Join(retrieval, "Nothing in the use case needs a behaviour or format that only training teaches.");
        }

        if (decision.FineTuneStage == FineTuneStage.Blocked)
        {
            var blockers = string.Join(" ", fired.Where(r => r.Effect == RuleEffect.Blocker).Select(r => render(r.Message)));
            return decision.Verdict == Verdict.Rag
                ? Join(retrieval, $"Retrieval can start now; fine-tuning the behaviour part waits until this is resolved: {blockers}")
                : $"Blocked: {blockers}";
        }

        var behavior = Because(RuleSignal.Behavior);
        if (decision.FineTuneStage == FineTuneStage.Pilot)
        {
            var reasons = fired.Where(r => r.Signal is RuleSignal.PilotFirst or RuleSignal.Feasibility).Take(2).Select(r => render(r.Message)).ToList();
            var first = reasons.Count > 0
                ? string.Join(" ", reasons)
                : $"readiness {decision.ReadinessScore} is below the {minFineTune} a production fine-tune needs.";
            return decision.Verdict == Verdict.RagAndFineTune
                ? Join(retrieval, behavior, $"Start the fine-tuning half as a pilot: {first}")
                : $"The case is strong ({decision.CaseScore} of 100), but first a pilot: {first}";
        }

        return decision.Verdict == Verdict.RagAndFineTune
            ? Join(retrieval, behavior, "Both halves can go ahead, the fine-tuning half for production.")
            : $"The case is strong ({decision.CaseScore} of 100) and readiness {decision.ReadinessScore} reaches the {minFineTune} for a production fine-tune, with nothing that asks for a pilot first.";
    }
}
