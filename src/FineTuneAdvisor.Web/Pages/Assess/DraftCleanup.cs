namespace FineTuneAdvisor.Web.Pages.Assess;

/// <summary>Deletes expired drafts once at start-up and then every hour, on the injected clock.</summary>
public sealed partial class DraftCleanup(IServiceScopeFactory scopes, TimeProvider time, ILogger<DraftCleanup> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var deleted = await scope.ServiceProvider.GetRequiredService<DraftStore>().DeleteExpiredAsync(stoppingToken);
                if (deleted > 0)
                {
                    LogDeleted(logger, deleted);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed sweep is retried at the next tick; it must never stop the app.
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Deleted {Count} expired questionnaire drafts")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Deleting expired drafts failed; trying again later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
