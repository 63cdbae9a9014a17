using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin.Rules;

public sealed class ImportTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static JsonObject DefaultJson() => JsonNode.Parse(RuleSetLoader.LoadDefault().Json)!.AsObject();

    [Fact]
    public async Task Import_BrokenRuleSet_ListsEveryProblemWithItsJsonPathAndChangesNothing()
    {
        var client = await _app.CreateAdminClientAsync();
        var broken = DefaultJson();
        broken["rules"]![0]!["weight"] = 1e308;
        broken["rules"]![1]!["when"]!["question"] = "domian";
        broken["parameters"]!["pilot_min_score"] = 90;
        broken["surprise"] = true;
        var pasted = broken.ToJsonString();
        var drafts = await DatabaseSnapshot.TakeAsync(_app, "RuleSetDrafts");
        var versions = await DatabaseSnapshot.TakeAsync(_app, "RuleSetVersions");
        var audit = await DatabaseSnapshot.TakeAsync(_app, "AuditEntries");

        var form = await client.GetDocumentAsync("/admin/rules/import");
        using var response = await client.SubmitAsync(form, "Check and import", new Dictionary<string, string> { ["Input.Text"] = pasted });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var problems = page.QuerySelectorAll(".import-problems li").Select(li => li.TextContent).ToList();
        Assert.Contains(problems, p => p.StartsWith("$.rules[0].weight:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.rules[1].when.question:", StringComparison.Ordinal) && p.Contains("domian", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.parameters.pilot_min_score:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.surprise:", StringComparison.Ordinal));
        Assert.Contains($"{problems.Count} problems", page.QuerySelector(".error-summary h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(pasted, page.QuerySelector("textarea[name='Input.Text']")!.TextContent);
        Assert.Equal(drafts, await DatabaseSnapshot.TakeAsync(_app, "RuleSetDrafts"));
        Assert.Equal(versions, await DatabaseSnapshot.TakeAsync(_app, "RuleSetVersions"));
        Assert.Equal(audit, await DatabaseSnapshot.TakeAsync(_app, "AuditEntries"));
    }

    [Fact]
    public async Task Import_ValidFileUpload_BecomesTheDraftWithAnAuditEntryAndNothingIsActiveYet()
    {
        var client = await _app.CreateAdminClientAsync();
        var valid = DefaultJson();
        valid["name"] = "Imported rules";
        valid["rules"]![0]!["weight"] = 11;
        var text = valid.ToJsonString();
        var form = await client.GetDocumentAsync("/admin/rules/import");

        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(form.QuerySelector("input[name='Input.RowVersion']")!.GetAttribute("value")!), "Input.RowVersion" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "Input.Upload", "rules.json");
        using var response = await client.PostAsync("/admin/rules/import", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/rules/preview", response.Headers.Location!.OriginalString);
        Assert.Equal(text, await AdminRules.QueryAsync(_app, async db => (await db.RuleSetDrafts.SingleAsync()).Json));
        Assert.Equal(1, await AdminRules.QueryAsync(_app, db => db.RuleSetVersions.CountAsync()));
        var entry = await AdminRules.QueryAsync(_app, db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.RulesImport));
        Assert.Equal("Imported \"Imported rules\" (64 rules) as the draft", entry.Summary);
        Assert.Contains("rule domain-specialized weight: 8 → 11", entry.Diff, StringComparison.Ordinal);

        using var export = await client.GetAsync("/admin/rules/export?draft=true");
        Assert.Equal(text, await export.Content.ReadAsStringAsync());
        var created = await ApiAssessments.CreateAsync(client);
        Assert.Equal(1, created.Body["result"]!["ruleSetVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task Import_PastedTextOverTheLimit_IsRefused()
    {
        var client = await _app.CreateAdminClientAsync();
        var form = await client.GetDocumentAsync("/admin/rules/import");

        using var response = await client.SubmitAsync(form, "Check and import",
            new Dictionary<string, string> { ["Input.Text"] = new string(' ', Web.Pages.Admin.Rules.ImportModel.MaxBytes) + "{}" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("larger than", (await response.ReadDocumentAsync()).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await AdminRules.QueryAsync(_app, async db => (await db.RuleSetDrafts.SingleAsync()).Json));
    }
}
