using System.Net;
using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Costs;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FineTuneAdvisor.Web.Tests.Pages.Admin.Catalogue.AdminCatalogue;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin.Catalogue;

/// <summary>The catalogue editor: draft → publish → audit, bad values beside their fields, adding and removing models.</summary>
public sealed class CatalogueEditorTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _app = new();

    public CatalogueEditorTests() => _app.Time = _time;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Startup_FreshDatabase_StoresTheEmbeddedCatalogueAsVersionOneWithAnAuditEntry()
    {
        var client = await _app.CreateAdminClientAsync();

        var versions = await QueryAsync(_app, db => db.CatalogueVersions.AsNoTracking().ToListAsync());
        var v1 = Assert.Single(versions);
        Assert.Equal((1, "system"), (v1.Version, v1.PublishedBy));
        Assert.Equal(CatalogueLoader.LoadDefault().Document with { Version = 1 }, CatalogueLoader.LoadOrThrow(v1.Json).Document, DocumentComparer.Instance);
        var audit = Assert.Single(await AuditAsync(_app));
        Assert.Equal((AuditActions.CataloguePublish, "Stored the embedded provider catalogue as version 1"), (audit.Action, audit.Summary));
        Assert.Null(await DraftJsonAsync(_app));
        var page = await client.GetDocumentAsync("/admin/catalogue");
        Assert.Contains("No draft: this is published version 1", page.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(12, page.QuerySelectorAll("details.cat-model").Length);
    }

    [Fact]
    public async Task Publish_ChangedFineTunedPrice_DiffShownAuditedAndTheEstimateUsesItAtOnce()
    {
        var client = await _app.CreateAdminClientAsync();
        var before = await EstimateAsync(client);
        Assert.Equal(0.0003m, before.GetProperty("perCall").GetProperty("fineTuned").GetDecimal());

        using (var saved = await SaveAsync(client, new Dictionary<(string, string), string> { [(Mini, "FineTunedInput")] = "0.60" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal("/admin/catalogue", saved.Headers.Location!.OriginalString);
        }

        // Saved, not published: estimates keep version 1's prices.
        Assert.Equal(0.0003m, (await EstimateAsync(client)).GetProperty("perCall").GetProperty("fineTuned").GetDecimal());
        Assert.Equal(1, _app.Services.GetRequiredService<ActiveCatalogue>().Current.Version);

        var review = await client.GetDocumentAsync("/admin/catalogue/publish");
        var changes = review.QuerySelectorAll(".catalogue-diff li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal([$"model {Mini} fineTuned.inputPerMillion: 0.3 → 0.6"], changes);

        using var published = await client.SubmitAsync(review, "Publish as version 2");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal("/admin/catalogue/versions", published.Headers.Location!.OriginalString);
        var after = await EstimateAsync(client);
        // (100 prompt + 100 user) × $0.60 + 200 output × $1.20, per million tokens.
        Assert.Equal(0.00036m, after.GetProperty("perCall").GetProperty("fineTuned").GetDecimal());
        Assert.Equal(2, _app.Services.GetRequiredService<ActiveCatalogue>().Current.Version);
        var v2 = await QueryAsync(_app, db => db.CatalogueVersions.AsNoTracking().SingleAsync(v => v.Version == 2));
        Assert.Equal("admin@example.test", v2.PublishedBy);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, v2.PublishedAt);
        Assert.Equal(0.60m, CatalogueLoader.LoadOrThrow(v2.Json).Find(Mini)!.FineTuned.InputPerMillion);
        Assert.Null(await DraftJsonAsync(_app));

        var audit = await AuditAsync(_app);
        Assert.Equal([AuditActions.CataloguePublish, AuditActions.CatalogueDraftSave, AuditActions.CataloguePublish], audit.Select(a => a.Action));
        Assert.Equal("Published provider-catalogue version 2", audit[2].Summary);
        Assert.Equal($"model {Mini} fineTuned.inputPerMillion: 0.3 → 0.6", audit[2].Diff);
        Assert.Equal("admin@example.test", audit[2].Actor);

        var log = await client.GetDocumentAsync("/admin/audit");
        var rows = log.QuerySelectorAll("tr.audit-entry").Select(r => r.GetAttribute("data-action")).ToList();
        Assert.Contains(AuditActions.CataloguePublish, rows);
        Assert.Contains(AuditActions.CatalogueDraftSave, rows);
        Assert.Contains("Published provider-catalogue version 2", log.Body!.TextContent, StringComparison.Ordinal);

        var versions = await client.GetDocumentAsync("/admin/catalogue/versions");
        Assert.Contains("Published provider-catalogue version 2", versions.QuerySelector(".status-message")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// A share page prices its cost section with the catalogue in use when it is rendered, and is output-cached: the
    /// catalogue's version is part of the cache key, so a page read after a publish shows the new prices, not the ones
    /// cached before.
    /// </summary>
    [Fact]
    public async Task Publish_ChangedPrice_ACachedSharePageShowsTheNewPrice()
    {
        var answers = new Dictionary<string, string>(Answers.StrongCase(), StringComparer.Ordinal)
        {
            ["prompt_tokens"] = "2000", ["prompt_tokens_after_fine_tuning"] = "100", ["output_tokens"] = "200", ["cost_model"] = Mini,
        };
        var created = await ApiAssessments.CreateAsync(_app.CreateClient(), answers);
        var reader = _app.CreateBrowserClient();
        for (var read = 0; read < 2; read++)
        {
            var page = await reader.GetDocumentAsync($"/a/{created.ShareToken}");
            Assert.Equal("$0.0003 (300 µ$)", page.QuerySelector("[data-cost=fine-tuned]")!.TextContent);
        }

        var admin = await _app.CreateAdminClientAsync();
        using (var saved = await SaveAsync(admin, new Dictionary<(string, string), string> { [(Mini, "FineTunedInput")] = "0.60" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var published = await PublishAsync(admin))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var after = await reader.GetDocumentAsync($"/a/{created.ShareToken}");
        Assert.Equal("$0.00036 (360 µ$)", after.QuerySelector("[data-cost=fine-tuned]")!.TextContent);
    }

    [Fact]
    public async Task Discard_Draft_IsAuditedAndThePublishedPricesComeBack()
    {
        var client = await _app.CreateAdminClientAsync();
        using (var saved = await SaveAsync(client, new Dictionary<(string, string), string> { [(Mini, "PromptingOutput")] = "0.70" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var editor = await client.GetDocumentAsync("/admin/catalogue");
        Assert.Equal("0.70", editor.QuerySelector($"#{IdOf(FieldOf(editor, Mini, "PromptingOutput"))}")!.GetAttribute("value"));
        using var discarded = await client.SubmitAsync(editor, "Discard draft");

        Assert.Equal(HttpStatusCode.Redirect, discarded.StatusCode);
        Assert.Null(await DraftJsonAsync(_app));
        var audit = (await AuditAsync(_app))[^1];
        Assert.Equal(AuditActions.CatalogueDraftDiscard, audit.Action);
        Assert.Equal($"model {Mini} prompting.outputPerMillion: 0.7 → 0.6", audit.Diff);
        var again = await client.GetDocumentAsync("/admin/catalogue");
        Assert.Equal("0.60", again.QuerySelector($"#{IdOf(FieldOf(again, Mini, "PromptingOutput"))}")!.GetAttribute("value"));
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "FineTunedInput", "-0.30", "Must be 0 or more." },
        { "PromptingOutput", "5000", "cap: check the decimal point" },
        { "TrainingPerMillionTokens", "NaN", "'NaN' is not a number" },
        { "FineTunedHostingPerHour", "Infinity", "'Infinity' is not a number" },
        { "PromptingCachedInput", "0,075", "'0,075' is not a number" },
        { "PromptingInput", "", "Required" },
        { "TrainingSource", "ftp://example.com/prices", "Must be an absolute https:// address" },
        { "FineTunedSource", "javascript:alert(1)", "Must be an absolute https:// address" },
        { "PromptingCheckedOn", "2026-12-01", "2026-12-01 is in the future (today is 2026-11-30)." },
        { "StatusCheckedOn", "2026-02-30", "is not a day written yyyy-mm-dd" },
        { "TrainingExampleTokenLimit", "lots", "not a whole number" },
        { "Name", " ", "Required." },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Save_BadValue_ErrorBesideTheFieldTypedValueKeptNothingStored(string field, string value, string message)
    {
        var client = await _app.CreateAdminClientAsync();
        var editor = await client.GetDocumentAsync("/admin/catalogue");
        var name = FieldOf(editor, Mini, field);
        var drafts = await DatabaseSnapshot.TakeAsync(_app, "CatalogueDrafts");

        using var response = await client.SubmitAsync(editor, "Save draft", new Dictionary<string, string>
        {
            [name] = value,
            // Another change in the same form must survive the error too.
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
        // Blank or spaces come back empty; anything else exactly as typed.
        Assert.Equal(value.Trim(), input.GetAttribute("value") ?? "");
        Assert.Equal("Typed before the mistake.", page.QuerySelector($"#{IdOf(FieldOf(page, Mini, "Note"))}")!.TextContent);
        Assert.NotNull(page.QuerySelector($"details.cat-model.has-error[open] #{IdOf(name)}"));
        var summaryLabel = field == "Name" ? "Model 1, name: " : "GPT-4o mini (2024-07-18), ";
        Assert.Contains(page.QuerySelectorAll(".error-summary a"), a => a.GetAttribute("href") == $"#{IdOf(name)}" && a.TextContent.StartsWith(summaryLabel, StringComparison.Ordinal));
        Assert.Equal(drafts, await DatabaseSnapshot.TakeAsync(_app, "CatalogueDrafts"));
    }

    [Fact]
    public async Task Save_ShutdownBeforeTheLastDayForNewJobs_RefusedBesideTheDates()
    {
        var client = await _app.CreateAdminClientAsync();
        var editor = await client.GetDocumentAsync("/admin/catalogue");
        var lastJobs = FieldOf(editor, Mini, "NewJobsUntil");

        using var response = await SaveAsync(client, new Dictionary<(string, string), string> { [(Mini, "ShutdownOn")] = "2027-01-01" }, editor);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Error: The last day for new jobs (2027-01-06) must come before the shutdown (2027-01-01).", page.QuerySelector($"#{IdOf(lastJobs)}-error")!.TextContent.Trim());
        Assert.Equal("2027-01-01", page.QuerySelector($"#{IdOf(FieldOf(page, Mini, "ShutdownOn"))}")!.GetAttribute("value"));
        Assert.Null(await DraftJsonAsync(_app));
    }

    [Fact]
    public async Task Save_CheckedDateIsFutureOnlyByTheClock_AcceptedOnceTheClockReachesIt()
    {
        var client = await _app.CreateAdminClientAsync();
        var changes = new Dictionary<(string, string), string> { [(Mini, "TrainingCheckedOn")] = "2026-12-02" };
        using (var refused = await SaveAsync(client, changes))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        _time.Advance(TimeSpan.FromDays(2));
        // Two days on, the admin session has lapsed: sign in again.
        client = await _app.CreateAdminClientAsync();
        using var accepted = await SaveAsync(client, changes);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(new DateOnly(2026, 12, 2), CatalogueLoader.LoadOrThrow((await DraftJsonAsync(_app))!).Find(Mini)!.Training.Source.CheckedOn);
    }

    [Fact]
    public async Task AddModel_ThenSave_NewModelIsInTheDraftAndCanBeEstimatedOncePublished()
    {
        var client = await _app.CreateAdminClientAsync();
        var editor = await client.GetDocumentAsync("/admin/catalogue");
        using var added = await client.SubmitAsync(editor, "Add a model", new Dictionary<string, string> { [FieldOf(editor, Mini, "Note")] = "Kept across the add." });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var form = await added.ReadDocumentAsync();
        Assert.Equal(13, form.QuerySelectorAll("details.cat-model").Length);
        Assert.Equal("Kept across the add.", form.QuerySelector($"#{IdOf(FieldOf(form, Mini, "Note"))}")!.TextContent);
        Assert.Null(await DraftJsonAsync(_app));

        // A new model left half-filled: each missing figure is named beside its field.
        using var incomplete = await client.SubmitAsync(form, "Save draft", new Dictionary<string, string> { ["Input.Models[12].Name"] = "Cheap model" });
        Assert.Equal(HttpStatusCode.OK, incomplete.StatusCode);
        var errors = await incomplete.ReadDocumentAsync();
        Assert.NotNull(errors.QuerySelector("#Input_Models_12__Id-error"));
        Assert.NotNull(errors.QuerySelector("#Input_Models_12__PromptingInput-error"));
        Assert.NotNull(errors.QuerySelector("#Input_Models_12__TrainingSource-error"));
        Assert.Equal("Cheap model", errors.QuerySelector("#Input_Models_12__Name")!.GetAttribute("value"));

        const string source = "https://example.com/prices";
        using var saved = await client.SubmitAsync(errors, "Save draft", new Dictionary<string, string>
        {
            ["Input.Models[12].Id"] = "together:cheap-model",
            ["Input.Models[12].TrainingPerMillionTokens"] = "0.48",
            ["Input.Models[12].TrainingSource"] = source,
            ["Input.Models[12].PromptingInput"] = "0.2",
            ["Input.Models[12].PromptingOutput"] = "0.2",
            ["Input.Models[12].PromptingSource"] = source,
            ["Input.Models[12].FineTunedInput"] = "0.2",
            ["Input.Models[12].FineTunedOutput"] = "0.2",
            ["Input.Models[12].FineTunedSource"] = source,
            ["Input.Models[12].OpenWeights"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = CatalogueLoader.LoadOrThrow((await DraftJsonAsync(_app))!);
        var cheap = draft.Find("together:cheap-model");
        Assert.NotNull(cheap);
        Assert.Equal(("Cheap model", 0.48m, true, new DateOnly(2026, 11, 30)), (cheap.Name, cheap.Training.PerMillionTokens!.Value, cheap.OpenWeights, cheap.Training.Source.CheckedOn));
        Assert.Equal("Kept across the add.", draft.Find(Mini)!.Note);
        Assert.Contains("model together:cheap-model: added", (await AuditAsync(_app))[^1].Diff, StringComparison.Ordinal);

        using (var published = await PublishAsync(client))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var estimate = await EstimateAsync(client, "together:cheap-model");
        Assert.Equal(0.00008m, estimate.GetProperty("perCall").GetProperty("fineTuned").GetDecimal());
    }

    [Fact]
    public async Task RemoveModel_ThenSave_TheModelIsGoneFromTheDraftAndTheDiffSaysSo()
    {
        var client = await _app.CreateAdminClientAsync();
        const string nano = "openai:gpt-4.1-nano-2025-04-14";
        var editor = await client.GetDocumentAsync("/admin/catalogue");

        using var removed = await client.SubmitAsync(editor, "Remove GPT-4.1 nano");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var form = await removed.ReadDocumentAsync();
        Assert.Equal(11, form.QuerySelectorAll("details.cat-model").Length);
        Assert.Contains("Save the draft to keep the change", form.QuerySelector(".catalogue-unsaved")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await DraftJsonAsync(_app));

        using var saved = await client.SubmitAsync(form, "Save draft");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Null(CatalogueLoader.LoadOrThrow((await DraftJsonAsync(_app))!).Find(nano));
        var review = await client.GetDocumentAsync("/admin/catalogue/publish");
        Assert.Equal([$"model {nano}: removed"], review.QuerySelectorAll(".catalogue-diff li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task Save_StalePage_RefusedWithWhoChangedItAndTheTypedValueKept()
    {
        var alice = await _app.CreateAdminClientAsync("alice@example.test");
        var bob = await _app.CreateAdminClientAsync("bob@example.test");
        var aliceEditor = await alice.GetDocumentAsync("/admin/catalogue");
        using (var bobSaved = await SaveAsync(bob, new Dictionary<(string, string), string> { [(Mini, "PromptingInput")] = "0.16" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, bobSaved.StatusCode);
        }

        using var response = await SaveAsync(alice, new Dictionary<(string, string), string> { [(Mini, "PromptingInput")] = "0.17" }, aliceEditor);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("Not saved: bob@example.test saved the draft", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("0.17", page.QuerySelector($"#{IdOf(FieldOf(page, Mini, "PromptingInput"))}")!.GetAttribute("value"));
        Assert.Equal(0.16m, CatalogueLoader.LoadOrThrow((await DraftJsonAsync(_app))!).Find(Mini)!.Prompting.InputPerMillion);
    }
}

/// <summary>Two catalogue documents are the same when they write the same JSON (records compare lists by reference).</summary>
public sealed class DocumentComparer : IEqualityComparer<CatalogueDocument>
{
    public static DocumentComparer Instance { get; } = new();

    public bool Equals(CatalogueDocument? x, CatalogueDocument? y) =>
        x is not null && y is not null && CatalogueLoader.Write(x) == CatalogueLoader.Write(y);

    public int GetHashCode(CatalogueDocument obj) => CatalogueLoader.Write(obj).GetHashCode(StringComparison.Ordinal);
}
