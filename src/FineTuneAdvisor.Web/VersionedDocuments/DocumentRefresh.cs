using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Infrastructure.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.VersionedDocuments;

/// <summary>How often an instance looks for a rule set or catalogue published by another: the <c>RuleSets</c> section.</summary>
public sealed class RuleSetRefreshOptions
{
    public int RefreshSeconds { get; set; } = 5;
}

/// <summary>
/// Several instances on one database: a publish swaps the active document only in the instance that made it, so each
/// instance asks the database for the highest version every <see cref="RuleSetRefreshOptions.RefreshSeconds"/> (one
/// indexed query, never one per request) and, when it finds a newer one, loads it, makes it active and runs the kind's
/// follow-up. Until then it uses the version before: stale for a few seconds, but honest, since every result names its
/// version. With Redis, the publishing instance also signals the others, which look at once.
/// </summary>
public abstract class DocumentRefresh<TDocument, TVersion, TDraft>(
    DocumentKind<TDocument, TVersion, TDraft> kind, IServiceScopeFactory scopes, ActiveDocument<TDocument> active,
    InstanceSignals signals, TimeProvider time, IOptions<RuleSetRefreshOptions> options) : BackgroundService
    where TDocument : class
    where TVersion : class, IPublishedVersion
    where TDraft : class, IDraftRow
{
    private readonly SemaphoreSlim _signalled = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signals.Subscribe(kind.PublishedSignal, () =>
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
                // The database may be briefly unreachable; the next tick tries again and the current version stays in use.
                LogFailed(e);
            }
        }
    }

    /// <summary>Loads the highest stored version if it is newer than the active one; true when it became active.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        var latest = await kind.Versions(db).MaxAsync(v => (int?)v.Version, cancellationToken);
        if (latest is not { } version || version <= active.VersionOf(active.Current))
        {
            return false;
        }

        var json = await kind.Versions(db).AsNoTracking().Where(v => v.Version == version).Select(v => v.Json).SingleAsync(cancellationToken);
        if (!active.PublishIfNewer(kind.LoadOrThrow(json)))
        {
            return false;
        }

        await kind.AfterNewVersionAsync(cancellationToken);
        LogAdopted(version);
        return true;
    }

    /// <summary>Each kind logs with its own event id and words, so operators can tell them apart.</summary>
    protected abstract void LogAdopted(int version);

    protected abstract void LogFailed(Exception exception);
}
