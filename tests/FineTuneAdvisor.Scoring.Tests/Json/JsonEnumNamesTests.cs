using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Json;
using FineTuneAdvisor.Scoring.RuleSets;

namespace FineTuneAdvisor.Scoring.Tests.Json;

/// <summary>The codes of the spec, the API and stored results, as the enums' converter writes them.</summary>
public sealed class JsonEnumNamesTests
{
    [Fact]
    public void Of_EachEnum_IsTheSpecsSnakeCaseCodesInOrder()
    {
        Assert.Equal(["fine_tune", "pilot", "rag", "rag_and_fine_tune", "prompt_engineering", "not_ready"], JsonEnumNames.Of<Verdict>());
        Assert.Equal(["support", "oppose", "blocker"], JsonEnumNames.Of<RuleEffect>());
        Assert.Equal(["retrieval", "prompting", "behavior", "pilot_first", "feasibility"], JsonEnumNames.Of<RuleSignal>());
        Assert.Equal(["when_to_fine_tune", "when_not_to_fine_tune", "other_considerations"], JsonEnumNames.Of<CriterionGroup>());
        Assert.Equal(["none", "blocked", "pilot", "production"], JsonEnumNames.Of<FineTuneStage>());
        Assert.Equal(["high", "medium", "low"], JsonEnumNames.Of<ConfidenceLevel>());
        Assert.Equal(["case", "team"], JsonEnumNames.Of<Dimension>());
        Assert.Equal(["remove_first", "then"], JsonEnumNames.Of<StepGroup>());
        Assert.Equal(["effective_examples", "production_target"], JsonEnumNames.Of<Measure>());
    }

    [Fact]
    public void JsonName_EveryValue_IsWhatAnySerializerOptionsWrite()
    {
        JsonSerializerOptions[] options = [new(), new(JsonSerializerDefaults.Web), new() { PropertyNamingPolicy = JsonNamingPolicy.KebabCaseUpper }];

        Assert.All(options, o =>
        {
            Assert.All(Enum.GetValues<Verdict>(), v => Assert.Equal($"\"{v.JsonName()}\"", JsonSerializer.Serialize(v, o)));
            Assert.All(Enum.GetValues<RuleEffect>(), v => Assert.Equal($"\"{v.JsonName()}\"", JsonSerializer.Serialize(v, o)));
            Assert.All(Enum.GetValues<RuleSignal>(), v => Assert.Equal($"\"{v.JsonName()}\"", JsonSerializer.Serialize(v, o)));
            Assert.All(Enum.GetValues<CriterionGroup>(), v => Assert.Equal($"\"{v.JsonName()}\"", JsonSerializer.Serialize(v, o)));
            Assert.All(Enum.GetValues<FineTuneStage>(), v => Assert.Equal($"\"{v.JsonName()}\"", JsonSerializer.Serialize(v, o)));
            Assert.All(Enum.GetValues<ConfidenceLevel>(), v => Assert.Equal($"\"{v.JsonName()}\"", JsonSerializer.Serialize(v, o)));
        });
    }

    [Theory]
    [InlineData("support", true)]
    [InlineData("Support", false)]
    [InlineData("SUPPORT", false)]
    [InlineData("support, oppose", false)]
    [InlineData("0", false)]
    [InlineData(" support", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TryParse_OnlyTheExactName_IsAccepted(string? name, bool accepted)
    {
        Assert.Equal(accepted, JsonEnumNames.TryParse<RuleEffect>(name, out var effect));
        Assert.Equal(RuleEffect.Support, effect);
    }

    /// <summary>A stored number would silently mean whichever member sits at that position today.</summary>
    [Theory]
    [InlineData("2")]
    [InlineData("\"2\"")]
    [InlineData("\"fine-tune\"")]
    public void Deserialize_NumberOrOtherSpelling_IsRefused(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Verdict>(json));
    }

    [Fact]
    public void VerdictCodes_RoundTrip_AndUnknownCodesAreNone()
    {
        Assert.All(Enum.GetValues<Verdict>(), v => Assert.Equal(v, Verdicts.FromCode(v.Code())));
        Assert.All(Verdicts.All, text => Assert.Equal(text.Verdict.Code(), text.Code));
        Assert.Null(Verdicts.FromCode("Fine_Tune"));
        Assert.Null(Verdicts.FromCode(null));
    }
}
