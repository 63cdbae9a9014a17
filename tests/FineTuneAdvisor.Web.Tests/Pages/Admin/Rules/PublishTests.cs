using System.Net;
using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin.Rules;

public sealed class PublishTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Turns the strong case's specialised-domain rule into a heavy blocker: its verdict becomes "not ready".</summary>
    private static Dictionary<(string, string), string> BlockSpecialised() => new()
    {
        [("domain-specialized", "Effect")] = "blocker",
        [("domain-specialized", "Weight")] = "20",
    };

    [Fact]
    public async Task Publish_Draft_StoredAssessmentKeepsItsVerdictNewOneFollowsNewRulesAndOldPageShowsTheNote()
    {
        var client = await _app.CreateAdminClientAsync();
        var before = await ApiAssessments.CreateAsync(client);
        using (var cached = await client.GetAsync($"/a/{before.ShareToken}"))
        {
            Assert.DoesNotContain("current-rules-note", await cached.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var saved = await AdminRules.SaveAsync(client, BlockSpecialised()))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var published = await AdminRules.PublishAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal("/admin/rules/versions", published.Headers.Location!.OriginalString);
        var v2 = await AdminRules.VersionAsync(_app, 2);
        Assert.Equal(2, v2.Version);
        Assert.Null(await AdminRules.QueryAsync(_app, async db => (await db.RuleSetDrafts.SingleAsync()).Json));

        var after = await ApiAssessments.CreateAsync(client);
        var expected = RulesEngine.Evaluate(new AnswerSet(Answers.StrongCase()), v2);
        // A blocker on the case side weakens the case itself: too weak to fine-tune, whatever else blocks it (docs/scoring.md, "The procedure").
        Assert.Equal(Verdict.PromptEngineering, expected.Verdict);
        Assert.Equal(expected.Verdict.Code(), after.Body["result"]!["verdict"]!.GetValue<string>());
        Assert.Equal(expected.ReadinessScore, after.Body["result"]!["readinessScore"]!.GetValue<int>());
        Assert.Equal(2, after.Body["result"]!["ruleSetVersion"]!.GetValue<int>());

        var stored = await AdminRules.QueryAsync(_app, db => db.Assessments.OrderBy(a => a.Id).Select(a => new { a.Verdict, a.RuleSetVersion }).ToListAsync());
        Assert.Equal(("fine_tune", 1), (stored[0].Verdict, stored[0].RuleSetVersion));
        Assert.Equal(("prompt_engineering", 2), (stored[1].Verdict, stored[1].RuleSetVersion));

        // The old page was cached before publishing; publishing evicted it, so the note shows now.
        var oldPage = await client.GetDocumentAsync($"/a/{before.ShareToken}");
        Assert.Equal("Fine-tune for production", oldPage.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Scored with rule-set version 1; the current rules (version 2) would say Prompt engineering is enough. This saved result stays as it was.",
            oldPage.QuerySelector(".current-rules-note")!.TextContent.Trim());
        var newPage = await client.GetDocumentAsync($"/a/{after.ShareToken}");
        Assert.Null(newPage.QuerySelector(".current-rules-note"));
    }

    [Fact]
    public async Task Publish_AuditEntryHasAReadableDiff()
    {
        var client = await _app.CreateAdminClientAsync();
        using (await AdminRules.SaveAsync(client, new Dictionary<(string, string), string>
        {
            [("domain-specialized", "Weight")] = "10",
            [("domain-general", "Enabled")] = "false",
        }, new Dictionary<string, string> { ["pilot_examples"] = "800" }))
        {
        }

        using (await AdminRules.PublishAsync(client))
        {
        }

        var entry = await AdminRules.QueryAsync(_app, db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.RulesPublish && e.Actor != AdminActor.System));
        // The signed-in admin's email once the accounts branch signs test clients in; "unknown" while they are anonymous.
        Assert.Contains(entry.Actor, new[] { "admin@example.test", AdminActor.Unknown });
        Assert.Equal("Published rule set version 2", entry.Summary);
        Assert.Equal(
            ["parameter pilot_examples: 1000 → 800", "rule domain-specialized weight: 8 → 10", "rule domain-general enabled: true → false"],
            entry.Diff.Split('\n'));
    }

    [Fact]
    public async Task Publish_DraftChangedSincePreviewOpened_IsRefusedWithAConflict()
    {
        var client = await _app.CreateAdminClientAsync();
        using (await AdminRules.SaveAsync(client, BlockSpecialised()))
        {
        }

        var preview = await client.GetDocumentAsync("/admin/rules/preview");
        using (await AdminRules.SaveAsync(client, new Dictionary<(string, string), string> { [("domain-general", "Weight")] = "9" }))
        {
        }

        using var response = await client.SubmitAsync(preview, "Publish");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("Not published", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await AdminRules.QueryAsync(_app, db => db.RuleSetVersions.CountAsync()));
    }

    [Fact]
    public async Task Rollback_RestoreVersionOneAsDraftAndPublish_ItsRulesAreActiveAgainAsVersionThree()
    {
        var client = await _app.CreateAdminClientAsync();
        using (await AdminRules.SaveAsync(client, BlockSpecialised()))
        {
        }

        using (await AdminRules.PublishAsync(client))
        {
        }

        var versions = await client.GetDocumentAsync("/admin/rules/versions");
        Assert.Equal(2, versions.QuerySelectorAll("table.versions tbody tr").Length);
        using var restored = await client.SubmitAsync(versions, "Restore version 1 as draft");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var preview = await client.GetDocumentAsync("/admin/rules/preview");
        Assert.Contains("rule domain-specialized effect: blocker → support", preview.QuerySelector(".diff-lines")!.TextContent, StringComparison.Ordinal);

        using var published = await client.SubmitAsync(preview, "Publish");

        Assert.Equal("/admin/rules/versions", published.Headers.Location!.OriginalString);
        var v1 = await AdminRules.VersionAsync(_app, 1);
        var v3 = await AdminRules.VersionAsync(_app, 3);
        Assert.Empty(Scoring.RuleSets.RuleSetDiff.Describe(v1, v3));
        var created = await ApiAssessments.CreateAsync(client);
        Assert.Equal("fine_tune", created.Body["result"]!["verdict"]!.GetValue<string>());
        Assert.Equal(3, created.Body["result"]!["ruleSetVersion"]!.GetValue<int>());
        var rollback = await AdminRules.QueryAsync(_app, db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.RulesRollback));
        Assert.Equal("Restored version 1 as the draft", rollback.Summary);
        Assert.Contains("rule domain-specialized effect: blocker → support", rollback.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditPage_ListsEveryActionNewestFirstWithWhoAndDiff()
    {
        var client = await _app.CreateAdminClientAsync();
        using (await AdminRules.SaveAsync(client, BlockSpecialised()))
        {
        }

        using (await AdminRules.PublishAsync(client))
        {
        }

        var import = await client.GetDocumentAsync("/admin/rules/import");
        using (await client.SubmitAsync(import, "Check and import", new Dictionary<string, string> { ["Input.Text"] = Scoring.RuleSets.RuleSetLoader.LoadDefault().Json }))
        {
        }

        var versions = await client.GetDocumentAsync("/admin/rules/versions");
        using (await client.SubmitAsync(versions, "Restore version 2 as draft"))
        {
        }

        var audit = await client.GetDocumentAsync("/admin/audit");

        var rows = audit.QuerySelectorAll("tr.audit-entry");
        // The oldest two: start-up stored the rule set's and the provider catalogue's version 1 (both audited), side by
        // side, so in either order.
        Assert.Equal([AuditActions.RulesRollback, AuditActions.RulesImport, AuditActions.RulesPublish, AuditActions.RulesDraftSave],
            rows.Take(4).Select(r => r.GetAttribute("data-action")));
        Assert.Equal([AuditActions.CataloguePublish, AuditActions.RulesPublish], rows.Skip(4).Select(r => r.GetAttribute("data-action")!).Order(StringComparer.Ordinal));
        Assert.Contains("Published rule set version 2", rows[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("rule domain-specialized effect: support → blocker", rows[2].TextContent, StringComparison.Ordinal);
        Assert.True(rows[2].TextContent.Contains("admin@example.test", StringComparison.Ordinal) || rows[2].TextContent.Contains(AdminActor.Unknown, StringComparison.Ordinal));
        Assert.All(rows.Skip(4), row => Assert.Contains("system", row.TextContent, StringComparison.Ordinal));
        Assert.Contains("Page 1 of 1 (6 entries)", audit.QuerySelector(".pager")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_VersionOne_IsTheEmbeddedDefaultAsStored()
    {
        var client = await _app.CreateAdminClientAsync();

        using var response = await client.GetAsync("/admin/rules/export?version=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("rule-set-v1.json", response.Content.Headers.ContentDisposition!.FileName);
        // The embedded default declares its own version (2); a fresh database stores it as its version 1.
        Assert.Equal(Web.Pages.Admin.Rules.RuleSetDocument.WithVersion(Scoring.RuleSets.RuleSetLoader.LoadDefault().Json, 1), await response.Content.ReadAsStringAsync());
        using var missing = await client.GetAsync("/admin/rules/export?version=9");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var noDraft = await client.GetAsync("/admin/rules/export?draft=true");
        Assert.Equal(HttpStatusCode.NotFound, noDraft.StatusCode);
    }

    [Fact]
    public async Task StoredResult_IsUntouchedByPublishing()
    {
        var client = await _app.CreateAdminClientAsync();
        var created = await ApiAssessments.CreateAsync(client);
        var storedBefore = await AdminRules.QueryAsync(_app, db => db.Assessments.Select(a => a.ResultJson).SingleAsync());
        using (await AdminRules.SaveAsync(client, BlockSpecialised()))
        {
        }

        using (await AdminRules.PublishAsync(client))
        {
        }

        Assert.Equal(storedBefore, await AdminRules.QueryAsync(_app, db => db.Assessments.Select(a => a.ResultJson).SingleAsync()));
        using var api = await client.GetAsync($"/api/assessments/{created.ShareToken}");
        var result = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("result");
        Assert.Equal("fine_tune", result.GetProperty("verdict").GetString());
    }

    /// <summary>
    /// Several admins (or instances) publishing the same draft at once: one publishes, the others are told the draft
    /// changed, and nothing fails. SQLite queues them at the write gate; PostgreSQL on the draft's row.
    /// </summary>
    [Fact]
    public async Task Publish_ManyAtOnceWithTheSameToken_OneWinsAndTheOthersAreConflicts()
    {
        var client = await _app.CreateAdminClientAsync();
        using (await AdminRules.SaveAsync(client, BlockSpecialised()))
        {
        }

        var token = await AdminRules.QueryAsync(_app, async db => (await db.RuleSetDrafts.SingleAsync()).RowVersion);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await using var scope = _app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<FineTuneAdvisor.Web.Pages.Admin.Rules.RuleSetStore>()
                .PublishAsync(token, "admin@example.test", CancellationToken.None);
        })));

        Assert.Equal(2, Assert.Single(outcomes, o => o.Succeeded).PublishedVersion);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal("published version 2", o.Conflict!.LastChange));
        Assert.Equal([1, 2], await AdminRules.QueryAsync(_app, db => db.RuleSetVersions.OrderBy(v => v.Version).Select(v => v.Version).ToListAsync()));
        Assert.Equal(1, await AdminRules.QueryAsync(_app, db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.RulesPublish && e.Actor == "admin@example.test")));
        Assert.Equal(token + 1, await AdminRules.QueryAsync(_app, async db => (await db.RuleSetDrafts.SingleAsync()).RowVersion));
    }
}
