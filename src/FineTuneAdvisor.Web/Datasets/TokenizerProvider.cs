using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>
/// The tiktoken vocabularies (embedded in the Microsoft.ML.Tokenizers.Data packages, nothing is downloaded),
/// each loaded once per process: loading takes 1–3 s, so it starts on the thread pool as the process starts
/// (<see cref="StartLoading"/>), readiness waits for it (<see cref="TokenizerWarmUp"/>), and a request that still arrives earlier (on an instance
/// not yet ready) awaits the same load instead of starting its own. The tokenizers are immutable and safe to share between threads.
/// </summary>
public sealed class TokenizerProvider
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<Tokenizer>>> Loads = new(StringComparer.Ordinal);
    private static int _created;

    /// <summary>How many vocabularies this process has built: each encoding counts once, however many requests ask.</summary>
    public static int CreatedCount => Volatile.Read(ref _created);

    public Task<Tokenizer> GetAsync(string encoding)
    {
        if (!TargetModels.Encodings.Contains(encoding))
        {
            throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Not an encoding the analyser ships.");
        }

        return Loads.GetOrAdd(encoding, static name => new Lazy<Task<Tokenizer>>(
            () => Task.Run<Tokenizer>(() => Create(name)), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>
    /// Starts <see cref="WarmUpAsync"/> without waiting for it, before the host exists (Program.cs). A failure is left
    /// to <see cref="TokenizerWarmUp"/>, which awaits the same loads and logs it.
    /// </summary>
    public static void StartLoading() =>
        _ = new TokenizerProvider().WarmUpAsync().ContinueWith(static load => _ = load.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Loads every vocabulary, one after the other so a core stays free for start-up and requests.</summary>
    public async Task WarmUpAsync()
    {
        foreach (var encoding in TargetModels.Encodings)
        {
            await GetAsync(encoding);
        }
    }

    private static TiktokenTokenizer Create(string encoding)
    {
        Interlocked.Increment(ref _created);
        return TiktokenTokenizer.CreateForEncoding(encoding);
    }
}

/// <summary>
/// Watches the tokenizers' load from start-up on (<see cref="DatasetServices.StartTokenizerWarmUp"/>, once the host is
/// built; the load itself began earlier, <see cref="TokenizerProvider.StartLoading"/>, so it overlaps building the
/// host, the migrations and the rest of start-up) and logs how it ended. Readiness
/// (<see cref="TokenizerReadinessCheck"/>) waits for it: an instance reports ready only once an analysis would not
/// wait for a vocabulary.
/// </summary>
public sealed partial class TokenizerWarmUp(TokenizerProvider tokenizers, ILogger<TokenizerWarmUp> logger)
{
    private Task? _load;

    /// <summary>The load, started on first use; it never throws (a failure is logged, and a request asking later gets it).</summary>
    public Task Completion => LazyInitializer.EnsureInitialized(ref _load, () => Task.Run(LoadAsync, CancellationToken.None));

    public void Start() => _ = Completion;

    private async Task LoadAsync()
    {
        try
        {
            await tokenizers.WarmUpAsync();
            LogLoaded(logger);
        }
        catch (Exception e)
        {
            // A request asking later gets the same failure; start-up must not stop here.
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Tokenizers loaded for the data analyser")]
    private static partial void LogLoaded(ILogger logger);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Loading the tokenizers failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>
/// Readiness: the data analyser's tokenizers are loaded. A probe made while they load waits for them (bounded by the
/// probe's own timeout, which then counts as not ready), so it answers the moment they are in; it never starts a
/// second load. A failed load reports unhealthy with no detail (it is logged).
/// </summary>
public sealed class TokenizerReadinessCheck(TokenizerWarmUp warmUp, TokenizerProvider tokenizers) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await warmUp.Completion.WaitAsync(cancellationToken);
        // After the warm-up each encoding's load is the finished one it made: this starts nothing.
        return TargetModels.Encodings.All(encoding => tokenizers.GetAsync(encoding).IsCompletedSuccessfully)
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("The tokenizers did not load.");
    }
}
