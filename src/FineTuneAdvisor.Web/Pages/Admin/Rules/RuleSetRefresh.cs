using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Infrastructure.Redis;
using FineTuneAdvisor.Web.Pages.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Pages.Admin.Rules;

/// <summary>How often an instance looks for a rule set published by another: the <c>RuleSets</c> section.</summary>
public sealed class RuleSetRefreshOptions
{
    public int RefreshSeconds { get; set; } = 5;
}

/// <summary>
/// Several instances on one database: a publish swaps the active rule set only in the instance that made it, so each
/// instance asks the database for the highest version every <see cref="RuleSetRefreshOptions.RefreshSeconds"/> (one
/// indexed query, never one per request) and, when it finds a newer one, loads it, makes it active and evicts its own
/// cached share pages. Until then it scores with the version before: stale for a few seconds, but honest, since every
/// result names its version. With Redis, the publishing instance also signals the others, which look at once.
/// </summary>
public sealed partial class RuleSetRefresh(
    IServiceScopeFactory scopes, ActiveRuleSet active, SharePageCache sharePages, InstanceSignals signals, TimeProvider time,
    IOptions<RuleSetRefreshOptions> options, ILogger<RuleSetRefresh> logger) : BackgroundService
{
    private readonly SemaphoreSlim _signalled = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signals.Subscribe(InstanceSignals.RuleSetPublished, () =>
        {
            // One pending wake-up is enough: the refresh reads the highest version whatever the number of publishes.
            try
            {
                _signalled.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        });
        var interval = TimeSpan.FromSeconds(options.Value.RefreshSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // One wait at a time on the injected clock (a test that moves the clock a day ahead causes one refresh,
                // not thousands), cut short by another instance's signal.
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = Task.Delay(interval, time, wake.Token);
                await Task.WhenAny(delay, _signalled.WaitAsync(wake.Token));
                await wake.CancelAsync();
                stoppingToken.ThrowIfCancellationRequested();
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
                // The database may be briefly unreachable; the next tick tries again and the current set stays in use.
                LogFailed(logger, e);
            }
        }
    }

    /// <summary>Loads the highest stored version if it is newer than the active one; true when it became active.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        var latest = await db.RuleSetVersions.MaxAsync(v => (int?)v.Version, cancellationToken);
        if (latest is not { } version || version <= active.Current.Version)
        {
            return false;
        }

        var json = await db.RuleSetVersions.AsNoTracking().Where(v => v.Version == version).Select(v => v.Json).SingleAsync(cancellationToken);
        if (!active.PublishIfNewer(RuleSetLoader.LoadOrThrow(json)))
        {
            return false;
        }

        // The share page's "current rules would say" note follows the active version.
        await sharePages.EvictAsync(cancellationToken);
        LogAdopted(logger, version);
        return true;
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Rule set version {Version}, published by another instance, is now active here")]
    private static partial void LogAdopted(ILogger logger, int version);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Looking for a newer published rule set failed; trying again later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
