using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Pages.Assess;

public sealed class SaveAndResumeTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _app = new();

    public SaveAndResumeTests() => _app.Time = _time;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task SaveForLater_ThenResumeInAnotherBrowser_RestoresEveryAnswerAndTheStep()
    {
        var resumeUrl = await SaveOnDataStepAsync(_app.CreateBrowserClient());

        var other = _app.CreateBrowserClient();
        var resume = await other.GetDocumentAsync(resumeUrl);
        Assert.Contains("Your data", resume.QuerySelector(".lead")!.TextContent);
        using var continued = await other.SubmitAsync(resume, "Continue");

        Assert.Equal(HttpStatusCode.Redirect, continued.StatusCode);
        Assert.Equal("/assess/data", continued.Headers.Location!.OriginalString);
        var data = await other.GetDocumentAsync("/assess/data");
        Assert.Equal("4200", data.QuerySelector<IHtmlInputElement>("#field-example_count")!.Value);
        var first = await other.GetDocumentAsync("/assess/use_case");
        Assert.Equal(Answers.StrongCase()["use_case_summary"], first.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);
    }

    [Fact]
    public async Task ResumeLink_Get_ChangesNothingAndKeepsItOutOfCachesAndIndexes()
    {
        var resumeUrl = await SaveOnDataStepAsync(_app.CreateBrowserClient());
        var before = await DatabaseSnapshot.TakeAsync(_app, "Drafts");

        using var response = await _app.CreateBrowserClient().GetAsync(resumeUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(DraftStore.CookieName, StringComparison.Ordinal)));
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_app, "Drafts"));
    }

    [Fact]
    public async Task ResumeLink_UnknownToken_IsTheOrdinary404()
    {
        using var response = await _app.CreateBrowserClient().GetAsync("/assess/resume/" + new string('C', 43));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Draft_UntouchedPastItsLifetime_ExpiresAndIsSweptAway()
    {
        var owner = _app.CreateBrowserClient();
        var resumeUrl = await SaveOnDataStepAsync(owner);

        _time.Advance(TimeSpan.FromDays(29));
        using (var stillValid = await _app.CreateBrowserClient().GetAsync(resumeUrl))
        {
            Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        }

        _time.Advance(TimeSpan.FromDays(2));
        using (var expired = await _app.CreateBrowserClient().GetAsync(resumeUrl))
        {
            Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        }

        // The owner's own browser starts afresh too.
        var first = await owner.GetDocumentAsync("/assess/use_case");
        Assert.Empty(first.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value);

        // The hourly sweep runs on the same clock: the days just skipped fired it, and it deletes the row.
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await db.Drafts.AnyAsync() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.False(await db.Drafts.AnyAsync(), "The background sweep deletes expired drafts.");
    }

    [Fact]
    public async Task DeleteExpired_RemovesOnlyDraftsPastTheirLifetime()
    {
        var old = _app.CreateBrowserClient();
        await SaveOnDataStepAsync(old);
        using var scope = _app.Services.CreateScope();
        var drafts = scope.ServiceProvider.GetRequiredService<DraftStore>();

        // Not yet expired: the sweep leaves it. Then a second draft is saved just before the first expires.
        Assert.Equal(0, await drafts.DeleteExpiredAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromDays(29));
        await SaveOnDataStepAsync(_app.CreateBrowserClient());
        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await drafts.DeleteExpiredAsync(CancellationToken.None);

        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        Assert.Equal(1, await db.Drafts.CountAsync());
    }

    [Fact]
    public async Task SavedPage_WithoutADraft_SendsTheVisitorToTheQuestionnaire()
    {
        using var response = await _app.CreateBrowserClient().GetAsync("/assess/saved");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/assess", response.Headers.Location!.OriginalString);
    }

    /// <summary>Answers the first step, types a count on the data step, saves for later; returns the resume link's path.</summary>
    private static async Task<string> SaveOnDataStepAsync(HttpClient client)
    {
        var first = await client.GetDocumentAsync("/assess/use_case");
        using (var _ = await client.SubmitAsync(first, "Next", Answers.StrongCase()))
        {
        }

        var data = await client.GetDocumentAsync("/assess/data");
        using var saved = await client.SubmitAsync(data, "Save and finish later", new Dictionary<string, string> { ["example_count"] = "4200" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/assess/saved", saved.Headers.Location!.OriginalString);

        var page = await client.GetDocumentAsync("/assess/saved");
        var url = new Uri(page.QuerySelector<IHtmlInputElement>("#resume-url")!.Value);
        Assert.Matches("^/assess/resume/[A-Za-z0-9_-]{43}$", url.AbsolutePath);
        return url.AbsolutePath;
    }
}
