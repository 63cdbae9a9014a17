using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Costs;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Pages.Admin.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>
/// Several instances on one database: a publish swaps the active catalogue only where it was made, so each instance
/// asks for the highest catalogue version every <c>RuleSets:RefreshSeconds</c> (the same setting as the rule sets':
/// one indexed query, never one per request) and makes a newer one active. Until then estimates use the version
/// before, for a few seconds.
/// </summary>
public sealed partial class CatalogueRefresh(
    IServiceScopeFactory scopes, ActiveCatalogue active, TimeProvider time,
    IOptions<RuleSetRefreshOptions> options, ILogger<CatalogueRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.RefreshSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unreachable; the next tick tries again and the current catalogue stays in use.
                LogFailed(logger, e);
            }
        }
    }

    /// <summary>Loads the highest stored version if it is newer than the active one; true when it became active.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        var latest = await db.CatalogueVersions.MaxAsync(v => (int?)v.Version, cancellationToken);
        if (latest is not { } version || version <= active.Current.Version)
        {
            return false;
        }

        var json = await db.CatalogueVersions.AsNoTracking().Where(v => v.Version == version).Select(v => v.Json).SingleAsync(cancellationToken);
        if (!active.PublishIfNewer(CatalogueLoader.LoadOrThrow(json)))
        {
            return false;
        }

        LogAdopted(logger, version);
        return true;
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Provider-catalogue version {Version}, published by another instance, is now active here")]
    private static partial void LogAdopted(ILogger logger, int version);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Looking for a newer published provider catalogue failed; trying again later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
