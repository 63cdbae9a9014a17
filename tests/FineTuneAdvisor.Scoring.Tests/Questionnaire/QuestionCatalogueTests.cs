using FineTuneAdvisor.Scoring.Costs;
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
        { "prompting_status", "use_case", "Choice", "not_tried,works_well,works_but_costly,insufficient,not_sure" },
        { "knowledge_vs_behavior", "use_case", "Choice", "behavior,knowledge,both" },
        { "prompt_efficiency_need", "use_case", "Choice", "low,medium,high" },
        { "request_volume", "use_case", "Choice", "low,medium,high,not_sure" },
        { "example_count", "data", "Number", "" },
        { "data_quality", "data", "Choice", "raw,partially_reviewed,curated,not_sure" },
        { "data_variety", "data", "Choice", "narrow,moderate,broad" },
        { "has_eval_set", "data", "Boolean", "true,false" },
        { "change_frequency", "freshness", "Choice", "rarely,quarterly,monthly,weekly,daily,realtime,not_sure" },
        { "data_sensitivity", "compliance", "Choice", "public,internal,personal,regulated" },
        { "data_rights", "compliance", "Choice", "confirmed,unclear,no" },
        { "bias_risk", "compliance", "Choice", "low,moderate,high,not_sure" },
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

    /// <summary>Issue 9: "not sure" for the answers a product manager often cannot give yet; rights and hosting already had theirs.</summary>
    [Fact]
    public void Questions_UnsureAnswers_AreLastAndSayWhatTheyCountAs()
    {
        var withNotSure = QuestionCatalogue.Questions.Where(q => q.Choices.Any(c => c.Value == Choice.NotSure)).Select(q => q.Id);
        var unsure = QuestionCatalogue.Questions.SelectMany(q => q.Choices.Where(c => c.Unsure).Select(c => $"{q.Id}={c.Value}"));

        Assert.Equal(["prompting_status", "request_volume", "data_quality", "change_frequency", "bias_risk"], withNotSure);
        Assert.Equal(
            ["prompting_status=not_sure", "request_volume=not_sure", "data_quality=not_sure", "change_frequency=not_sure", "data_rights=unclear", "bias_risk=not_sure", "model_hosting=undecided"],
            unsure);
        Assert.All(QuestionCatalogue.Questions.Where(q => withNotSure.Contains(q.Id)), q =>
        {
            Assert.Equal(Choice.NotSure, q.Choices[^1].Value);
            Assert.StartsWith("Counted as ", q.Choices[^1].Hint, StringComparison.Ordinal);
        });
    }

    /// <summary>Bias mitigation is not asked when the risk of unfair outcomes is low; every other question always applies.</summary>
    [Theory]
    [InlineData("low", false)]
    [InlineData("moderate", true)]
    [InlineData("high", true)]
    [InlineData("not_sure", true)]
    public void AppliesTo_BiasMitigation_OnlyWhenTheRiskIsNotLow(string risk, bool applies)
    {
        var answers = new AnswerSet([new("bias_risk", risk), new("bias_mitigation", "none")]);

        Assert.Equal(applies, QuestionCatalogue.Find("bias_mitigation")!.AppliesTo(answers));
        Assert.Equal(applies, QuestionCatalogue.Applicable(answers).ContainsKey("bias_mitigation"));
        Assert.All(QuestionCatalogue.Questions.Where(q => q.Id != "bias_mitigation"), q => Assert.Null(q.AppliesWhen));
    }

    /// <summary>A condition reads only questions that are always asked, so the order questions are settled in never matters.</summary>
    [Fact]
    public void AppliesWhen_EveryCondition_ReadsOnlyQuestionsThatAlwaysApply()
    {
        foreach (var question in QuestionCatalogue.Questions.Where(q => q.AppliesWhen is not null))
        {
            var read = System.Text.RegularExpressions.Regex.Matches(question.AppliesWhen!.ToString(), "\"question\":\"([a-z_]+)\"").Select(m => m.Groups[1].Value);
            Assert.All(read, id => Assert.Null(QuestionCatalogue.Find(id)!.AppliesWhen));
            Assert.True(QuestionCatalogue.Find(question.Id)!.Position > read.Max(id => QuestionCatalogue.Find(id)!.Position), $"{question.Id} is asked after what it depends on");
        }
    }

    [Fact]
    public void Questions_Positions_AreTheirPlaceInTheCatalogue()
    {
        Assert.Equal(Enumerable.Range(0, QuestionCatalogue.Questions.Count), QuestionCatalogue.Questions.Select(q => q.Position));
        Assert.All(QuestionCatalogue.Questions, q => Assert.False(string.IsNullOrWhiteSpace(q.Topic)));
    }

    [Fact]
    public void Questions_All_AreTheSpecsIdsOnceEachInKnownSections()
    {
        var sections = QuestionCatalogue.Sections.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

        // The spec's twenty, then the optional cost questions the spec allows ("more may be added").
        Assert.Equal(SpecQuestions.Select(row => (string)row[0]).Concat(CostAnswers.Ids), QuestionCatalogue.Questions.Select(q => q.Id));
        Assert.All(QuestionCatalogue.Questions, q => Assert.Equal(q.Section == CostAnswers.Section, q.Optional));
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
