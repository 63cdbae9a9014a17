using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FineTuneAdvisor.Web.Datasets;
using FineTuneAdvisor.Web.Tests.Datasets;
using FineTuneAdvisor.Web.Tests.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Pages.Data;

/// <summary>
/// The questionnaire's data step → /data for the draft → "Use these answers" (consent) → the draft, the stored
/// assessment and its exports: measured evidence, never the sample's content.
/// </summary>
public sealed class UseAnswersTests : IDisposable
{
    private const string Measured = "Measured from a sample of 26 examples on 30 November 2026";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _app = new();

    public UseAnswersTests() => _app.Time = _time;

    public void Dispose() => _app.Dispose();

    private static string Sample(string extra = "Reach me at ann@example.org") => Samples.Lines([.. Samples.VariedChats(25), Samples.Chat(extra, "Noted.")]);

    /// <summary>The data step answered by hand: 500 raw, narrow examples.</summary>
    private static async Task AnswerDataStepAsync(HttpClient client)
    {
        var step = await client.GetDocumentAsync("/assess/data");
        using var next = await client.SubmitAsync(step, "Next", new Dictionary<string, string>
        {
            ["example_count"] = "500", ["data_quality"] = "raw", ["data_variety"] = "narrow", ["has_eval_set"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
    }

    /// <summary>Follows the data step's panel to /data, uploads <paramref name="sample"/> through the multipart form; returns the report's address.</summary>
    private static async Task<string> UploadFromDataStepAsync(HttpClient client, string sample)
    {
        var step = await client.GetDocumentAsync("/assess/data");
        using (var measure = await client.SubmitAsync(step, "Measure"))
        {
            Assert.Equal(HttpStatusCode.Redirect, measure.StatusCode);
            Assert.Equal("/data?for=draft", measure.Headers.Location!.OriginalString);
        }

        var page = await client.GetDocumentAsync("/data?for=draft");
        Assert.NotNull(page.QuerySelector(".for-draft"));

        var form = page.QuerySelector<IHtmlFormElement>("form.data-form")!;
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            content.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(sample));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "Input.File", "chats.jsonl");
        content.Add(new StringContent(""), "Input.Text");
        content.Add(new StringContent(TargetModels.Default.Id), "Input.Model");
        using var posted = await client.PostAsync("/data", content);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var report = posted.Headers.Location!.OriginalString;
        Assert.Matches("^/data/report/[0-9a-f]{32}\\?for=draft$", report);
        return report;
    }

    private static async Task<HttpResponseMessage> UseTheseAnswersAsync(HttpClient client, IHtmlDocument report) =>
        await client.SubmitAsync(report, "Use these answers");

    [Fact]
    public async Task DataStep_OffersToMeasureASample_OnlyOnTheDataStep()
    {
        var client = _app.CreateBrowserClient();

        var data = await client.GetDocumentAsync("/assess/data");
        var other = await client.GetDocumentAsync("/assess/use_case");

        Assert.Contains("Measure your data instead of estimating it", data.QuerySelector(".data-sample-panel h2")!.TextContent);
        Assert.Null(other.QuerySelector(".data-sample-panel"));
    }

    [Fact]
    public async Task MeasureASample_FromTheDataStep_SavesWhatWasTypedThereFirst()
    {
        var client = _app.CreateBrowserClient();
        var step = await client.GetDocumentAsync("/assess/data");

        using var measure = await client.SubmitAsync(step, "Measure a sample", new Dictionary<string, string> { ["example_count"] = "1200" });

        Assert.Equal("/data?for=draft", measure.Headers.Location!.OriginalString);
        var again = await client.GetDocumentAsync("/assess/data");
        Assert.Equal("1200", again.QuerySelector<IHtmlInputElement>("#field-example_count")!.Value);
    }

    [Fact]
    public async Task Report_ForTheDraft_ShowsEachAnswerOldToNew_AndWithoutConsentTheDraftIsUnchanged()
    {
        var client = _app.CreateBrowserClient();
        await AnswerDataStepAsync(client);
        var reportUrl = await UploadFromDataStepAsync(client, Sample());
        var before = await DatabaseSnapshot.TakeAsync(_app, "Drafts");

        var report = await client.GetDocumentAsync(reportUrl);

        Assert.Equal(["example_count", "data_quality", "data_variety", "data_sensitivity"],
            report.QuerySelectorAll(".answer-changes tbody tr").Select(r => r.GetAttribute("data-question")));
        var rows = report.QuerySelectorAll(".answer-changes tbody tr").ToDictionary(r => r.GetAttribute("data-question")!);
        Assert.Equal("500", rows["example_count"].QuerySelector(".current")!.TextContent.Trim());
        Assert.Equal("26", rows["example_count"].QuerySelector(".suggested")!.TextContent.Trim());
        Assert.Contains("500 → 26", rows["example_count"].TextContent);
        Assert.Equal("will-change", rows["example_count"].ClassName);
        Assert.Contains("Not answered →", rows["data_sensitivity"].TextContent);
        Assert.Contains("on the Privacy, rights and fairness step", rows["data_sensitivity"].TextContent);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_app, "Drafts"));

