using System.Net;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Pages.Manage;

/// <summary>The owner's notes: saved through the manage page's form, shown beside their answers on the shared page.</summary>
public sealed class NotesTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task SaveNotes_ShowBesideTheirAnswersOnTheSharedPage_EvenRightAfterItWasCached()
    {
        var owner = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(owner);
        var viewer = _app.CreateBrowserClient();
        using (var cached = await viewer.GetAsync($"/a/{created.ShareToken}"))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        var manage = await OwnerPages.ManageAsync(owner, created.ManageToken);
        var atLimit = new string('x', AnswerNotes.MaxLength);
        using (var saved = await owner.SubmitAsync(manage, "Save notes", new Dictionary<string, string>
        {
            ["domain"] = "  Legal contracts <b>only</b>; see the ticket.  ",
            ["example_count"] = atLimit,
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var page = await viewer.GetDocumentAsync($"/a/{created.ShareToken}");
        var notes = page.QuerySelectorAll(".answer-note");
        Assert.Equal(2, notes.Length);
        var domain = page.QuerySelectorAll(".answer-list > div").Single(d => d.QuerySelector("dt")!.TextContent == "How specialised is the subject matter?");
        Assert.Equal("Owner's note: Legal contracts <b>only</b>; see the ticket.", domain.QuerySelector(".answer-note")!.TextContent.Trim());
        Assert.Null(domain.QuerySelector(".answer-note b"));
        Assert.Contains(atLimit, page.QuerySelectorAll(".answer-list > div").Single(d => d.QuerySelector("dt")!.TextContent == "How many examples do you have today?").TextContent, StringComparison.Ordinal);

        // The manage page shows them back in their fields; clearing one removes it from the shared page.
        manage = await OwnerPages.ManageAsync(owner, created.ManageToken);
        Assert.Equal("Legal contracts <b>only</b>; see the ticket.", manage.QuerySelector("#notes-domain")!.TextContent);
        using (var cleared = await owner.SubmitAsync(manage, "Save notes", new Dictionary<string, string> { ["domain"] = " " }))
        {
            Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        }

        Assert.Single((await viewer.GetDocumentAsync($"/a/{created.ShareToken}")).QuerySelectorAll(".answer-note"));
    }

    /// <summary>The cost answers take notes like every other section's, and the chosen model reads by its catalogue names.</summary>
    [Fact]
    public async Task SaveNotes_OnCostAnswers_ShowTheModelByNameAndTheNoteBesideIt()
    {
        var owner = _app.CreateBrowserClient();
        var answers = new Dictionary<string, string>(Answers.StrongCase(), StringComparer.Ordinal)
        {
            ["requests_per_month"] = "100000",
            ["cost_model"] = "vertex:gemini-2.5-flash",
        };
        var created = await ApiAssessments.CreateAsync(owner, answers);

        var manage = await OwnerPages.ManageAsync(owner, created.ManageToken);
        Assert.Contains("Gemini 2.5 Flash · Google Vertex AI", manage.QuerySelector("label[for=notes-cost_model]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("100,000", manage.QuerySelector("label[for=notes-requests_per_month]")!.TextContent, StringComparison.Ordinal);
        using (var saved = await owner.SubmitAsync(manage, "Save notes", new Dictionary<string, string> { ["cost_model"] = "Our data may not leave the EU." }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var page = await _app.CreateBrowserClient().GetDocumentAsync($"/a/{created.ShareToken}");
        var model = page.QuerySelectorAll(".answer-list > div").Single(d => d.QuerySelector(".answer-note") is not null);
        Assert.Contains("Gemini 2.5 Flash · Google Vertex AI", model.QuerySelector("dd")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Owner's note: Our data may not leave the EU.", model.QuerySelector(".answer-note")!.TextContent.Trim());
    }

    [Fact]
    public async Task SaveNotes_OneOver500Characters_IsRefusedBesideItsFieldWithEverythingTypedKept()
    {
        var owner = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(owner);
        var manage = await OwnerPages.ManageAsync(owner, created.ManageToken);
        var before = await DatabaseSnapshot.TakeAsync(_app, "Assessments");
        var tooLong = new string('y', AnswerNotes.MaxLength + 1);

        using var response = await owner.SubmitAsync(manage, "Save notes", new Dictionary<string, string>
        {
            ["domain"] = "A note that is fine.",
            ["budget"] = tooLong,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var field = page.QuerySelector("#notes-budget")!;
        Assert.Equal(tooLong, field.TextContent);
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Equal("notes-budget-error", field.GetAttribute("aria-describedby"));
        var error = page.QuerySelector("#notes-budget-error")!;
        Assert.Contains("500 characters or fewer (it has 501)", error.TextContent, StringComparison.Ordinal);
        Assert.Same(field.ParentElement, error.ParentElement);
        Assert.Equal("A note that is fine.", page.QuerySelector("#notes-domain")!.TextContent);
        Assert.Null(page.QuerySelector("#notes-domain-error"));
        Assert.Contains("500 characters", page.QuerySelector(".error-summary a[href='#notes-budget']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(_app, "Assessments"));
    }
}
