using System.Text.Json.Nodes;
using FineTuneAdvisor.Scoring.Costs;

namespace FineTuneAdvisor.Scoring.Tests.Costs;

public sealed class CatalogueLoaderTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static string DefaultJson()
    {
        using var stream = typeof(CatalogueLoader).Assembly.GetManifestResourceStream("FineTuneAdvisor.Scoring.provider-catalogue.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>An editable copy of the default catalogue.</summary>
    private static JsonObject Default() => JsonNode.Parse(DefaultJson())!.AsObject();

    private static JsonObject Model(JsonObject catalogue, int index) => catalogue["models"]![index]!.AsObject();

    private static IReadOnlyList<CatalogueProblem> Problems(JsonNode catalogue, DateOnly? today = null)
    {
        var result = CatalogueLoader.Load(catalogue.ToJsonString(), today);
        Assert.False(result.IsValid);
        Assert.Null(result.Catalogue);
        return result.Problems;
    }

    [Fact]
    public void LoadDefault_HoldsTheSeedProvidersAndModels()
    {
        var catalogue = CatalogueLoader.LoadDefault();

        Assert.Equal(["openai", "vertex", "together", "fireworks", "self-hosted"], catalogue.Providers.Select(p => p.Id));
        string[] required =
        [
            "openai:gpt-4o-mini-2024-07-18", "openai:gpt-4o-2024-08-06", "openai:gpt-4.1-2025-04-14", "openai:gpt-4.1-mini-2025-04-14",
            "vertex:gemini-2.5-flash", "vertex:gemini-2.5-flash-lite", "vertex:gemini-2.5-pro",
        ];
        Assert.All(required, id => Assert.NotNull(catalogue.Find(id)));
        Assert.Contains(catalogue.Models, m => m.Provider.Id == "together");
        Assert.Equal(2, catalogue.Models.Count(m => m.Provider.Id == "fireworks"));
        var gpu = Assert.Single(catalogue.Models, m => m.Deployment == Deployment.SelfHosted);
        Assert.Equal(0.34m, gpu.Training.PerGpuHour);
        Assert.Equal(250m, gpu.Training.TokensPerSecond);
        Assert.Equal(0.34m, gpu.FineTuned.HostingPerHour);
    }

    [Fact]
    public void LoadDefault_OpenAisFourOAndFourOneModels_StopNewJobsOnSixthAndShutDownOnFourteenthJanuary2027()
    {
        var catalogue = CatalogueLoader.LoadDefault();

        var openAi = catalogue.Models.Where(m => m.Provider.Id == "openai" && !m.Id.Contains("nano", StringComparison.Ordinal)).ToList();

        Assert.Equal(4, openAi.Count);
        Assert.All(openAi, m =>
        {
            Assert.Equal(new DateOnly(2027, 1, 6), m.Status.NewJobsUntil);
            Assert.Equal(new DateOnly(2027, 1, 14), m.Status.ShutdownOn);
        });
    }

    [Fact]
    public void LoadDefault_WorkedExamplePrices_AreTheReferences()
    {
        var mini = CatalogueLoader.LoadDefault().Find("openai:gpt-4o-mini-2024-07-18")!;

        Assert.Equal((0.15m, 0.075m, 0.60m), (mini.Prompting.InputPerMillion, mini.Prompting.CachedInputPerMillion, mini.Prompting.OutputPerMillion));
        Assert.Equal((0.30m, 0.15m, 1.20m), (mini.FineTuned.InputPerMillion, mini.FineTuned.CachedInputPerMillion, mini.FineTuned.OutputPerMillion));
        Assert.Equal(3.00m, mini.Training.PerMillionTokens);
        Assert.Equal(65_536, mini.TrainingExampleTokenLimit);
        Assert.Equal(0m, mini.FineTuned.HostingPerHour);
    }

    [Fact]
    public void LoadDefault_EveryFigure_NamesAnHttpsSourceCheckedByTodayAndEveryModelExplainsItself()
    {
        var catalogue = CatalogueLoader.LoadDefault();

        Assert.All(catalogue.Models, m =>
        {
            foreach (var source in new[] { m.Training.Source, m.Prompting.Source, m.FineTuned.Source })
            {
                Assert.Equal("https", source.Url.Scheme);
                Assert.InRange(source.CheckedOn, new DateOnly(2025, 1, 1), Today);
            }

            Assert.False(string.IsNullOrWhiteSpace(m.Note), $"{m.Id} says where its figures come from.");
        });
        // Where the reference calls a figure unverified or conflicting, the entry says so.
        Assert.Contains("Unverified", catalogue.Find("openai:gpt-4.1-nano-2025-04-14")!.Note, StringComparison.Ordinal);
        Assert.Contains("Unverified", catalogue.Find("together:meta-llama/Meta-Llama-3.1-8B-Instruct-Reference")!.Note, StringComparison.Ordinal);
        Assert.Contains("Conflicting", catalogue.Find("vertex:gemini-2.5-flash")!.Note, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2025, 7, 3), catalogue.OldestCheck);
    }

    [Fact]
    public void Write_ThenLoad_RoundTripsTheCatalogue()
    {
        var catalogue = CatalogueLoader.LoadDefault();

        var written = CatalogueLoader.Write(catalogue.Document);
        var reloaded = CatalogueLoader.LoadOrThrow(written);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(DefaultJson()), JsonNode.Parse(written)), "The export holds exactly what was loaded.");
        Assert.Equal(written, CatalogueLoader.Write(reloaded.Document));
        Assert.Equal(catalogue.Models.Select(m => m.Id), reloaded.Models.Select(m => m.Id));
        Assert.Equal(catalogue.Models, reloaded.Models, (a, b) => a.Id == b.Id && a.Training == b.Training && a.Prompting == b.Prompting && a.FineTuned == b.FineTuned);
        // Amounts keep the precision they were written with, and no character is escaped needlessly.
        Assert.Contains("\"perMillionTokens\": 3.00", written, StringComparison.Ordinal);
        Assert.Contains("OpenAI's", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownProperty_IsNamedAtItsPath()
    {
        var json = Default();
        Model(json, 1)["training"]!["perMillion"] = 3;

        var problem = Assert.Single(Problems(json));

        Assert.Equal("$.models[1].training.perMillion", problem.Path);
        Assert.StartsWith("Unknown property", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateProperty_IsRefused()
    {
        var json = DefaultJson().Replace("\"currency\": \"USD\",", "\"currency\": \"USD\", \"currency\": \"EUR\",", StringComparison.Ordinal);

        var problem = Assert.Single(CatalogueLoader.Load(json).Problems);

        Assert.Equal("$.currency", problem.Path);
        Assert.Equal("Given twice: keep one.", problem.Message);
    }

    [Fact]
    public void Load_MissingRequiredMembers_AreEachNamed()
    {
        var json = Default();
        Model(json, 0).Remove("training");
        Model(json, 0).Remove("fineTuned");

        var problems = Problems(json);

        Assert.Equal(["$.models[0].fineTuned", "$.models[0].training"], problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.All(problems, p => Assert.Equal("Required.", p.Message));
    }

    [Theory]
    [InlineData("\"0.15\"", "Must be a number")]
    [InlineData("1e400", "Must be a number")]
    [InlineData("null", "Must be a number")]
    [InlineData("true", "Must be a number")]
    public void Load_PriceOfTheWrongType_IsNamed(string value, string message)
    {
        var json = DefaultJson().Replace("\"inputPerMillion\": 0.15,", $"\"inputPerMillion\": {value},", StringComparison.Ordinal);

        var problem = Assert.Single(CatalogueLoader.Load(json).Problems);

        Assert.Equal("$.models[0].prompting.inputPerMillion", problem.Path);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null", "Must not be null.")]
    [InlineData("5", "Must be text in quotes")]
    [InlineData("[\"GPT\"]", "Must be text in quotes")]
    public void Load_NameOfTheWrongType_IsNamed(string value, string message)
    {
        var json = DefaultJson().Replace("\"name\": \"GPT-4o (2024-08-06)\",", $"\"name\": {value},", StringComparison.Ordinal);

        var problem = Assert.Single(CatalogueLoader.Load(json).Problems);

        Assert.Equal("$.models[1].name", problem.Path);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Not valid JSON")]
    [InlineData("{", "Not valid JSON")]
    [InlineData("[]", "Must be an object.")]
    public void Load_NotACatalogue_SaysSo(string json, string message)
    {
        var problem = Assert.Single(CatalogueLoader.Load(json).Problems);

        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Null_IsRefused() =>
        Assert.Equal("$", Assert.Single(CatalogueLoader.Load("null").Problems).Path);

    /// <summary>Each bad value of a checked document, with the path and the words an admin reads beside the field.</summary>
    [Theory]
    [InlineData("fineTuned.inputPerMillion", "-0.3", "models[0].fineTuned.inputPerMillion", "Must be 0 or more.")]
    [InlineData("fineTuned.outputPerMillion", "1200", "models[0].fineTuned.outputPerMillion", "$1,200.00 per million tokens is over the $1,000.00 cap")]
    [InlineData("training.perMillionTokens", "3000", "models[0].training.perMillionTokens", "is over the $1,000.00 cap")]
    [InlineData("prompting.cachedInputPerMillion", "0.2", "models[0].prompting.cachedInputPerMillion", "A cached input token ($0.20) cannot cost more than an uncached one ($0.15).")]
    [InlineData("fineTuned.hostingPerHour", "-1", "models[0].fineTuned.hostingPerHour", "Must be 0 or more.")]
    [InlineData("prompting.source", "\"http://example.com/prices\"", "models[0].prompting.source", "Must be an absolute https:// address")]
    [InlineData("prompting.source", "\"/api/docs/pricing\"", "models[0].prompting.source", "Must be an absolute https:// address")]
    [InlineData("training.checkedOn", "\"30/11/2026\"", "models[0].training.checkedOn", "'30/11/2026' is not a day written yyyy-mm-dd")]
    [InlineData("training.checkedOn", "\"2019-12-31\"", "models[0].training.checkedOn", "Must be between 2020-01-01 and 2100-12-31.")]
    [InlineData("status.shutdownOn", "\"2027-02-30\"", "models[0].status.shutdownOn", "is not a day written yyyy-mm-dd")]
    [InlineData("status.newJobsUntil", "\"2027-01-14\"", "models[0].status.newJobsUntil", "The last day for new jobs (2027-01-14) must come before the shutdown (2027-01-14).")]
    [InlineData("status.newJobsUntil", "\"2027-02-01\"", "models[0].status.newJobsUntil", "must come before the shutdown")]
    [InlineData("deployment", "\"cloud\"", "models[0].deployment", "Must be \"hosted_api\"")]
    [InlineData("deployment", "\"self_hosted\"", "models[0].openWeights", "A self-hosted model needs open weights")]
    [InlineData("name", "\"  \"", "models[0].name", "Required.")]
    [InlineData("note", "\"line\\u0007bell\"", "models[0].note", "Holds a control character")]
    [InlineData("trainingExampleTokenLimit", "0", "models[0].trainingExampleTokenLimit", "Must be from 1 to 10,000,000 tokens")]
    [InlineData("id", "\"OpenAI gpt-4o-mini\"", "models[0].id", "Model ids read provider:model")]
    [InlineData("id", "\"OpenAI:gpt-4o-mini\"", "models[0].id", "Model ids read provider:model")]
    [InlineData("id", "\"openai:gpt-4o-mini\\n\"", "models[0].id", "Model ids read provider:model")]
    [InlineData("id", "\"azure:gpt-4o-mini\"", "models[0].id", "The provider 'azure' is not in $.providers.")]
    [InlineData("id", "\"openai:GPT-4o-2024-08-06\"", "models[1].id", "Duplicate model id 'openai:gpt-4o-2024-08-06' (first at $.models[0]).")]
    public void Load_BadValue_IsNamedAtItsPath(string field, string value, string path, string message)
    {
        var json = Default();
        var model = Model(json, 0);
        var parts = field.Split('.');
        var parent = parts.Length == 1 ? model : model[parts[0]]!.AsObject();
        parent[parts[^1]] = JsonNode.Parse(value);

        var problem = Assert.Single(Problems(json));

        Assert.Equal($"$.{path}", problem.Path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateIdDifferingInCase_NamesTheSecond()
    {
        var json = Default();
        Model(json, 1)["id"] = "openai:GPT-4o-mini-2024-07-18";

        var problem = Assert.Single(Problems(json));

        Assert.Equal("$.models[1].id", problem.Path);
        Assert.Equal("Duplicate model id 'openai:GPT-4o-mini-2024-07-18' (first at $.models[0]).", problem.Message);
    }

    [Fact]
    public void Load_TrainingPricedBothWays_OrNeither_IsRefused()
    {
        var both = Default();
        Model(both, 0)["training"]!["perGpuHour"] = 2.5;
        var neither = Default();
        Model(neither, 0)["training"]!.AsObject().Remove("perMillionTokens");

        Assert.Equal("$.models[0].training", Assert.Single(Problems(both)).Path);
        Assert.Equal("$.models[0].training", Assert.Single(Problems(neither)).Path);
    }

    [Fact]
    public void Load_GpuHourWithoutThroughput_NamesTheThroughput()
    {
        var json = Default();
        var gpu = json["models"]!.AsArray().Single(m => m!["deployment"]!.GetValue<string>() == "self_hosted")!.AsObject();
        gpu["training"]!.AsObject().Remove("tokensPerSecond");

        var problem = Assert.Single(Problems(json));

        Assert.EndsWith(".training.tokensPerSecond", problem.Path, StringComparison.Ordinal);
        Assert.StartsWith("Required with perGpuHour", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RestrictionAfterTheLastDayForNewJobs_IsRefused()
    {
        var json = Default();
        Model(json, 0)["status"]!["restrictions"]![1]!["from"] = "2027-01-10";

        var problem = Assert.Single(Problems(json));

        Assert.Equal("$.models[0].status.restrictions[1].from", problem.Path);
    }

    [Fact]
    public void Load_CheckedInTheFuture_IsRefusedWhenTodayIsKnown()
    {
        var json = Default();
        Model(json, 0)["fineTuned"]!["checkedOn"] = "2026-12-01";

        Assert.True(CatalogueLoader.Load(json.ToJsonString()).IsValid, "Without a clock, no date is in the future.");
        var problem = Assert.Single(Problems(json, Today));
        Assert.Equal("$.models[0].fineTuned.checkedOn", problem.Path);
        Assert.Equal("2026-12-01 is in the future (today is 2026-11-30).", problem.Message);
    }

    [Fact]
    public void Load_SeveralProblems_AreAllReportedAtOnce()
    {
        var json = Default();
        json["currency"] = "EUR";
        json["version"] = 0;
        json["providers"]![1]!["id"] = "openai";
        Model(json, 2)["prompting"]!["outputPerMillion"] = -8;
        Model(json, 3)["status"]!["shutdownOn"] = "2026-01-01";

        var paths = Problems(json).Select(p => p.Path).ToList();

        Assert.Contains("$.currency", paths);
        Assert.Contains("$.version", paths);
        Assert.Contains("$.providers[1].id", paths);
        Assert.Contains("$.models[2].prompting.outputPerMillion", paths);
        Assert.Contains("$.models[3].status.newJobsUntil", paths);
        // The vertex models lost their provider id with $.providers[1].
        Assert.Contains(paths, p => p.StartsWith("$.models[", StringComparison.Ordinal) && p.EndsWith("].id", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_EmptyLists_AreRefused()
    {
        var json = Default();
        json["providers"] = new JsonArray();
        json["models"] = new JsonArray();

        Assert.Equal(["$.providers", "$.models"], Problems(json).Select(p => p.Path));
    }

    [Fact]
    public void Load_EditedDocument_CompilesWithoutJson()
    {
        var document = CatalogueLoader.LoadDefault().Document;
        var edited = document with { Version = 2, Models = [.. document.Models.Take(1)] };

        var result = CatalogueLoader.Load(edited, Today);

        Assert.True(result.IsValid);
        Assert.Equal(2, result.Catalogue!.Version);
        Assert.Single(result.Catalogue.Models);
    }

    [Fact]
    public void Problem_ReadsPathThenMessage() =>
        Assert.Equal("$.models[0].id: Required.", new CatalogueProblem("$.models[0].id", "Required.").ToString());
}
