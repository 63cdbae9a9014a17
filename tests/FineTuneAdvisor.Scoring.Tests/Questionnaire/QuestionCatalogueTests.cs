using FineTuneAdvisor.Scoring.Questionnaire;

namespace FineTuneAdvisor.Scoring.Tests.Questionnaire;

/// <summary>The question ids are the contract of the product spec ("Questionnaire (required question ids)").</summary>
public class QuestionCatalogueTests
{
    public static TheoryData<string, string, string, string> SpecQuestions => new()
    {
        { "use_case_summary", "use_case", "Text", "" },
        { "domain", "use_case", "Choice", "general,business,specialized" },
        { "output_requirements", "use_case", "Choice", "free_form,consistent_style,strict_format" },
        { "prompting_status", "use_case", "Choice", "not_tried,works_well,works_but_costly,insufficient" },
        { "knowledge_vs_behavior", "use_case", "Choice", "behavior,knowledge,both" },
        { "prompt_efficiency_need", "use_case", "Choice", "low,medium,high" },
        { "request_volume", "use_case", "Choice", "low,medium,high" },
        { "example_count", "data", "Number", "" },
        { "data_quality", "data", "Choice", "raw,partially_reviewed,curated" },
        { "data_variety", "data", "Choice", "narrow,moderate,broad" },
        { "has_eval_set", "data", "Boolean", "true,false" },
        { "change_frequency", "freshness", "Choice", "rarely,quarterly,monthly,weekly,daily,realtime" },
        { "data_sensitivity", "compliance", "Choice", "public,internal,personal,regulated" },
        { "data_rights", "compliance", "Choice", "confirmed,unclear,no" },
        { "bias_risk", "compliance", "Choice", "low,moderate,high" },
        { "bias_mitigation", "compliance", "Choice", "none,planned,in_place" },
        { "budget", "resources", "Choice", "minimal,moderate,substantial" },
        { "ml_expertise", "resources", "Choice", "none,some,dedicated_team" },
        { "maintenance_capacity", "resources", "Choice", "none,occasional,ongoing" },
        { "model_hosting", "resources", "Choice", "hosted_api,open_source_self_hosted,undecided" },
    };

    [Theory]
    [MemberData(nameof(SpecQuestions))]
    public void Find_SpecQuestion_HasTheSpecsSectionTypeAndValuesInOrder(string id, string section, string type, string values)
    {
        var question = QuestionCatalogue.Find(id);

        Assert.NotNull(question);
        Assert.Equal((section, type), (question.Section, question.Type.ToString()));
        Assert.Equal(values, string.Join(",", question.Choices.Select(c => c.Value)));
        Assert.False(string.IsNullOrWhiteSpace(question.Label));
        Assert.False(string.IsNullOrWhiteSpace(question.Help));
        Assert.All(question.Choices, c => Assert.False(string.IsNullOrWhiteSpace(c.Label)));
    }

    [Fact]
    public void Questions_All_AreTheSpecsIdsOnceEachInKnownSections()
    {
        var sections = QuestionCatalogue.Sections.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(SpecQuestions.Select(row => (string)row[0]), QuestionCatalogue.Questions.Select(q => q.Id));
        Assert.All(QuestionCatalogue.Questions, q => Assert.Contains(q.Section, sections));
        Assert.All(QuestionCatalogue.Sections, s => Assert.NotEmpty(QuestionCatalogue.InSection(s.Id)));
    }

    [Fact]
    public void Find_NumericAndTextQuestions_HaveTheSpecsRanges()
    {
        Assert.Equal((0L, 100_000_000L), (QuestionCatalogue.Find("example_count")!.Minimum, QuestionCatalogue.Find("example_count")!.Maximum));
        Assert.Equal((1L, 2000L), (QuestionCatalogue.Find("use_case_summary")!.Minimum, QuestionCatalogue.Find("use_case_summary")!.Maximum));
    }

    [Theory]
    [InlineData("")]
    [InlineData("domian")]
    [InlineData("Domain")]
    public void Find_UnknownId_IsNull(string id)
    {
        Assert.Null(QuestionCatalogue.Find(id));
    }
}
