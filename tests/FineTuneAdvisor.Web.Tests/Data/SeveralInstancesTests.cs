using System.Net;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Pages.Manage;
using FineTuneAdvisor.Web.Tests.Pages.Admin.Rules;
using FineTuneAdvisor.Web.Tests.Pages.Manage;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Data;

/// <summary>
/// Several instances on one PostgreSQL database, without a shared cache: they start together without stepping on each
/// other, never serve a link another instance revoked, and do not queue each other's writes.
/// </summary>
[Trait(TestDatabases.Trait, TestDatabases.PostgresOnly)]
public sealed class SeveralInstancesTests : IDisposable
{
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        for (var i = _disposables.Count - 1; i >= 0; i--)
        {
            _disposables[i].Dispose();
        }
    }

    [Fact]
    public async Task Instances_StartedTogetherOnAnEmptyDatabase_MigrateAndSeedItOnce()
    {
        var database = Track(PostgresTestDatabase.CreateEmpty());
        var instances = Enumerable.Range(0, 3).Select(_ => Track(new AdvisorAppFactory()
            .WithSetting("ConnectionStrings:Default", database.ConnectionString)
            .WithSetting("Admin:Email", "first@example.test")
            .WithSetting("Admin:Password", AdminClients.Password))).ToList();

        // Each start migrates, stores rule set 1 and its draft, and creates the configured admin, unless another did first.
        await Task.WhenAll(instances.Select(app => Task.Run(() => app.CreateClient().Dispose())));

        var seeded = await AdminRules.QueryAsync(instances[0], async db => new[]
        {
            await db.RuleSetVersions.CountAsync(),
            await db.RuleSetDrafts.CountAsync(),
            await db.Users.CountAsync(),
            await db.AuditEntries.CountAsync(e => e.Action == AuditActions.RulesPublish),
            await db.AuditEntries.CountAsync(e => e.Action == AuditActions.AccountCreate),
            (await db.Database.GetAppliedMigrationsAsync()).Count(),
        });
        var migrations = await AdminRules.QueryAsync(instances[0], db => Task.FromResult(db.Database.GetMigrations().Count()));
        Assert.Equal([1, 1, 1, 1, 1, migrations], seeded);
        foreach (var app in instances)
        {
            using var health = await app.CreateClient().GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }

    [Fact]
    public async Task Link_RevokedThroughOneInstance_IsNotServedByAnotherThatJustServedIt()
    {
        var (a, b) = TwoInstances();
        var owner = a.CreateBrowserClient();
        var reader = b.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(owner);
        for (var read = 0; read < 2; read++)
        {
            using var page = await reader.GetAsync($"/a/{created.ShareToken}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        // Notes written through A show on B at once: B keeps no page of its own.
        var manage = await OwnerPages.ManageAsync(owner, created.ManageToken);
        await using (var scope = a.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<OwnerService>()
                .SaveNotesAsync(created.ManageToken, new Dictionary<string, string> { ["domain"] = "noted on A" }, CancellationToken.None));
        }

        Assert.Contains("noted on A", (await reader.GetDocumentAsync($"/a/{created.ShareToken}")).Body!.TextContent, StringComparison.Ordinal);

        await OwnerPages.RevokeAsync(owner, created.ManageToken, Assert.Single(OwnerPages.LinkIds(manage)));

        using var revoked = await reader.GetAsync($"/a/{created.ShareToken}");
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        using var api = await reader.GetAsync($"/api/assessments/{created.ShareToken}");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    /// <summary>
    /// The Data Protection keys live in the shared database under one application name: a session begun on A is good
    /// on B, and a form served by A (its antiforgery cookie and token) is accepted by B.
    /// </summary>
    [Fact]
    public async Task AdminSessionAndFormTokens_FromOneInstance_AreAcceptedByAnother()
    {
        var (a, b) = TwoInstances();
        await a.EnsureAdminAsync("both@example.test");

        var cookie = await a.SignInForCookieAsync("both@example.test");
        using (var admin = await b.GetWithCookieAsync("/admin", cookie))
        {
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        }

        using var fromA = a.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        using var toB = b.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        using var form = await fromA.GetAsync("/admin/signin");
        var antiforgery = AdminClients.CookieFrom(form, "advisor-antiforgery");
        var document = await form.ReadDocumentAsync();
        var token = document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "both@example.test",
                ["Input.Password"] = AdminClients.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", antiforgery);

        using var signedIn = await toB.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        AdminClients.CookieFrom(signedIn, FineTuneAdvisor.Web.Identity.AdminSessions.CookieName);
    }

    [Fact]
    public async Task Writes_OnPostgres_GoAheadWhileAnotherWriteHoldsItsTransaction()
    {
        var app = Track(new AdvisorAppFactory());
        var client = app.CreateBrowserClient();
        var gate = app.Services.GetRequiredService<WriteGate>();
        Assert.False(gate.Serialises);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var holder = Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
            return await gate.RunAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                db.Drafts.Add(new QuestionnaireDraft { TokenHash = new byte[32], AnswersJson = "{}", CurrentStep = "use_case", UpdatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync(ct);
                entered.SetResult();
                await release.Task;
                await transaction.CommitAsync(ct);
                return true;
            }, CancellationToken.None);
        });
        await entered.Task;

        // On SQLite this would wait for the transaction above; a serialising gate would hang here, and the bound says so.
        var created = await ApiAssessments.CreateAsync(client).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(holder.IsCompleted);
        release.SetResult();
        Assert.True(await holder);
        Assert.Equal(2, await AdminRules.QueryAsync(app, async db => await db.Drafts.CountAsync() + await db.Assessments.CountAsync(a => a.PublicId == created.PublicId)));
    }

    /// <summary>Two instances on one database (A's).</summary>
    private (AdvisorAppFactory A, AdvisorAppFactory B) TwoInstances()
    {
        var a = Track(new AdvisorAppFactory());
        var b = Track(new AdvisorAppFactory().WithSetting("ConnectionStrings:Default", a.ConnectionString));
        return (a, b);
    }

    private T Track<T>(T disposable)
        where T : IDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }
}
