using System.Text.Json.Nodes;
using FineTuneAdvisor.Scoring.Costs;

namespace FineTuneAdvisor.Scoring.Tests.Costs;

/// <summary>The catalogue's "typical" block: what unanswered cost questions assume, its defaults, bounds and wording.</summary>
public sealed class TypicalValuesTests
{
    private static readonly Dictionary<string, string> NothingGiven = new() { ["request_volume"] = "low", ["output_tokens"] = "not_sure" };

    private static JsonObject Seed()
    {
        using var stream = typeof(CatalogueLoader).Assembly.GetManifestResourceStream("FineTuneAdvisor.Scoring.provider-catalogue.json")!;
        using var reader = new StreamReader(stream);
        return JsonNode.Parse(reader.ReadToEnd())!.AsObject();
    }

    private static JsonObject Typical(JsonObject catalogue) => catalogue["typical"]!.AsObject();

    private static ProviderCatalogue Load(JsonObject catalogue) => CatalogueLoader.LoadOrThrow(catalogue.ToJsonString());

    private static IReadOnlyList<CatalogueProblem> Problems(JsonObject catalogue)
    {
        var result = CatalogueLoader.Load(catalogue.ToJsonString());
        Assert.False(result.IsValid);
        return result.Problems;
    }

    /// <summary>The former constants: a catalogue stored before the block existed must estimate exactly as before.</summary>
    private static void AssertTodaysValues(TypicalValues typical)
    {
        Assert.Equal((10_000, 100_000, 1_000_000), (typical.LowRequestsPerMonth, typical.MediumRequestsPerMonth, typical.HighRequestsPerMonth));
        Assert.Equal((2_000, 20, 100, 200, 0), (typical.PromptTokens, typical.PromptAfterFineTuningDivisor, typical.UserTokens, typical.OutputTokens, typical.CachedPromptPercent));
        Assert.Equal((500, 1_000, 12), (typical.TokensPerExample, typical.PilotExamples, typical.HorizonMonths));
    }

    [Fact]
    public void LoadDefault_TheSeedStatesTheBlock_WithTodaysValues()
    {
        var seed = Seed();

        Assert.NotNull(seed["typical"]);
        AssertTodaysValues(CatalogueLoader.LoadDefault().Typical);
        Assert.Equal(TypicalValues.Defaults, CatalogueLoader.LoadDefault().Typical);
    }

