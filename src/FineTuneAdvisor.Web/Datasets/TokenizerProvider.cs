using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace FineTuneAdvisor.Web.Datasets;

/// <summary>
/// The tiktoken vocabularies (embedded in the Microsoft.ML.Tokenizers.Data packages, nothing is downloaded),
/// each loaded once per process: loading takes 1–3 s, so it starts in the background at start-up
/// (<see cref="TokenizerWarmUp"/>) and a request that arrives earlier awaits the same load instead of
/// starting its own. The tokenizers are immutable and safe to share between threads.
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
/// Loads the tokenizers once the app has started (the server listens and answers health checks first), without
/// delaying start-up; a request that needs them earlier awaits the same load.
/// </summary>
public sealed partial class TokenizerWarmUp(TokenizerProvider tokenizers, IHostApplicationLifetime lifetime, ILogger<TokenizerWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = WarmUpAsync());
        return Task.CompletedTask;
    }

    private Task WarmUpAsync() =>
        Task.Run(async () =>
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
        }, CancellationToken.None);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Tokenizers loaded for the data analyser")]
    private static partial void LogLoaded(ILogger logger);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Loading the tokenizers failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
