using System.Globalization;
using System.Text;
using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Costs;

namespace FineTuneAdvisor.Web.Pages.Results;

/// <summary>
/// The Markdown export's "Where you can fine-tune" (always) and "Will it pay for itself?" (when a cost question was
/// answered): the same facts as the result page's sections, the chart as a table.
/// </summary>
public static class CostMarkdown
{
    public static string Render(AssessmentCost cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var invariant = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        var availability = cost.Availability;
        md.Append("## Where you can fine-tune\n\n");
        if (cost.Chosen is { } chosen)
        {
            md.Append(availability.CanTrainToday
                ? $"{MarkdownReport.Escape(chosen.Name)} ({MarkdownReport.Escape(chosen.Provider.Name)}) takes new fine-tuning jobs today, {CostFormat.Day(cost.Today)}.\n\n"
                : $"**Do not plan to train on {MarkdownReport.Escape(chosen.Name)}:** it takes no new fine-tuning jobs as of {CostFormat.Day(cost.Today)}.\n\n");
            foreach (var warning in availability.Warnings)
            {
                md.Append("- ").Append(MarkdownReport.Escape(warning)).Append('\n');
            }

            md.Append('\n');
        }

        if (availability.Alternatives.Count > 0)
        {
            md.Append(cost.Chosen is null ? "No model chosen. These take new fine-tuning jobs today:\n\n"
                : availability.CanTrainToday ? "Should you need to move, these also take new jobs today:\n\n"
                : "Train on one of these instead:\n\n");
            foreach (var model in availability.Alternatives.Take(5))
            {
                md.Append(invariant, $"- {MarkdownReport.Escape(model.Name)} ({MarkdownReport.Escape(model.Provider.Name)}), {CostFormat.Until(model)}\n");
            }

            md.Append('\n');
        }

        md.Append("## Will it pay for itself?\n\n");
        if (!cost.Answered)
        {
            md.Append("The optional cost questions were not answered. Answer them in a revision to see the break-even, a low–high range and both paths' cost over a year.\n\n");
            return md.ToString();
        }

        if (cost.Estimate is not { } estimate)
        {
            md.Append("No estimate: ").Append(MarkdownReport.Escape(cost.Choice.Note ?? "")).Append("\n\n");
            return md.ToString();
        }

        md.Append("**").Append(MarkdownReport.Escape(cost.Headline!)).Append("**\n\n");
        md.Append(invariant, $"On {MarkdownReport.Escape(estimate.Model.Name)} ({MarkdownReport.Escape(estimate.Model.Provider.Name)}), over {CostFormat.Months(estimate.Horizon.Months)}; US dollars; provider catalogue version {cost.Catalogue.Version}, estimated on {CostFormat.Day(cost.Today)}.\n\n");
        md.Append("| | Amount |\n| --- | ---: |\n");
        md.Append(invariant, $"| A request today | {CostFormat.PerCall(estimate.Prompting.Total)} |\n");
        md.Append(invariant, $"| A request fine-tuned | {CostFormat.PerCall(estimate.FineTuned.Total)} |\n");
        md.Append(invariant, $"| Training before launch ({estimate.Training.Epochs} {(estimate.Training.Epochs == 1 ? "epoch" : "epochs")}, {CostFormat.Calls(estimate.Training.BilledTokens)} billed tokens) | {CostFormat.Money(estimate.Training.Initial)} |\n");
        md.Append(invariant, $"| Retraining a year ({estimate.Training.RetrainsPerYear} runs) | {CostFormat.Money(estimate.Training.RetrainingPerYear)} |\n");
        md.Append(invariant, $"| Break-even | {(estimate.BreakEven.IsNever ? "never" : $"{CostFormat.Calls(estimate.BreakEven.Calls!.Value)} requests, {CostFormat.Months(estimate.BreakEven.Months!.Value)}")} |\n");
        md.Append(invariant, $"| Keep prompting, over the horizon | {CostFormat.Money(estimate.PromptingTotal)} |\n");
        md.Append(invariant, $"| Fine-tune, over the horizon | {CostFormat.Money(estimate.FineTunedTotal)} |\n\n");

        md.Append("### The range\n\n| Case | Fine-tuned request | Training | Break-even |\n| --- | ---: | ---: | ---: |\n");
        foreach (var scenario in new[] { estimate.Range.Low, estimate.Range.Base, estimate.Range.High })
        {
            md.Append(invariant, $"| {scenario.Name} | {CostFormat.Money(scenario.FineTunedPerCall)} | {CostFormat.Money(scenario.TrainingCost)} | {(scenario.BreakEven.IsNever ? "never" : CostFormat.Months(scenario.BreakEven.Months!.Value))} |\n");
        }

        md.Append("\n### Cost over time\n\n| Month | Keep prompting | Fine-tune |\n| ---: | ---: | ---: |\n");
        foreach (var point in estimate.Timeline)
        {
            md.Append(invariant, $"| {decimal.Round(point.Month, 2).ToString("0.##", invariant)} | {CostFormat.Money(point.Prompting)} | {CostFormat.Money(point.FineTuned)} |\n");
        }

        md.Append("\n### Assumptions\n\n");
        foreach (var assumption in cost.VolumeNote is null ? cost.Assumptions : [cost.VolumeNote, .. cost.Assumptions])
        {
            md.Append("- ").Append(MarkdownReport.Escape(assumption)).Append('\n');
        }

        md.Append("\n### Prices\n\n");
        AppendSource(md, "Training", estimate.Model.Training.Source);
        AppendSource(md, "Base model", estimate.Model.Prompting.Source);
        AppendSource(md, "Fine-tuned model", estimate.Model.FineTuned.Source);
        md.Append('\n');
        return md.ToString();
    }

    private static void AppendSource(StringBuilder md, string what, PriceSource source) =>
        md.Append(CultureInfo.InvariantCulture, $"- {what}: <{source.Url}>, checked {CostFormat.Day(source.CheckedOn)}\n");
}
