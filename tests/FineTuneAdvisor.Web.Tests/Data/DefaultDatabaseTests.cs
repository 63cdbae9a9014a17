using System.Net;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace FineTuneAdvisor.Web.Tests.Data;

/// <summary>
/// `dotnet run` on a fresh clone has no connection string set: the app must create its SQLite file under its
/// own data folder and serve the questionnaire from it.
/// </summary>
[Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
public sealed class DefaultDatabaseTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "ftadvisor-tests", Path.GetRandomFileName());
    private readonly NoConnectionStringFactory _app;

    public DefaultDatabaseTests()
    {
        Directory.CreateDirectory(_contentRoot);
        _app = new NoConnectionStringFactory(_contentRoot);
    }

    public void Dispose()
    {
        _app.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_contentRoot, recursive: true);
    }

    [Fact]
    public async Task StartUp_WithoutAConnectionString_CreatesTheDatabaseUnderAppDataAndServesTheQuestionnaire()
    {
        var client = _app.CreateBrowserClient();

        using var response = await client.GetAsync("/assess");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(_contentRoot, "App_Data", "advisor.db")), "The default database file is created on first start.");
        using var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private sealed class NoConnectionStringFactory(string contentRoot) : AdvisorAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(WebHostDefaults.ContentRootKey, contentRoot);
            builder.UseSetting("ConnectionStrings:Default", null);
        }
    }
}
