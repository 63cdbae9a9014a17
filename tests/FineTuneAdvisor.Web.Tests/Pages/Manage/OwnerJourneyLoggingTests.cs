using System.Net;
using FineTuneAdvisor.Web.Tests.Pages.Results;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Pages.Manage;

/// <summary>
/// Checklist C10 for the owner's side: manage links, new share links, notes and family links never reach a log,
/// even with every framework category at Verbose.
/// </summary>
public sealed class OwnerJourneyLoggingTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new AdvisorAppFactory()
        .WithSetting("Serilog:MinimumLevel:Default", "Verbose")
        .WithSetting("Serilog:MinimumLevel:Override:Microsoft", "Verbose")
        .WithSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Verbose")
        .WithSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Verbose");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task OwnerJourney_AtMostVerboseLevel_LogsNoTokenAndNoNote()
    {
        const string note = "Wombat procurement caveat for the Tralee pilot";
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);

        var manage = await OwnerPages.ManageAsync(client, created.ManageToken);
        using (var saved = await client.SubmitAsync(manage, "Save notes", new Dictionary<string, string> { ["domain"] = note }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var second = await OwnerPages.NewLinkAsync(client, created.ManageToken);
        await OwnerPages.RevokeAsync(client, created.ManageToken, OwnerPages.LinkIds(await OwnerPages.ManageAsync(client, created.ManageToken))[0]);
        var revision = await RevisionTests.ReviseThroughFormsAsync(client, $"/a/{second}/revise", new Dictionary<string, string> { ["example_count"] = "2500" });
        var family = $"https://localhost/a/{revision}/r/{created.PublicId}";
        using (var compare = await client.GetAsync($"/api/compare?a={Uri.EscapeDataString(family)}&b={revision}"))
        {
            Assert.Equal(HttpStatusCode.OK, compare.StatusCode);
        }

        var page = await client.GetDocumentAsync($"/a/{revision}");
        var revisionManage = page.QuerySelector("#manage-url")!.GetAttribute("value")!.Split('/')[^1];
        using (var deleted = await client.SubmitAsync(await client.GetDocumentAsync($"/manage/{created.ManageToken}/delete"), "Delete permanently"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        await OwnerPages.AssertNotSharedAsync(client, $"/a/{second}");

        var secrets = new[] { created.ShareToken, created.ManageToken, second, revision, revisionManage, note, "Wombat" };
        var lines = _app.Logs.AllText().ToList();
        Assert.Contains(_app.Logs.Events, e => e.Level == Serilog.Events.LogEventLevel.Verbose);
        var leaks = lines.Where(l => secrets.Any(s => l.Contains(s, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log events hold a token or a note:\n{string.Join("\n", leaks)}");
    }
}
