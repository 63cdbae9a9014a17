using System.Net;
using System.Text.Json.Nodes;
using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Costs;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FineTuneAdvisor.Web.Tests.Pages.Admin.Catalogue.AdminCatalogue;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin.Catalogue;

/// <summary>
/// The catalogue's typical values (what unanswered cost questions assume): edited in the editor, checked beside each
/// field, diffed and audited at publishing, then quoted in an assessment's cost assumptions; and a catalogue stored
/// before they existed still loads with the former constants.
/// </summary>
public sealed class CatalogueTypicalValuesTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _app = new();

    public CatalogueTypicalValuesTests() => _app.Time = _time;

    public void Dispose() => _app.Dispose();

    private static string TypicalName(string field) => $"Input.Typical.{field}";

    /// <summary>The strong case with cost answers where the answer length is "not sure" and the prompt after fine-tuning is left out.</summary>
    private static Dictionary<string, string> NotSureCosts() => new(Answers.StrongCase(), StringComparer.Ordinal)
    {
        ["requests_per_month"] = "100000",
        ["prompt_tokens"] = "3000",
        ["output_tokens"] = "not_sure",
        ["cost_model"] = Mini,
    };

    [Fact]
    public async Task Editor_ShowsTheTypicalValuesInUse()
    {
        var client = await _app.CreateAdminClientAsync();

        var editor = await client.GetDocumentAsync("/admin/catalogue");

        Assert.Equal("200", editor.QuerySelector($"#{IdOf(TypicalName("OutputTokens"))}")!.GetAttribute("value"));
        Assert.Equal("20", editor.QuerySelector($"#{IdOf(TypicalName("PromptAfterFineTuningDivisor"))}")!.GetAttribute("value"));
        Assert.Equal("10000", editor.QuerySelector($"#{IdOf(TypicalName("LowRequestsPerMonth"))}")!.GetAttribute("value"));
        Assert.Equal("Answer length (tokens)", editor.QuerySelector($"label[for={IdOf(TypicalName("OutputTokens"))}]")!.TextContent);
    }

    [Fact]
    public async Task Publish_ChangedTypicalValues_DiffAuditedAndANotSureAssessmentAssumesThem()
    {
        var client = await _app.CreateAdminClientAsync();
        var before = await ApiAssessments.CreateAsync(_app.CreateClient(), NotSureCosts());
        Assert.Contains("Answer length: 200 tokens (not given).", Assumptions(before.Body));
        Assert.Contains("Prompt after fine-tuning: 150 tokens, a twentieth of today's 3,000 (not given).", Assumptions(before.Body));

        var editor = await client.GetDocumentAsync("/admin/catalogue");
        using (var saved = await client.SubmitAsync(editor, "Save draft", new Dictionary<string, string>
        {
            [TypicalName("OutputTokens")] = "450",
            [TypicalName("PromptAfterFineTuningDivisor")] = " 10 ",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // Saved, not published: assessments keep version 1's values.
        Assert.Equal(200, _app.Services.GetRequiredService<ActiveCatalogue>().Current.Typical.OutputTokens);
        string[] diff = ["catalogue typical.promptAfterFineTuningDivisor: 20 → 10", "catalogue typical.outputTokens: 200 → 450"];
        Assert.Equal(diff, (await AuditAsync(_app))[^1].Diff!.Split('\n'));
        var review = await client.GetDocumentAsync("/admin/catalogue/publish");
        Assert.Equal(diff, review.QuerySelectorAll(".catalogue-diff li").Select(li => li.TextContent.Trim()));

        using (var published = await PublishAsync(client))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var audit = (await AuditAsync(_app))[^1];
        Assert.Equal((AuditActions.CataloguePublish, "Published provider-catalogue version 2"), (audit.Action, audit.Summary));
        Assert.Equal(string.Join('\n', diff), audit.Diff);
        var v2 = CatalogueLoader.LoadOrThrow((await QueryAsync(_app, db => db.CatalogueVersions.AsNoTracking().SingleAsync(v => v.Version == 2))).Json);
        Assert.Equal((450, 10), (v2.Typical.OutputTokens, v2.Typical.PromptAfterFineTuningDivisor));

        // A new assessment, and the one made before (its costs are computed when read), both assume the new values.
        var after = await ApiAssessments.CreateAsync(_app.CreateClient(), NotSureCosts());
        var reread = JsonNode.Parse(await _app.CreateClient().GetStringAsync($"/api/assessments/{before.ShareToken}"))!;
        foreach (var body in new[] { after.Body, reread })
        {
            var assumptions = Assumptions(body);
            Assert.Contains("Answer length: 450 tokens (not given).", assumptions);
            Assert.Contains("Prompt after fine-tuning: 300 tokens, a tenth of today's 3,000 (not given).", assumptions);
            Assert.DoesNotContain(assumptions, a => a.Contains("twentieth", StringComparison.Ordinal));
            Assert.Equal(2, body["cost"]!["catalogueVersion"]!.GetValue<int>());
        }

        var page = await _app.CreateBrowserClient().GetDocumentAsync($"/a/{after.ShareToken}");
        var listed = page.QuerySelectorAll("section.pay-back .cost-assumptions li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains("Answer length: 450 tokens (not given).", listed);
        Assert.Contains("Prompt after fine-tuning: 300 tokens, a tenth of today's 3,000 (not given).", listed);
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "LowRequestsPerMonth", "30000", "Must be from 1 to 29,999 (requests a month: a typical low volume stays under the medium band" },
        { "HighRequestsPerMonth", "20000", "Must be from 300,000 to 10,000,000,000" },
        { "PromptTokens", "2,000", "'2,000' is not a whole number" },
        { "OutputTokens", "NaN", "'NaN' is not a whole number" },
        { "HorizonMonths", "", "Required: a whole number" },
        { "HorizonMonths", "121", "Must be from 1 to 120 (months compared)." },
        { "CachedPromptPercent", "-5", "Must be from 0 to 100" },
        { "PromptAfterFineTuningDivisor", "99999999999", "Must be from 1 to 1,000" },
        { "PilotExamples", "0", "Must be from 1 to 100,000,000" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Save_BadTypicalValue_ErrorBesideTheFieldTypedValuesKeptNothingStored(string field, string value, string message)
    {
        var client = await _app.CreateAdminClientAsync();
        var editor = await client.GetDocumentAsync("/admin/catalogue");
        var name = TypicalName(field);
        var drafts = await DatabaseSnapshot.TakeAsync(_app, "CatalogueDrafts");

        using var response = await client.SubmitAsync(editor, "Save draft", new Dictionary<string, string>
        {
            [name] = value,
            // Other changes in the same form must survive the error too.
            [TypicalName("UserTokens")] = "150",
            [FieldOf(editor, Mini, "Note")] = "Typed before the mistake.",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var error = page.QuerySelector($"#{IdOf(name)}-error");
        Assert.NotNull(error);
        Assert.Contains(message, error.TextContent, StringComparison.Ordinal);
        var input = page.QuerySelector($"#{IdOf(name)}")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains($"{IdOf(name)}-error", input.GetAttribute("aria-describedby")!, StringComparison.Ordinal);
        Assert.Equal(value, input.GetAttribute("value") ?? "");
        Assert.Equal("150", page.QuerySelector($"#{IdOf(TypicalName("UserTokens"))}")!.GetAttribute("value"));
        Assert.Equal("Typed before the mistake.", page.QuerySelector($"#{IdOf(FieldOf(page, Mini, "Note"))}")!.TextContent);
        Assert.Contains(page.QuerySelectorAll(".error-summary a"), a => a.GetAttribute("href") == $"#{IdOf(name)}" && a.TextContent.StartsWith("Typical values, ", StringComparison.Ordinal));
        Assert.Equal(drafts, await DatabaseSnapshot.TakeAsync(_app, "CatalogueDrafts"));
    }

    /// <summary>A catalogue written before the block existed (an old export): imported, published, used and shown with the former constants.</summary>
    [Fact]
    public async Task Import_OldCatalogueWithoutTheBlock_ChangesNoTypicalValueAndTheApiShowsTheDefaults()
    {
        var client = await _app.CreateAdminClientAsync();
        var old = DefaultJson();
        old.Remove("typical");
        old["name"] = "An export from before the typical values";
        var form = await client.GetDocumentAsync("/admin/catalogue/import");
        using (var imported = await client.SubmitAsync(form, "Check and import", new Dictionary<string, string> { ["Input.Text"] = old.ToJsonString() }))
        {
            Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        }

        // Left out and stated as the defaults read the same: only the name changed.
        Assert.Equal("catalogue name: Seed catalogue from the cost reference of November 2026 → An export from before the typical values", (await AuditAsync(_app))[^1].Diff);
        using (var published = await PublishAsync(client))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var active = _app.Services.GetRequiredService<ActiveCatalogue>().Current;
        Assert.Equal(2, active.Version);
        Assert.Null(active.Document.Typical);
        Assert.Equal(TypicalValues.Defaults, active.Typical);
        using var export = await client.GetAsync("/admin/catalogue/export?version=2");
        Assert.Null(JsonNode.Parse(await export.Content.ReadAsStringAsync())!["typical"]);

        var api = JsonNode.Parse(await _app.CreateClient().GetStringAsync("/api/costs/catalogue"))!;
        var typical = api["typical"]!;
        Assert.Equal(200, typical["outputTokens"]!.GetValue<long>());
        Assert.Equal(20, typical["promptAfterFineTuningDivisor"]!.GetValue<int>());
        Assert.Equal(1_000_000, typical["requestsPerMonth"]!["high"]!.GetValue<long>());
        Assert.Equal(12, typical["horizonMonths"]!.GetValue<int>());

        var created = await ApiAssessments.CreateAsync(_app.CreateClient(), NotSureCosts());
        Assert.Contains("Answer length: 200 tokens (not given).", Assumptions(created.Body));
        var editor = await client.GetDocumentAsync("/admin/catalogue");
        Assert.Equal("200", editor.QuerySelector($"#{IdOf(TypicalName("OutputTokens"))}")!.GetAttribute("value"));
    }

    private static List<string> Assumptions(JsonNode body) =>
        [.. body["cost"]!["assumptions"]!.AsArray().Select(a => a!.GetValue<string>())];
}
