using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static FineTuneAdvisor.Web.Tests.Pages.Admin.Catalogue.AdminCatalogue;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin.Catalogue;

/// <summary>Export of a version or the draft, import by upload or paste into the draft, and strict import errors with their JSON paths.</summary>
public sealed class CatalogueImportExportTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _app = new();

    public CatalogueImportExportTests() => _app.Time = _time;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ExportEditImport_RoundTrip_TheUploadBecomesTheDraftAuditedAndExportsBackUnchanged()
    {
        var client = await _app.CreateAdminClientAsync();
        using var exported = await client.GetAsync("/admin/catalogue/export?version=1");
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal("application/json", exported.Content.Headers.ContentType!.MediaType);
        Assert.Equal("provider-catalogue-v1.json", exported.Content.Headers.ContentDisposition!.FileNameStar ?? exported.Content.Headers.ContentDisposition.FileName);
        var json = await exported.Content.ReadAsStringAsync();
        Assert.Equal(CatalogueLoader.LoadDefault().Document with { Version = 1 }, CatalogueLoader.LoadOrThrow(json).Document, DocumentComparer.Instance);

        var edited = JsonNode.Parse(json)!.AsObject();
        edited["name"] = "Prices of December 2026";
        edited["models"]![0]!["training"]!["perMillionTokens"] = 2.5m;
        var text = edited.ToJsonString();
        var form = await client.GetDocumentAsync("/admin/catalogue/import");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(form.QuerySelector("input[name='Input.RowVersion']")!.GetAttribute("value")!), "Input.RowVersion" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "Input.Upload", "catalogue.json");
        using var response = await client.PostAsync("/admin/catalogue/import", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/catalogue/publish", response.Headers.Location!.OriginalString);
        var entry = (await AuditAsync(_app))[^1];
        Assert.Equal(AuditActions.CatalogueImport, entry.Action);
        Assert.Equal("Imported catalogue \"Prices of December 2026\" (5 providers, 12 models) as the draft", entry.Summary);
        Assert.Equal($"catalogue name: Seed catalogue from the cost reference of November 2026 → Prices of December 2026\nmodel {Mini} training.perMillionTokens: 3 → 2.5", entry.Diff);

        using var draft = await client.GetAsync("/admin/catalogue/export?draft=true");
        var draftJson = await draft.Content.ReadAsStringAsync();
        Assert.Equal(CatalogueLoader.LoadOrThrow(text).Document, CatalogueLoader.LoadOrThrow(draftJson).Document, DocumentComparer.Instance);
        // Estimates keep version 1 until the import is published.
        Assert.Equal(4.5m, (await EstimateAsync(client)).GetProperty("training").GetProperty("cost").GetDecimal());
        using (var published = await PublishAsync(client))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        Assert.Equal(3.75m, (await EstimateAsync(client)).GetProperty("training").GetProperty("cost").GetDecimal());
        using var v2 = await client.GetAsync("/admin/catalogue/export?version=2");
        var v2Document = CatalogueLoader.LoadOrThrow(await v2.Content.ReadAsStringAsync()).Document;
        Assert.Equal(CatalogueLoader.LoadOrThrow(text).Document with { Version = 2 }, v2Document, DocumentComparer.Instance);
    }

    [Fact]
    public async Task Import_BrokenCatalogue_ListsEveryProblemWithItsJsonPathAndChangesNothing()
    {
        var client = await _app.CreateAdminClientAsync();
        var broken = DefaultJson();
        broken["models"]![0]!["fineTuned"]!["inputPerMillion"] = -1;
        broken["models"]![1]!["prompting"]!["outputPerMillion"] = 50_000;
        broken["models"]![2]!["status"]!["shutdownOn"] = "2027-01-01";
        broken["models"]![3]!["training"]!["source"] = "http://example.com/prices";
        broken["models"]![4]!["prompting"]!["checkedOn"] = "2026-12-25";
        var pasted = broken.ToJsonString();
        var drafts = await DatabaseSnapshot.TakeAsync(_app, "CatalogueDrafts");
        var audit = await DatabaseSnapshot.TakeAsync(_app, "AuditEntries");

        var form = await client.GetDocumentAsync("/admin/catalogue/import");
        using var response = await client.SubmitAsync(form, "Check and import", new Dictionary<string, string> { ["Input.Text"] = pasted });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var problems = page.QuerySelectorAll(".import-problems li").Select(li => li.TextContent).ToList();
        Assert.Equal(5, problems.Count);
        Assert.Contains("$.models[0].fineTuned.inputPerMillion: Must be 0 or more.", problems);
        Assert.Contains(problems, p => p.StartsWith("$.models[1].prompting.outputPerMillion:", StringComparison.Ordinal) && p.Contains("cap", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.models[2].status.newJobsUntil:", StringComparison.Ordinal) && p.Contains("before the shutdown", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("$.models[3].training.source:", StringComparison.Ordinal) && p.Contains("https://", StringComparison.Ordinal));
        Assert.Contains("$.models[4].prompting.checkedOn: 2026-12-25 is in the future (today is 2026-11-30).", problems);
        Assert.Contains("5 problems", page.QuerySelector(".error-summary h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(pasted, page.QuerySelector("textarea[name='Input.Text']")!.TextContent);
        Assert.Equal(drafts, await DatabaseSnapshot.TakeAsync(_app, "CatalogueDrafts"));
        Assert.Equal(audit, await DatabaseSnapshot.TakeAsync(_app, "AuditEntries"));
    }

    public static TheoryData<string, string> StrictJson => new()
    {
        { """{"schemaVersion":1,"version":1,"name":"x","currency":"USD","providers":[],"models":[],"surprise":true}""", "$.surprise: Unknown property" },
        { """{"schemaVersion":1,"version":"1","name":"x","currency":"USD","providers":[],"models":[]}""", "$.version: Must be a whole number" },
        { """{"schemaVersion":1,"version":1,"currency":"USD","providers":[],"models":[]}""", "$.name: Required." },
        { """{"schemaVersion":1,"version":1,"name":"x","name":"y","currency":"USD","providers":[],"models":[]}""", "Given twice" },
        { """{"schemaVersion":1, // a comment""", "Not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(StrictJson))]
    public async Task Import_JsonTheStrictReaderRefuses_NamesThePath(string pasted, string expected)
    {
        var client = await _app.CreateAdminClientAsync();
        var form = await client.GetDocumentAsync("/admin/catalogue/import");

        using var response = await client.SubmitAsync(form, "Check and import", new Dictionary<string, string> { ["Input.Text"] = pasted });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(page.QuerySelectorAll(".import-problems li"), li => li.TextContent.Contains(expected, StringComparison.Ordinal));
        Assert.Null(await DraftJsonAsync(_app));
    }

    [Fact]
    public async Task Import_NothingOrTooMuch_IsRefusedWithAMessage()
    {
        var client = await _app.CreateAdminClientAsync();
        var form = await client.GetDocumentAsync("/admin/catalogue/import");
        using (var empty = await client.SubmitAsync(form, "Check and import"))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            Assert.Contains("Choose a JSON file or paste a catalogue.", (await empty.ReadDocumentAsync()).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        }

        using var large = await client.SubmitAsync(form, "Check and import", new Dictionary<string, string> { ["Input.Text"] = new string(' ', 300 * 1024) + "{}" });
        Assert.Equal(HttpStatusCode.OK, large.StatusCode);
        Assert.Contains("larger than 256 KB", (await large.ReadDocumentAsync()).QuerySelector("#error-import-text")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_UnknownVersionOrNoDraft_IsNotFound()
    {
        var client = await _app.CreateAdminClientAsync();
        using var missing = await client.GetAsync("/admin/catalogue/export?version=9");
        using var noDraft = await client.GetAsync("/admin/catalogue/export?draft=true");
        using var anonymous = await _app.CreateBrowserClient().GetAsync("/admin/catalogue/export?version=1");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noDraft.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }
}
