using System.Net;
using System.Text.Json.Nodes;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Pages.Manage;
using FineTuneAdvisor.Web.Tests.Pages.Admin.Rules;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FineTuneAdvisor.Web.Tests.Data;

/// <summary>
/// <c>db copy --to</c>: a SQLite database in use, copied into an empty PostgreSQL one, serves the same links, admins and
/// rule sets there; a target that is not empty, or not there, is refused with a message saying why.
/// </summary>
[Trait(TestDatabases.Trait, TestDatabases.PostgresOnly)]
public sealed class DatabaseCopyTests : IDisposable
{
    private const string AdminEmail = "mover@example.test";

    private readonly AdvisorAppFactory _sqlite = new(DatabaseProvider.Sqlite);
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        for (var i = _disposables.Count - 1; i >= 0; i--)
        {
            _disposables[i].Dispose();
        }

        _sqlite.Dispose();
    }

    [Fact]
    public async Task Copy_PopulatedSqliteDatabase_EveryLinkOpensTheAdminSignsInAndTheRuleSetsArePublishedOnPostgres()
    {
        var source = await PopulateAsync();
        var target = Track(PostgresTestDatabase.CreateEmpty());

        var (exit, output, error) = await CopyAsync(target.ConnectionString);

        Assert.True(exit == 0, error);
        Assert.Contains("Copied", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(await CountRowsAsync(_sqlite), await CountRowsAsync(target.ConnectionString));

        var postgres = Track(new AdvisorAppFactory(DatabaseProvider.Postgres).WithSetting("ConnectionStrings:Default", target.ConnectionString));
        var client = postgres.CreateBrowserClient();

        // Every live share link opens the same assessment, with the same stored answers and result; the revoked one does not.
        foreach (var token in source.LiveShareTokens)
        {
            Assert.Equal(source.ApiReads[token].ToJsonString(), (await ReadApiAsync(client, token)).ToJsonString());
            using var page = await client.GetAsync($"/a/{token}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using (var revoked = await client.GetAsync($"/a/{source.RevokedShareToken}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        }

        var revision = await client.GetDocumentAsync($"/a/{source.RevisionShareToken}");
        Assert.Equal(2, revision.QuerySelectorAll(".timeline > li").Length);
        var withNotes = await client.GetDocumentAsync($"/a/{source.LiveShareTokens[0]}");
        Assert.Contains("copied along", withNotes.Body!.TextContent, StringComparison.Ordinal);
        using (var manage = await client.GetAsync($"/manage/{source.ManageToken}"))
        {
            Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
        }

        // The admin signs in with the same password, and a session from before the move is still good (the keys moved).
        using (var session = await postgres.GetWithCookieAsync("/admin", source.AdminCookie))
        {
            Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        }

        using (var signIn = await client.SignInAsync(AdminEmail, AdminClients.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        var versions = await client.GetDocumentAsync("/admin/rules/versions");
        Assert.Equal(["2", "1"], versions.QuerySelectorAll("table.versions tbody tr input[name='Input.Version']").Select(i => i.GetAttribute("value")));
        Assert.Equal("2", versions.QuerySelector("tr.version-active input[name='Input.Version']")!.GetAttribute("value"));

        // New rows take ids after the copied ones (each identity's sequence moved past them), scored with the newest version.
        var created = await ApiAssessments.CreateAsync(client);
        Assert.Equal(2, created.Body["result"]!["ruleSetVersion"]!.GetValue<int>());
        var ids = await AdminRules.QueryAsync(postgres, async db => (
            Assessment: await db.Assessments.MaxAsync(a => a.Id),
            Link: await db.ShareLinks.MaxAsync(l => l.Id)));
        Assert.Equal(((int)source.Counts["Assessments"] + 1, (int)source.Counts["ShareLinks"] + 1), ids);
    }

    [Fact]
    public async Task Copy_IntoADatabaseWithRows_IsRefusedSayingSoAndChangesNothing()
    {
        await PopulateAsync();
        var target = Track(PostgresTestDatabase.CreateEmpty());
        Assert.Equal(0, (await CopyAsync(target.ConnectionString)).Exit);
        var before = await CountRowsAsync(target.ConnectionString);

        var (exit, output, error) = await CopyAsync(target.ConnectionString);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.StartsWith("Not copied: The target database is not empty: ", error, StringComparison.Ordinal);
        Assert.Contains("Assessments", error, StringComparison.Ordinal);
        Assert.Equal(before, await CountRowsAsync(target.ConnectionString));
    }

    [Fact]
    public async Task Copy_IntoADatabaseOfAnotherApplication_IsRefusedNamingItsTables()
    {
        await ApiAssessments.CreateAsync(_sqlite.CreateClient());
        var target = Track(PostgresTestDatabase.CreateEmpty());
        await using (var connection = new NpgsqlConnection(target.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE TABLE invoices (id int)", connection);
            await command.ExecuteNonQueryAsync();
        }

        var (exit, _, error) = await CopyAsync(target.ConnectionString);

        Assert.Equal(1, exit);
        Assert.Contains("tables that FineTuneAdvisor did not make (invoices)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Copy_IntoADatabaseThatDoesNotExist_SaysToCreateIt()
    {
        var missing = new NpgsqlConnectionStringBuilder(TestDatabases.PostgresServer) { Database = "fta_missing_" + Environment.ProcessId }.ConnectionString;

        var (exit, output, error) = await CopyAsync(missing);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("does not exist. Create it first (createdb", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", error, StringComparison.OrdinalIgnoreCase);
    }

    private T Track<T>(T disposable)
        where T : IDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }

    private async Task<(int Exit, string Output, string Error)> CopyAsync(string to)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new DatabaseCommand(_sqlite.Services, output, error).RunAsync(["db", "copy", "--to", to], CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Something in every table: assessments (one a revision, one with notes), links live, revoked and expiring, a
    /// questionnaire draft, an admin made by the accounts service (with its audit entry) and signed in (Data Protection
    /// keys), and a second published rule set with its draft.
    /// </summary>
    private async Task<Source> PopulateAsync()
    {
        var admin = await _sqlite.CreateAdminClientAsync();
        await using (var scope = _sqlite.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<AdminAccounts>()
                .CreateAsync(AdminEmail, AdminClients.Password, AdminAccounts.SystemActor, CancellationToken.None);
            Assert.True(created.Succeeded);
        }

        using (var saved = await AdminRules.SaveAsync(admin, new Dictionary<(string, string), string> { [("domain-specialized", "Weight")] = "7" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var published = await AdminRules.PublishAsync(admin))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var api = _sqlite.CreateBrowserClient();
        var first = await ApiAssessments.CreateAsync(api);
        var second = await ApiAssessments.CreateAsync(api);
        string revisionToken, extraToken;
        await using (var scope = _sqlite.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var revision = await services.GetRequiredService<AssessmentService>()
                .CreateAsync(AnswersValidator.ToAnswerSet(Answers.StrongCase().ToDictionary(a => a.Key, a => (string?)a.Value)), first.PublicId, CancellationToken.None);
            revisionToken = revision.ShareToken;
            var owner = services.GetRequiredService<OwnerService>();
            extraToken = (await owner.CreateLinkAsync(first.ManageToken, OwnerService.ExpiryFor(new DateOnly(2099, 12, 31)), CancellationToken.None))!;
            Assert.True(await owner.SaveNotesAsync(first.ManageToken, new Dictionary<string, string> { ["domain"] = "copied along" }, CancellationToken.None));
            var secondLink = (await owner.FindAsync(second.ManageToken, CancellationToken.None))!.Links.Single().Id;
            Assert.True(await owner.RevokeLinkAsync(second.ManageToken, secondLink, CancellationToken.None));
            var db = services.GetRequiredService<AdvisorDbContext>();
            db.Drafts.Add(new QuestionnaireDraft { TokenHash = ShareTokens.Create().Hash, AnswersJson = "{\"domain\":\"legal\"}", CurrentStep = "data", UpdatedAt = DateTime.UtcNow });
            // Identity's tables the app does not fill yet; copied all the same.
            var user = await db.Users.SingleAsync(u => u.Email == AdminEmail);
            var role = await db.Roles.SingleAsync();
            db.UserClaims.Add(new IdentityUserClaim<string> { UserId = user.Id, ClaimType = "team", ClaimValue = "platform" });
            db.RoleClaims.Add(new IdentityRoleClaim<string> { RoleId = role.Id, ClaimType = "scope", ClaimValue = "rules" });
            db.UserLogins.Add(new IdentityUserLogin<string> { UserId = user.Id, LoginProvider = "sso", ProviderKey = "mover-1", ProviderDisplayName = "SSO" });
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = "sso", Name = "refresh", Value = "opaque" });
            await db.SaveChangesAsync();
        }

        string[] live = [first.ShareToken, extraToken, revisionToken];
        var reads = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var token in live)
        {
            reads[token] = await ReadApiAsync(api, token);
        }

        var counts = await CountRowsAsync(_sqlite);
        foreach (var table in counts.Keys)
        {
            Assert.True(counts[table] > 0, $"The source has no {table}: the copy of that table goes untested.");
        }

        return new Source(live, second.ShareToken, revisionToken, first.ManageToken, await _sqlite.SignInForCookieAsync(AdminEmail), reads, counts);
    }

    private static async Task<JsonNode> ReadApiAsync(HttpClient client, string token)
    {
        using var response = await client.GetAsync($"/api/assessments/{token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Rows per table of the app's model, read through the app.</summary>
    private static Task<SortedDictionary<string, long>> CountRowsAsync(AdvisorAppFactory app) =>
        AdminRules.QueryAsync(app, CountRowsAsync);

    private static async Task<SortedDictionary<string, long>> CountRowsAsync(string postgres)
    {
        var options = new DbContextOptionsBuilder<PostgresAdvisorDbContext>()
            .UseNpgsql(new NpgsqlConnectionStringBuilder(postgres) { Pooling = false }.ConnectionString, DatabaseSetup.ConfigureNpgsql).Options;
        await using var db = new PostgresAdvisorDbContext(options);
        return await CountRowsAsync(db);
    }

    private static async Task<SortedDictionary<string, long>> CountRowsAsync(AdvisorDbContext db)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()!))
        {
            var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"";
            counts[table] = await db.Database.SqlQueryRaw<long>(sql).SingleAsync();
        }

        return counts;
    }

    private sealed record Source(
        string[] LiveShareTokens, string RevokedShareToken, string RevisionShareToken, string ManageToken, string AdminCookie,
        Dictionary<string, JsonNode> ApiReads, SortedDictionary<string, long> Counts);
}
