namespace FineTuneAdvisor.Scoring.RuleSets;

/// <summary>
/// The 14 criteria of the spec, in the order results list them. The four about the use case itself count towards how
/// strong the case for fine-tuning is; the rest towards how ready the team is (see docs/scoring.md, "Scores").
/// </summary>
public static class Criteria
{
    public static IReadOnlyList<Criterion> All { get; } =
    [
        new("specialized_domain", CriterionGroup.WhenToFineTune, "Specialised domain", "When to Fine-Tune #1", "The subject matter gives no strong reason either way.", Dimension.Case),
        new("custom_format", CriterionGroup.WhenToFineTune, "Custom format and behaviour", "When to Fine-Tune #2", "The output format gives no strong reason either way.", Dimension.Case),
        new("privacy_security_fairness", CriterionGroup.WhenToFineTune, "Privacy, security and fairness", "When to Fine-Tune #3", "No privacy or fairness need that fine-tuning would address.", Dimension.Case),
        new("efficiency", CriterionGroup.WhenToFineTune, "Efficiency with short prompts", "When to Fine-Tune #4", "Prompt length and volume give no strong reason either way.", Dimension.Case),
        new("sufficient_data", CriterionGroup.WhenToFineTune, "Sufficient, good data", "When to Fine-Tune #5", "The data gives no strong reason either way.", Dimension.Team),
        new("limited_data", CriterionGroup.WhenNotToFineTune, "Limited or poor data", "When Not to Fine-Tune #1", "You have enough data to at least try.", Dimension.Team),
        new("rapidly_changing_information", CriterionGroup.WhenNotToFineTune, "Rapidly changing information", "When Not to Fine-Tune #2", "The information changes slowly enough.", Dimension.Team),
        new("ethical_compliance_risk", CriterionGroup.WhenNotToFineTune, "Ethical and compliance risk", "When Not to Fine-Tune #3", "No ethical or compliance concern was raised.", Dimension.Team),
        new("cost", CriterionGroup.OtherConsiderations, "Cost", "Other Considerations: Costs", "The budget neither helps nor hinders.", Dimension.Team),
        new("expertise", CriterionGroup.OtherConsiderations, "Expertise", "Other Considerations: Expertise", "The team's expertise neither helps nor hinders.", Dimension.Team),
        new("maintenance", CriterionGroup.OtherConsiderations, "Maintenance", "Disadvantages: Maintenance Needs", "Upkeep looks manageable.", Dimension.Team),
        new("overfitting", CriterionGroup.OtherConsiderations, "Risk of overfitting", "Disadvantages: Risk of Overfitting", "No particular risk of over-specialising.", Dimension.Team),
        new("open_source", CriterionGroup.OtherConsiderations, "Open-source models", "Other Considerations: Open-Source LLMs", "Where the model runs makes no difference here.", Dimension.Team),
        new("continuous_iteration", CriterionGroup.OtherConsiderations, "Continuous iteration", "Other Considerations: Continuous iteration", "Nothing special about how you would iterate.", Dimension.Team),
    ];

    private static readonly Dictionary<string, Criterion> ById = All.ToDictionary(c => c.Id, StringComparer.Ordinal);

    public static Criterion? Find(string id) => ById.GetValueOrDefault(id);
}
