using FineTuneAdvisor.Web.Api;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Datasets;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Pages.Admin.Catalogue;
using FineTuneAdvisor.Web.Pages.Admin.Rules;
using FineTuneAdvisor.Web.Pages.Results;

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

// The tokenizers' vocabularies load on the thread pool while the database is prepared; readiness waits for them.
if (!AdminCommand.IsAdminCommand(args) && !DatabaseCommand.IsDatabaseCommand(args))
{
    app.Services.StartTokenizerWarmUp();
}

// Instances started together on one PostgreSQL database prepare it one at a time (a no-op on SQLite).
await using (await StartUpLock.AcquireAsync(app.Services, app.Lifetime.ApplicationStopping))
{
    await app.Services.MigrateDatabaseAsync(app.Lifetime.ApplicationStopping);

    // `-- admin create --email …` manages accounts and `-- db copy --to …` moves the data; both exit without starting the web server.
    if (AdminCommand.IsAdminCommand(args))
    {
        return await new AdminCommand(app.Services, Console.In, Console.Out, Console.Error).RunAsync(args, app.Lifetime.ApplicationStopping);
    }

    if (DatabaseCommand.IsDatabaseCommand(args))
    {
        return await new DatabaseCommand(app.Services, Console.Out, Console.Error).RunAsync(args, app.Lifetime.ApplicationStopping);
    }

    // Three independent loads, each with its own scope, run side by side (SQLite's writes still queue at the write gate):
    // - the first admin account, when configured and none exists;
    // - the latest published rule set (the embedded default on a fresh database), parsed and validated now, so a broken
    //   one stops start-up rather than a user's request;
    // - likewise the newest published provider catalogue (the embedded one, stored as version 1, on a fresh database).
    await Task.WhenAll(
        Task.Run(() => app.Services.EnsureAdminAsync(app.Lifetime.ApplicationStopping)),
        Task.Run(() => app.Services.LoadActiveRuleSetAsync(app.Lifetime.ApplicationStopping)),
        Task.Run(() => app.Services.LoadActiveCatalogueAsync(app.Lifetime.ApplicationStopping)));
}

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

await app.RunAsync();
return 0;
