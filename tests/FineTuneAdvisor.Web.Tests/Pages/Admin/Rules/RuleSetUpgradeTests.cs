using System.Text.Json.Nodes;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Pages.Admin.Rules;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin.Rules;

/// <summary>
/// A database whose rules are still version 1 of the default (schema 1) is upgraded at start-up: the built-in default
/// (schema 2) is published as the next version, and assessments stored with version 1 keep their results; their pages
/// say what the current rules would say.
/// </summary>
public sealed class RuleSetUpgradeTests : IDisposable
{
    private const string Case = "legal-contract-clause-extraction";

    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task StartUp_AfterASchemaOneVersion_PublishesTheDefaultAsVersionTwo_AndStoredResultsStayAsTheyWere()
    {
        var client = _app.CreateBrowserClient();
        var (shareToken, storedResult) = await SeedVersionOneDatabaseAsync(client);

        await _app.Services.LoadActiveRuleSetAsync(CancellationToken.None);

        var versions = await AdminRules.QueryAsync(_app, db => db.RuleSetVersions.AsNoTracking().OrderBy(v => v.Version).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(1, RuleSetLoader.SchemaVersionOf(versions[0].Json));
        Assert.Equal(RuleSetDocument.WithVersion(RuleSetLoader.LoadDefault().Json, 2), versions[1].Json);
        Assert.Equal(AdminActor.System, versions[1].PublishedBy);
        var active = _app.Services.GetRequiredService<ActiveRuleSet>().Current;
        Assert.Equal((2, 2), (active.Version, active.SchemaVersion));
        var audit = await AdminRules.QueryAsync(_app, db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.RulesUpgrade));
        Assert.Equal(AdminActor.System, audit.Actor);
        Assert.Contains("published the built-in default as version 2", audit.Summary, StringComparison.Ordinal);
        Assert.Contains("must be re-applied", audit.Diff, StringComparison.Ordinal);

        // The stored row is untouched, byte for byte; its page shows the version-1 result and what version 2 says.
        var row = await AdminRules.QueryAsync(_app, db => db.Assessments.AsNoTracking().SingleAsync());
        Assert.Equal((storedResult, "fine_tune", 100, 1), (row.ResultJson, row.Verdict, row.ReadinessScore, row.RuleSetVersion));
        var page = await client.GetDocumentAsync($"/a/{shareToken}");
        Assert.Equal("Fine-tune for production", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(page.QuerySelector(".plan"));
        Assert.NotEmpty(page.QuerySelectorAll(".next-steps li"));
        Assert.Equal("Scored with rule-set version 1; the current rules (version 2) would say Run a fine-tuning pilot first. This saved result stays as it was.",
            page.QuerySelector(".current-rules-note")!.TextContent.Trim());

        // A second start publishes nothing more.
        await _app.Services.LoadActiveRuleSetAsync(CancellationToken.None);
        Assert.Equal(2, await AdminRules.QueryAsync(_app, db => db.RuleSetVersions.CountAsync()));
    }

    /// <summary>
    /// Makes the database look like one that ran version 1 of the default: its only rule-set version is the schema-1
    /// document, and one assessment holds the result version 1 gave (taken from the stored-results fixture).
    /// </summary>
    private async Task<(string ShareToken, string ResultJson)> SeedVersionOneDatabaseAsync(HttpClient client)
    {
        var golden = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "GoldenCases", "golden-cases.json")))!["cases"]!
            .AsArray().Single(c => c!["name"]!.GetValue<string>() == Case)!;
        using var content = ApiAssessments.Json(new JsonObject { ["answers"] = golden["answers"]!.DeepClone() }.ToJsonString());
        using var response = await client.PostAsync("/api/assessments", content);
        var shareToken = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["shareToken"]!.GetValue<string>();

        var storedResult = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "StoredResults", "before-typed-enums.jsonl"))
            .Select(line => JsonNode.Parse(line)!)
            .Single(line => line["case"]!.GetValue<string>() == Case)["result"]!.ToJsonString();
        var versionOne = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "RuleSets", "default-rule-set-v1.json"));
        await AdminRules.QueryAsync(_app, async db =>
        {
            var version = await db.RuleSetVersions.SingleAsync();
            version.Json = versionOne;
            var assessment = await db.Assessments.SingleAsync();
            assessment.ResultJson = storedResult;
            assessment.Verdict = "fine_tune";
            assessment.ReadinessScore = 100;
            assessment.RuleSetVersion = 1;
            return await db.SaveChangesAsync();
        });
        return (shareToken, storedResult);
    }
}
