namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// SQLite takes one writer at a time, and Microsoft.Data.Sqlite waits for the lock synchronously, holding a
/// thread-pool thread per waiting writer. Funnelling this process's writes through one async gate makes
/// writers queue without blocking threads; the busy timeout still covers writers from other processes.
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<int> SaveChangesAsync(AdvisorDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Any other write (a bulk delete, say) through the same gate.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await write(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
