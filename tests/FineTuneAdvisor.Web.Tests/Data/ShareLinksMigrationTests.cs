using System.Net;
using System.Text.Json;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Pages.Manage;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FineTuneAdvisor.Web.Tests.Data;

/// <summary>
/// Upgrading a database from before share links had their own table: links already handed out keep working, and the
/// old share-token hash (which moved into the manage-token column) grants no owner rights.
/// </summary>
[Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
public sealed class ShareLinksMigrationTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Upgrade_FromInitialCreate_KeepsOldShareLinksWorking_AndTheOldHashIsNoManageToken()
    {
        var options = new DbContextOptionsBuilder<SqliteAdvisorDbContext>().UseSqlite($"Data Source={_app.DatabasePath};Pooling=False").Options;
        await using (var db = new SqliteAdvisorDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261124143406_InitialCreate");
            Assert.Equal(["20261124143406_InitialCreate"], await db.Database.GetAppliedMigrationsAsync());
        }

        var (oldToken, oldHash) = ShareTokens.Create();
        var answers = AnswersValidator.ToAnswerSet(Answers.StrongCase().ToDictionary(a => a.Key, a => (string?)a.Value));
        var result = RulesEngine.Evaluate(answers, RuleSetLoader.LoadDefault());
        await using (var connection = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO Assessments (PublicId, ShareTokenHash, CreatedAt, RuleSetVersion, Verdict, ReadinessScore, AnswersJson, ResultJson)
                VALUES ('oldPublicId0000000000001', $hash, '2026-11-01 10:00:00', 1, $verdict, $score, $answers, $result);
                """;
            insert.Parameters.AddWithValue("$hash", oldHash);
            insert.Parameters.AddWithValue("$verdict", result.Verdict);
            insert.Parameters.AddWithValue("$score", result.ReadinessScore);
            insert.Parameters.AddWithValue("$answers", AnswersJson.Serialize(answers));
            insert.Parameters.AddWithValue("$result", JsonSerializer.Serialize(result, JsonDefaults.Options));
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        await using (var db = new SqliteAdvisorDbContext(options))
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var migrated = await db.Assessments.Include(a => a.ShareLinks).SingleAsync();
            Assert.Equal(oldHash, Assert.Single(migrated.ShareLinks).TokenHash);
            Assert.NotEqual(oldHash, migrated.ManageTokenHash);
            Assert.Equal(32, migrated.ManageTokenHash.Length);
            Assert.Equal(migrated.PublicId, migrated.LineageId);
            Assert.Null(migrated.ParentPublicId);
            Assert.Null(Assert.Single(migrated.ShareLinks).RevokedAt);
        }

        SqliteConnection.ClearAllPools();
        var client = _app.CreateBrowserClient();

        var page = await client.GetDocumentAsync($"/a/{oldToken}");
        Assert.Equal("Fine-tune for production", page.QuerySelector(".result-header h1")!.TextContent.Trim());
        Assert.Single(page.QuerySelectorAll(".timeline > li"));
        using (var api = await client.GetAsync($"/api/assessments/{oldToken}"))
        {
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        }

        // The old share token opens no owner page and authorises no owner action.
        await OwnerPages.AssertNotSharedAsync(client, $"/manage/{oldToken}");
        await OwnerPages.AssertNotSharedAsync(client, $"/manage/{oldToken}/delete");
        var confirm = await client.GetDocumentAsync($"/a/{oldToken}/revise");
        var before = await OwnerPages.SnapshotAsync(_app);
        using (var revoke = await OwnerPages.PostFormAsync(client, confirm.FindButton("Start the revision").Form,
            new Dictionary<string, string> { ["Input.LinkId"] = "1" }, $"/manage/{oldToken}?handler=Revoke"))
        {
            await OwnerPages.AssertNotSharedAsync(revoke);
        }

        using (var delete = await OwnerPages.PostFormAsync(client, confirm.FindButton("Start the revision").Form, action: $"/manage/{oldToken}/delete"))
        {
            await OwnerPages.AssertNotSharedAsync(delete);
        }

        Assert.Equal(before, await OwnerPages.SnapshotAsync(_app));
        using var still = await client.GetAsync($"/a/{oldToken}");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }
}
