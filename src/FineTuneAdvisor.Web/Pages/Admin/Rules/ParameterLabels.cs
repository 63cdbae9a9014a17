using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>
/// The rule editor's words for the rule set's thresholds: a plain label and a line of help each (docs/scoring.md,
/// "Parameters"). A parameter without an entry (one a rule set added) is shown by its id.
/// </summary>
public static class ParameterLabels
{
    public sealed record Text(string Label, string Help);

    private static readonly Dictionary<string, Text> ByName = new(StringComparer.Ordinal)
    {
        [RequiredParameters.PilotExamples] = new("Examples for a pilot",
            "Effective (quality-weighted) examples a fine-tuning pilot needs. Must be below the examples for production."),
        [RequiredParameters.ProductionExamples] = new("Examples for production",
            "Effective examples a production fine-tune of an ordinary task needs."),
        [RequiredParameters.ProductionBonusSpecialized] = new("Extra for a specialised domain",
            "The production target grows by this share for a specialised domain (1 = twice as many examples)."),
        [RequiredParameters.ProductionBonusStrictFormat] = new("Extra for a strict output format",
            "The production target grows by this share for a strict output format (0.5 = half as many again)."),
        [RequiredParameters.QualityFactorCurated] = new("Weight of a curated example",
            "How much one curated row counts, from 0 to 1. At least the partly reviewed weight."),
        [RequiredParameters.QualityFactorPartiallyReviewed] = new("Weight of a partly reviewed example",
            "How much one partly reviewed row counts, from 0 to 1: between the raw and the curated weight."),
        [RequiredParameters.QualityFactorRaw] = new("Weight of a raw example",
            "How much one raw, unreviewed row counts, from 0 to 1. At most the partly reviewed weight."),
        [RequiredParameters.QualityFactorNotSure] = new("Weight when quality is “not sure”",
            "How much one row counts when the team does not know its quality, from 0 to 1."),
        [RequiredParameters.CaseMinScore] = new("Lowest case score worth fine-tuning",
            "Below this case score (1–99) fine-tuning is not worth it and prompting or retrieval is advised."),
        [RequiredParameters.FineTuneMinScore] = new("Readiness for production",
            "The readiness score (1–99) a production fine-tune needs; below it, a pilot comes first."),
        [RequiredParameters.ScoreSpread] = new("Spread of the overall scores",
            "How steeply the case, team and readiness scores rise with the evidence; larger is gentler."),
        [RequiredParameters.CriterionSpread] = new("Spread of each criterion's score",
            "The same as the overall spread, for each criterion's score."),
        [RequiredParameters.ConfidenceMargin] = new("Confidence margin",
            "An example count within this share (0–1) of a count that changes the verdict lowers the confidence."),
        [RequiredParameters.RetrievalChangeFrequency] = new("Retrieval from this change rate",
            "From this rate of change of the information on, retrieval is preferred to training it in."),
        ["min_examples"] = new("Fewest examples counted",
            "The example count the default rules' ramps start from."),
    };

    public static Text Of(string name) => ByName.GetValueOrDefault(name) ?? new(name, "A parameter this rule set adds; rules refer to it by this id.");
}
