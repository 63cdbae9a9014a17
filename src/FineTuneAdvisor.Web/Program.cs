using FineTuneAdvisor.Web.Api;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Datasets;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Pages.Admin.Catalogue;
using FineTuneAdvisor.Web.Pages.Admin.Rules;
using FineTuneAdvisor.Web.Pages.Results;

// The tokenizers' vocabularies start loading on the thread pool at once: while the host is built below, only one core
// is busy. TokenizerWarmUp (readiness) later awaits this same load. The admin and db commands need no tokenizer.
var isCommand = AdminCommand.IsAdminCommand(args) || DatabaseCommand.IsDatabaseCommand(args);
if (!isCommand)
{
    TokenizerProvider.StartLoading();
}

var builder = WebApplication.CreateBuilder(args);

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = AssessmentsApi.MaxBodyBytes;
});
builder.Services.AddAdvisorLogging(builder.Configuration);
builder.Services.AddAdvisorDatabase(builder.Configuration, builder.Environment);
builder.Services.AddAdvisorServices(builder.Configuration);
builder.Services.AddAdvisorAdmin(builder.Configuration);
builder.Services.AddDatasetAnalysis(builder.Configuration);

var app = builder.Build();

var stopping = app.Lifetime.ApplicationStopping;

// `-- admin create --email …` manages accounts and `-- db copy --to …` moves the data: each migrates the database
// (under the start-up lock), runs and exits without starting the web server.
if (isCommand)
{
    await using (await StartUpLock.AcquireAsync(app.Services, stopping))
    {
        await app.Services.MigrateDatabaseAsync(stopping);
        return AdminCommand.IsAdminCommand(args)
            ? await new AdminCommand(app.Services, Console.In, Console.Out, Console.Error).RunAsync(args, stopping)
            : await new DatabaseCommand(app.Services, Console.Out, Console.Error).RunAsync(args, stopping);
    }
}

// Readiness waits for the tokenizers (their load began above; this only watches it and logs how it ended).
app.Services.StartTokenizerWarmUp();

// The database is prepared on the thread pool while the request pipeline and the endpoints are set up below (they need
// no database); the server starts only once both are done.
var preparation = Task.Run(() => PrepareDatabaseAsync(app.Services, stopping));

app.UseAdvisorForwardedHeaders();
app.UseAdvisorRequestLogging();
app.UseAdvisorErrorHandling();
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseOutputCache();
app.UseShareLinkGate();
app.UseRequestBodyGuard();
app.UseAntiforgery();

// Every endpoint needs an admin unless marked anonymous: pages in ServiceSetup, the API, exports, health and OpenAPI where mapped.
app.MapRazorPages().Add(PageMethods.AllowOnlyGetHeadPost);
app.MapAssessmentsApi();
app.MapCostsApi();
app.MapDatasetsApi();
app.MapExports();
app.MapAdvisorHealthChecks();
app.MapOpenApi().AllowAnonymous();

await preparation;
await app.RunAsync();
return 0;

static async Task PrepareDatabaseAsync(IServiceProvider services, CancellationToken stopping)
{
    // Instances started together on one PostgreSQL database prepare it one at a time (a no-op on SQLite).
    await using (await StartUpLock.AcquireAsync(services, stopping))
    {
        await services.MigrateDatabaseAsync(stopping);

        // Three independent loads, each with its own scope, run side by side (SQLite's writes still queue at the write gate):
        // - the first admin account, when configured and none exists;
        // - the latest published rule set (the embedded default on a fresh database), parsed and validated now, so a
        //   broken one stops start-up rather than a user's request;
        // - likewise the newest published provider catalogue (the embedded one, stored as version 1, on a fresh database).
        await Task.WhenAll(
            Task.Run(() => services.EnsureAdminAsync(stopping), stopping),
            Task.Run(() => services.LoadActiveRuleSetAsync(stopping), stopping),
            Task.Run(() => services.LoadActiveCatalogueAsync(stopping), stopping));
    }
}