        // Going back without consent leaves the answers as they were.
        var step = await client.GetDocumentAsync("/assess/data");
        Assert.Equal("500", step.QuerySelector<IHtmlInputElement>("#field-example_count")!.Value);
        Assert.True(step.QuerySelector<IHtmlInputElement>("#data_quality-raw")!.IsChecked);
        Assert.Contains("Measure a sample", step.QuerySelector(".data-sample-panel")!.TextContent);
    }

    [Fact]
    public async Task UseTheseAnswers_FillsTheDraft_AndTheDataStepSaysWhatChanged()
    {
        var client = _app.CreateBrowserClient();
        await AnswerDataStepAsync(client);
        var report = await client.GetDocumentAsync(await UploadFromDataStepAsync(client, Sample()));
        var variety = report.QuerySelector(".answer-changes tr[data-question=data_variety] .suggested")!.TextContent.Trim();

        using var used = await UseTheseAnswersAsync(client, report);

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/assess/data", used.Headers.Location!.OriginalString);
        var step = await client.GetDocumentAsync("/assess/data");
        Assert.Equal("26", step.QuerySelector<IHtmlInputElement>("#field-example_count")!.Value);
        Assert.True(step.QuerySelector<IHtmlInputElement>("#data_quality-curated")!.IsChecked);
        Assert.True(step.QuerySelector<IHtmlInputElement>("#has_eval_set-true")!.IsChecked);
        var status = step.QuerySelector(".status-message")!.TextContent;
        Assert.Contains("How many examples do you have today?: 500 → 26", status);
        Assert.Contains($"narrow → {variety}".ToUpperInvariant(), status.ToUpperInvariant());
        Assert.Contains("You can still change any of them.", status);
        Assert.Contains(Measured, step.QuerySelector(".data-sample-panel")!.TextContent);
        Assert.All(step.QuerySelectorAll(".data-evidence-answers li"), li => Assert.Equal("true", li.GetAttribute("data-measured")));
        var compliance = await client.GetDocumentAsync("/assess/compliance");
        Assert.True(compliance.QuerySelector<IHtmlInputElement>("#data_sensitivity-internal")!.IsChecked);

        // The product manager can still change them; the change is saved and no longer shown as measured.
        using (var changed = await client.SubmitAsync(step, "Next", new Dictionary<string, string> { ["example_count"] = "40" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        var again = await client.GetDocumentAsync("/assess/data");
        Assert.Equal("40", again.QuerySelector<IHtmlInputElement>("#field-example_count")!.Value);
        Assert.Contains("answered differently from the measured suggestion (26)", again.QuerySelector(".data-evidence-answers li[data-question=example_count]")!.TextContent);
    }

    [Fact]
    public async Task UseTheseAnswers_WithoutTheAntiforgeryToken_IsRefusedAndChangesNothing()
    {
        var client = _app.CreateBrowserClient();
        await AnswerDataStepAsync(client);
        var reportUrl = await UploadFromDataStepAsync(client, Sample());
        var report = await client.GetDocumentAsync(reportUrl);
        var before = await DatabaseSnapshot.TakeAsync(_app, "Drafts");
        var form = report.FindButton("Use these answers").Form;
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Where(i => i.Name != "__RequestVerificationToken")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value));

        using var posted = await client.PostAsync(new Uri(new Uri(report.Url), form.GetAttribute("action")), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_app, "Drafts"));
    }

    [Fact]
    public async Task UseTheseAnswers_AfterTheDraftChangedInAnotherTab_ShowsTheChangesAgainAndOverwritesNothing()
    {
        var client = _app.CreateBrowserClient();
        await AnswerDataStepAsync(client);
        var report = await client.GetDocumentAsync(await UploadFromDataStepAsync(client, Sample()));

        // Another tab changes the count after the report showed "500 → 26".
        var step = await client.GetDocumentAsync("/assess/data");
        using (var changed = await client.SubmitAsync(step, "Next", new Dictionary<string, string> { ["example_count"] = "900" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        var before = await DatabaseSnapshot.TakeAsync(_app, "Drafts");
        using var used = await UseTheseAnswersAsync(client, report);

        Assert.Equal(HttpStatusCode.Conflict, used.StatusCode);
        var shown = await used.ReadDocumentAsync();
        Assert.Contains("Your answers changed since this page was shown", shown.QuerySelector(".use-answers [role=alert]")!.TextContent);
        Assert.Contains("900 → 26", shown.QuerySelector(".answer-changes tr[data-question=example_count]")!.TextContent);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_app, "Drafts"));

        // Consent given to what is shown now goes through.
        using var second = await UseTheseAnswersAsync(client, shown);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
    }

    [Fact]
    public async Task UseTheseAnswers_FromAnotherBrowser_IsTheSame404AndChangesNothing()
    {
        var owner = _app.CreateBrowserClient();
        await AnswerDataStepAsync(owner);
        var reportUrl = await UploadFromDataStepAsync(owner, Sample());
        var stranger = _app.CreateBrowserClient();
        await AnswerDataStepAsync(stranger);

        using var response = await stranger.GetAsync(reportUrl);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Consent, then the rest of the questionnaire with data variety answered differently; returns the share token.</summary>
    private static async Task<(string Token, string Variety)> SubmitWithEvidenceAsync(HttpClient client, string sample)
    {
        await AnswerDataStepAsync(client);
        var report = await client.GetDocumentAsync(await UploadFromDataStepAsync(client, sample));
        var suggested = report.QuerySelector(".answer-changes tr[data-question=data_variety]")!;
        var variety = new[] { "narrow", "moderate", "broad" }.First(v => !suggested.QuerySelector(".suggested")!.TextContent.Trim().Equals(v, StringComparison.OrdinalIgnoreCase));
        using (var used = await UseTheseAnswersAsync(client, report))
        {
            Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        }

        var answers = Answers.StrongCase();
        answers.Remove("example_count");
        answers.Remove("data_quality");
        answers.Remove("data_sensitivity");
        answers["data_variety"] = variety;
        var location = await QuestionnairePageTests.CompleteAsync(client, answers);
        return (location["/a/".Length..], variety);
    }

    [Fact]
    public async Task Submit_AfterConsent_ResultPageAndExportsSayMeasured_AndAChangedAnswerIsNotClaimedAsMeasured()
    {
        var client = _app.CreateBrowserClient();
        var (token, _) = await SubmitWithEvidenceAsync(client, Sample());

        var page = await client.GetDocumentAsync($"/a/{token}");
        var evidence = page.QuerySelector("section[aria-labelledby=criteria-heading] .data-evidence")!;
        Assert.Contains(Measured, evidence.TextContent);
        Assert.Equal("true", evidence.QuerySelector("[data-question=example_count]")!.GetAttribute("data-measured"));
        Assert.Contains("26, as measured", evidence.QuerySelector("[data-question=example_count]")!.TextContent);
        Assert.Equal("false", evidence.QuerySelector("[data-question=data_variety]")!.GetAttribute("data-measured"));
        Assert.Contains("answered differently from the measured suggestion", evidence.QuerySelector("[data-question=data_variety]")!.TextContent);

        using var api = await client.GetAsync($"/api/assessments/{token}");
        var json = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        var data = json.GetProperty("dataEvidence");
        Assert.Equal(Measured, data.GetProperty("summary").GetString());
        Assert.Equal(26, data.GetProperty("measured").GetProperty("examples").GetInt32());
        Assert.Equal(26, data.GetProperty("measured").GetProperty("validExamples").GetInt32());
        Assert.Equal(1, data.GetProperty("measured").GetProperty("pii").GetProperty("email").GetInt32());
        Assert.Equal(DatasetAnalyzer.Version, data.GetProperty("measured").GetProperty("analyzerVersion").GetString());
        Assert.Equal("2026-11-30T10:00:00+00:00", data.GetProperty("measured").GetProperty("measuredAt").GetString());
        Assert.Contains("example_count", data.GetProperty("answersAsMeasured").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["data_variety"], data.GetProperty("answeredDifferently").EnumerateArray().Select(e => e.GetString()));

        using var exported = await client.GetAsync($"/a/{token}/export.json");
        Assert.Equal(Measured, JsonDocument.Parse(await exported.Content.ReadAsStringAsync()).RootElement.GetProperty("dataEvidence").GetProperty("summary").GetString());
        var markdown = await client.GetStringAsync($"/a/{token}/export.md");
        Assert.Contains($"**{Measured}.**", markdown);
        Assert.Contains("answered differently from the measured suggestion", markdown);
    }

    [Fact]
    public async Task Assessment_WithoutAMeasuredSample_HasNoEvidenceAnywhere()
    {
        var client = _app.CreateBrowserClient();
        var location = await QuestionnairePageTests.CompleteAsync(client, Answers.StrongCase());

        var page = await client.GetDocumentAsync(location);
        using var api = await client.GetAsync($"/api/assessments/{location["/a/".Length..]}");

        Assert.Null(page.QuerySelector(".data-evidence"));
        Assert.DoesNotContain("Measured from a sample", page.Body!.TextContent);
        Assert.False(JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.TryGetProperty("dataEvidence", out _));
    }

    [Fact]
    public async Task Revision_KeepsTheEvidence_UntilANewSampleIsMeasured()
    {
        var owner = _app.CreateBrowserClient();
        var (token, _) = await SubmitWithEvidenceAsync(owner, Sample());

        var teammate = _app.CreateBrowserClient();
        var revised = await Results.RevisionTests.ReviseThroughFormsAsync(teammate, $"/a/{token}/revise", new Dictionary<string, string> { ["budget"] = "moderate" });
        var revisedPage = await teammate.GetDocumentAsync($"/a/{revised}");
        Assert.Contains(Measured, revisedPage.QuerySelector(".data-evidence")!.TextContent);

        // A new sample, measured and used, replaces it.
        _time.Advance(TimeSpan.FromDays(2));
        var confirm = await teammate.GetDocumentAsync($"/a/{revised}/revise");
        using (var start = await teammate.SubmitAsync(confirm, "Start the revision"))
        {
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        }

        var report = await teammate.GetDocumentAsync(await UploadFromDataStepAsync(teammate, Samples.Lines(Samples.VariedChats(30, seed: 11))));
        using (var used = await UseTheseAnswersAsync(teammate, report))
        {
            Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        }

        var step = await teammate.GetDocumentAsync("/assess/data");
        Assert.Contains("Measured from a sample of 30 examples on 2 December 2026", step.QuerySelector(".data-sample-panel")!.TextContent);
    }

    /// <summary>
    /// The planted marker is in the sample's content (a user message and an e-mail address); after the whole journey
    /// the database file and its write-ahead log hold the aggregates and not one byte of the content.
    /// </summary>
    [Fact]
    [Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
    public async Task StoredAssessment_HoldsTheAggregates_AndNoneOfTheSamplesContent()
    {
        const string marker = "zq7MARKERf3a91";
        var client = _app.CreateBrowserClient();
        var (token, _) = await SubmitWithEvidenceAsync(client, Sample($"Order {marker} for {marker}@example.org please"));

        var stored = await client.GetStringAsync($"/api/assessments/{token}");
        Assert.Contains("\"examples\":26", stored);
        byte[][] files = [.. new[] { _app.DatabasePath, _app.DatabasePath + "-wal" }.Where(File.Exists).Select(ReadShared)];
        Assert.NotEmpty(files);
        Assert.True(files.Any(f => Contains(f, Encoding.UTF8.GetBytes("\"validExamples\":26"))), "the aggregates are stored");
        foreach (var bytes in files)
        {
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(marker)), "the marker (UTF-8) is in the database");
            Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(marker)), "the marker (UTF-16) is in the database");
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes("ann@example.org")), "an e-mail address of the sample is in the database");
        }
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    [Fact]
    public async Task Api_AnalyzeThenCreate_TheSuggestedAnswersAreValidAnswers()
    {
        var client = _app.CreateClient();
        using var body = new ByteArrayContent(Encoding.UTF8.GetBytes(Sample()));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        using var analysed = await client.PostAsync("/api/datasets/analyze", body);
        Assert.Equal(HttpStatusCode.OK, analysed.StatusCode);
        var suggested = JsonDocument.Parse(await analysed.Content.ReadAsStringAsync()).RootElement.GetProperty("suggestedAnswers");

        var answers = ApiAssessments.TypedStrongCase();
        foreach (var answer in suggested.EnumerateObject())
        {
            answers[answer.Name] = answer.Value.Clone();
        }

        using var created = await client.PostAsync("/api/assessments", ApiAssessments.Json(ApiAssessments.Body(answers)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stored = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("answers");
        Assert.Equal(26, stored.GetProperty("example_count").GetInt32());
        Assert.Equal("curated", stored.GetProperty("data_quality").GetString());
    }
}