    [Fact]
    public void Load_OldDocumentWithoutTheBlock_LoadsWithTodaysValuesAndReadsTheSameAnswersTheSame()
    {
        var old = Seed();
        old.Remove("typical");

        var catalogue = Load(old);

        Assert.Null(catalogue.Document.Typical);
        AssertTodaysValues(catalogue.Typical);
        var before = CostAnswers.Read(NothingGiven, catalogue.Typical);
        var seeded = CostAnswers.Read(NothingGiven, CatalogueLoader.LoadDefault().Typical);
        Assert.Equal(seeded.Inputs, before.Inputs);
        Assert.Equal(seeded.Assumptions, before.Assumptions);
        // Exported as stored: the old document gains no block on the way out.
        Assert.DoesNotContain("\"typical\"", CatalogueLoader.Write(catalogue.Document), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BlockWithSomeMembers_TakesTodaysValuesForTheRest()
    {
        var catalogue = Seed();
        catalogue["typical"] = new JsonObject { ["outputTokens"] = 450, ["requestsPerMonth"] = new JsonObject { ["high"] = 2_000_000 } };

        var typical = Load(catalogue).Typical;

        Assert.Equal(450, typical.OutputTokens);
        Assert.Equal(2_000_000, typical.HighRequestsPerMonth);
        Assert.Equal((10_000, 100_000), (typical.LowRequestsPerMonth, typical.MediumRequestsPerMonth));
        Assert.Equal((2_000, 20, 100, 500, 1_000, 12), (typical.PromptTokens, typical.PromptAfterFineTuningDivisor, typical.UserTokens, typical.TokensPerExample, typical.PilotExamples, typical.HorizonMonths));
    }

    [Fact]
    public void Read_OtherTypicalValues_ChangeTheInputsAndTheAssumptionsQuoteThem()
    {
        var catalogue = Seed();
        catalogue["typical"] = new JsonObject
        {
            ["requestsPerMonth"] = new JsonObject { ["low"] = 20_000, ["medium"] = 150_000, ["high"] = 3_000_000 },
            ["promptTokens"] = 3_000,
            ["promptAfterFineTuningDivisor"] = 10,
            ["userTokens"] = 250,
            ["outputTokens"] = 400,
            ["cachedPromptPercent"] = 50,
            ["tokensPerExample"] = 800,
            ["pilotExamples"] = 2_500,
            ["horizonMonths"] = 24,
        };
        var typical = Load(catalogue).Typical;

        var reading = CostAnswers.Read(NothingGiven, typical);

        var inputs = reading.Inputs;
        Assert.Equal(20_000, inputs.RequestsPerMonth);
        Assert.Equal(3_000, inputs.PromptTokens);
        Assert.Equal(300, inputs.PromptTokensAfterFineTuning);
        Assert.Equal(250, inputs.UserTokens);
        Assert.Equal(400, inputs.OutputTokens);
        Assert.Equal(0.5m, inputs.CachedShare);
        Assert.Equal(2_500, inputs.TrainingExamples);
        Assert.Equal(800, inputs.TokensPerExample);
        Assert.Equal(24, inputs.HorizonMonths);
        Assert.Empty(CostLimits.Check(inputs));
        Assert.Equal(
        [
            "Requests a month: 20,000, typical of a low request volume (not given).",
            "Prompt today: 3,000 tokens of instructions and examples a request, a typical long prompt (not given).",
            "Prompt after fine-tuning: 300 tokens, a tenth of today's 3,000 (not given).",
            "Answer length: 400 tokens (not given).",
            "Prompt cache: 50% of the prompt served from the cache (not given).",
            "The user's own words: 250 tokens a request, the same on both paths (not asked).",
            "Training examples: 2,500, a pilot's worth (you have none yet).",
            "Tokens per training example: 800 (not measured: measure a sample of your data for the real figure).",
            "Retraining: 12 times a year (how often the information changes is not known).",
            "Horizon: 24 months; one training run before the model ships (the high case assumes two).",
        ], reading.Assumptions);
        Assert.Equal(150_000, CostAnswers.Read(new Dictionary<string, string>(), typical).Inputs.RequestsPerMonth);
        Assert.Equal(3_000_000, CostAnswers.Read(new Dictionary<string, string> { ["request_volume"] = "high" }, typical).Inputs.RequestsPerMonth);
    }

    [Fact]
    public void Read_TodaysValues_SayATwentiethAndNoCache()
    {
        var reading = CostAnswers.Read(NothingGiven, TypicalValues.Defaults);

        Assert.Contains("Prompt after fine-tuning: 100 tokens, a twentieth of today's 2,000 (not given).", reading.Assumptions);
        Assert.Contains(reading.Assumptions, a => a.StartsWith("Prompt cache: none (not given).", StringComparison.Ordinal));
        Assert.Contains("Horizon: 12 months; one training run before the model ships (the high case assumes two).", reading.Assumptions);
    }

    [Theory]
    [InlineData(1, "Prompt after fine-tuning: 2,000 tokens, as long as today's (not given).")]
    [InlineData(2, "Prompt after fine-tuning: 1,000 tokens, half of today's 2,000 (not given).")]
    [InlineData(4, "Prompt after fine-tuning: 500 tokens, a quarter of today's 2,000 (not given).")]
    [InlineData(16, "Prompt after fine-tuning: 125 tokens, 1/16 of today's 2,000 (not given).")]
    public void Read_PromptDivisor_TheSentenceFollowsTheValue(int divisor, string sentence)
    {
        var reading = CostAnswers.Read(NothingGiven, TypicalValues.Defaults with { PromptAfterFineTuningDivisor = divisor });

        Assert.Contains(sentence, reading.Assumptions);
        Assert.DoesNotContain(reading.Assumptions, a => a.Contains("twentieth", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("requestsPerMonth.low", 0, "Must be from 1 to 29,999 (requests a month")]
    [InlineData("requestsPerMonth.low", 30_000, "Must be from 1 to 29,999 (requests a month: a typical low volume stays under the medium band, which starts at 30,000).")]
    [InlineData("requestsPerMonth.medium", 29_999, "Must be from 30,000 to 299,999 (requests a month")]
    [InlineData("requestsPerMonth.medium", 300_000, "Must be from 30,000 to 299,999 (requests a month")]
    [InlineData("requestsPerMonth.high", 299_999, "Must be from 300,000 to 10,000,000,000 (requests a month")]
    [InlineData("requestsPerMonth.high", 10_000_000_001, "Must be from 300,000 to 10,000,000,000 (requests a month")]
    [InlineData("promptTokens", 0, "Must be from 1 to 2,000,000 (tokens of prompt today).")]
    [InlineData("promptTokens", 2_000_001, "Must be from 1 to 2,000,000 (tokens of prompt today).")]
    [InlineData("promptAfterFineTuningDivisor", 0, "Must be from 1 to 1,000 (today's prompt is divided by this after fine-tuning; 1 keeps it whole).")]
    [InlineData("promptAfterFineTuningDivisor", 1_001, "Must be from 1 to 1,000 (")]
    [InlineData("userTokens", 0, "Must be from 1 to 2,000,000 (tokens of the user's own words).")]
    [InlineData("userTokens", 2_000_001, "Must be from 1 to 2,000,000 (")]
    [InlineData("outputTokens", 0, "Must be from 1 to 1,000,000 (tokens of answer).")]
    [InlineData("outputTokens", 1_000_001, "Must be from 1 to 1,000,000 (")]
    [InlineData("cachedPromptPercent", -1, "Must be from 0 to 100 (per cent of the prompt served from a cache).")]
    [InlineData("cachedPromptPercent", 101, "Must be from 0 to 100 (")]
    [InlineData("tokensPerExample", 0, "Must be from 1 to 2,000,000 (tokens per training example).")]
    [InlineData("tokensPerExample", 2_000_001, "Must be from 1 to 2,000,000 (")]
    [InlineData("pilotExamples", 0, "Must be from 1 to 100,000,000 (training examples for a pilot).")]
    [InlineData("pilotExamples", 100_000_001, "Must be from 1 to 100,000,000 (")]
    [InlineData("horizonMonths", 0, "Must be from 1 to 120 (months compared).")]
    [InlineData("horizonMonths", 121, "Must be from 1 to 120 (")]
    public void Load_TypicalValueOutOfBounds_IsNamedAtItsPath(string member, long value, string message)
    {
        var catalogue = Seed();
        var parts = member.Split('.');
        var parent = parts.Length == 2 ? Typical(catalogue)[parts[0]]!.AsObject() : Typical(catalogue);
        parent[parts[^1]] = value;

        var problem = Assert.Single(Problems(catalogue));

        Assert.Equal($"$.typical.{member}", problem.Path);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("requestsPerMonth.low", 29_999)]
    [InlineData("requestsPerMonth.medium", 30_000)]
    [InlineData("requestsPerMonth.medium", 299_999)]
    [InlineData("requestsPerMonth.high", 300_000)]
    [InlineData("promptAfterFineTuningDivisor", 1)]
    [InlineData("cachedPromptPercent", 100)]
    [InlineData("horizonMonths", 120)]
    public void Load_TypicalValueAtItsBound_IsAccepted(string member, long value)
    {
        var catalogue = Seed();
        var parts = member.Split('.');
        var parent = parts.Length == 2 ? Typical(catalogue)[parts[0]]!.AsObject() : Typical(catalogue);
        parent[parts[^1]] = value;

        Assert.True(CatalogueLoader.Load(catalogue.ToJsonString()).IsValid);
    }

    [Fact]
    public void Load_RequestLevelsOutOfOrder_EachIsNamedAndEveryProblemAtOnce()
    {
        var catalogue = Seed();
        Typical(catalogue)["requestsPerMonth"] = new JsonObject { ["low"] = 500_000, ["medium"] = 100_000, ["high"] = 20_000 };
        Typical(catalogue)["horizonMonths"] = 0;
        catalogue["models"]![0]!["fineTuned"]!["inputPerMillion"] = -1;

        var problems = Problems(catalogue);

        Assert.Equal(
            ["$.typical.requestsPerMonth.low", "$.typical.requestsPerMonth.high", "$.typical.horizonMonths", "$.models[0].fineTuned.inputPerMillion"],
            problems.Select(p => p.Path));
        Assert.Contains("stays under the medium band", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("stays above medium", problems[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("promptTokens", "\"2000\"", "$.typical.promptTokens", "Must be a whole number (not in quotes).")]
    [InlineData("promptTokens", "2000.5", "$.typical.promptTokens", "Must be a whole number (not in quotes).")]
    [InlineData("horizonMonths", "\"12\"", "$.typical.horizonMonths", "Must be a whole number (not in quotes).")]
    [InlineData("promptTokensToday", "2000", "$.typical.promptTokensToday", "Unknown property: the catalogue format has no such field (names are case-sensitive).")]
    public void Load_TypicalValueOfTheWrongShape_IsNamed(string member, string value, string path, string message)
    {
        var catalogue = Seed();
        Typical(catalogue)[member] = JsonNode.Parse(value);

        var problem = Assert.Single(Problems(catalogue));

        Assert.Equal((path, message), (problem.Path, problem.Message));
    }
}
