using System.Threading.Channels;
using FineTuneAdvisor.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>
/// Group commit for new assessments. On SQLite every commit waits for the disk (WAL with synchronous FULL syncs the
/// log) and writers take turns, so one commit per creation caps creations at the disk's sync rate. Creations that
/// arrive together are instead written by one loop in one SaveChanges: one transaction, one commit. Each caller is
/// answered only after the commit that holds its row, so nothing is acknowledged that is not on disk. A batch that
/// fails is retried one creation at a time, so a bad row fails only its own request. On PostgreSQL, which takes
/// concurrent writers, several loops write batches at once (a commit there waits for the server's disk too, and one
/// loop would leave the server idle meanwhile); each batch still saves a round trip and a commit per creation.
/// </summary>
public sealed partial class AssessmentWriter : IAsyncDisposable
{
    /// <summary>Enough to drain a burst from every connection a busy instance holds; a batch this size commits in milliseconds.</summary>
    public const int MaxBatch = 128;

    /// <summary>Batches in flight at once on PostgreSQL; SQLite takes one writer, so there it is one.</summary>
    public const int PostgresLoops = 4;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<AssessmentWriter> _logger;
    private readonly Task[] _loops;
    private int _largestBatch;

    public AssessmentWriter(IServiceScopeFactory scopes, DatabaseSettings settings, ILogger<AssessmentWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _scopes = scopes;
        _logger = logger;
        // The loops must not inherit the async-local state of whichever request built this singleton (a write gate
        // that request held, say): they start with none.
        using (ExecutionContext.SuppressFlow())
        {
            _loops = [.. Enumerable.Range(0, settings.IsSqlite ? 1 : PostgresLoops).Select(_ => Task.Run(RunAsync))];
        }
    }

    /// <summary>The most creations one commit has held since the process started (diagnostics, and the tests' evidence).</summary>
    public int LargestBatch => Volatile.Read(ref _largestBatch);

    /// <summary>Stores the assessment (with its share links) and returns once it is committed.</summary>
    public Task InsertAsync(Assessment assessment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var pending = new Pending(assessment, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The app is stopping, so the assessment was not saved. Send it again in a moment.");
        }

        // A caller that gives up stops waiting; its row may still be committed with the rest of its batch.
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            await SaveAsync(batch);
            InterlockedMax(ref _largestBatch, batch.Count);

            foreach (var pending in batch)
            {
                pending.Done.TrySetResult();
            }
        }
        catch (Exception failure) when (batch.Count > 1)
        {
            LogBatchFailed(_logger, failure, batch.Count);
            foreach (var pending in batch)
            {
                await WriteOneAsync(pending);
            }
        }
        catch (Exception failure)
        {
            batch[0].Done.TrySetException(failure);
        }
    }

    private async Task WriteOneAsync(Pending pending)
    {
        try
        {
            await SaveAsync([pending]);
            pending.Done.TrySetResult();
        }
        catch (Exception failure)
        {
            pending.Done.TrySetException(failure);
        }
    }

    /// <summary>One transaction of plain INSERTs (<see cref="AssessmentInsert"/>), taken through the write gate like any SaveChanges.</summary>
    private async Task SaveAsync(List<Pending> batch)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        var insert = AssessmentInsert.For(db);
        // Not the callers' tokens: one caller leaving must not cancel the others' commit.
        await scope.ServiceProvider.GetRequiredService<WriteGate>().RunAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await insert.InsertAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), batch.Select(p => p.Assessment), ct);
            await transaction.CommitAsync(ct);
            return batch.Count;
        }, CancellationToken.None);
    }

    /// <summary>Takes no new creations and finishes those already queued before the process stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    private sealed record Pending(Assessment Assessment, TaskCompletionSource Done);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Saving {Count} new assessments together failed; saving them one at a time")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
