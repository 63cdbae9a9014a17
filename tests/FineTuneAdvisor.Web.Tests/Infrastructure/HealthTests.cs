using System.Data.Common;
using System.Net;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FineTuneAdvisor.Web.Tests.Infrastructure;

public sealed class HealthTests : IDisposable
{
    private const string FaultText = "unable to open database file (health-fault-5d1e)";

    private readonly AdvisorAppFactory _app = new();
    private readonly FailOpening _failOpening = new();
    private readonly WebApplicationFactory<Program> _faulty;

    public HealthTests()
    {
        _faulty = _app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.ConfigureAdvisorDbContext(options => options.AddInterceptors(_failOpening))));
    }

    public void Dispose()
    {
        _faulty.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task Get_Healthz_WithDatabaseReachable_Is200Healthy()
    {
        var client = _app.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    /// <summary>A load balancer must be told when the database cannot be opened, without the exception's text.</summary>
    [Fact]
    public async Task Get_Healthz_WhenTheDatabaseCannotBeOpened_Is503UnhealthyWithoutDetails()
    {
        var client = _faulty.CreateClient();
        using (var healthy = await client.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        _failOpening.Failing = true;
        using var response = await client.GetAsync("/healthz");
        _failOpening.Failing = false;
        using var recovered = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    /// <summary>Refuses to open a connection while <see cref="Failing"/>, as SQLite does when the file is gone or unreadable.</summary>
    private sealed class FailOpening : DbConnectionInterceptor
    {
        public volatile bool Failing;

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            Failing ? throw new SqliteException(FaultText, 14) : result;

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default) =>
            Failing ? throw new SqliteException(FaultText, 14) : ValueTask.FromResult(result);
    }
}
