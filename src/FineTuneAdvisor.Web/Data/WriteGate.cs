using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// SQLite takes one writer at a time, and Microsoft.Data.Sqlite waits for the lock synchronously, holding a
/// thread-pool thread per waiting writer. So this process's writes queue here instead, on one async gate, wherever
/// they come from: every SaveChanges (the app's, Identity's, Data Protection's) through
/// <see cref="AdvisorDbContext"/>, every other write command (ExecuteUpdate, ExecuteDelete, raw SQL) through this
/// interceptor, and a transaction, which holds SQLite's write lock from its start, only inside <see cref="RunAsync"/>.
/// The busy timeout still covers writers from other processes.
/// On PostgreSQL, which takes concurrent writers, the gate does not serialise (<c>serialises: false</c>): it is not
/// added as an interceptor, and <see cref="RunAsync"/> only runs the write. What keeps writes correct there is the
/// database's own: transactions, row locks and the rule-set draft's concurrency token.
/// </summary>
/// <remarks>
/// Re-entrant within one async flow: a write made while the flow holds the gate (SaveChanges inside a transaction,
/// Identity saving inside an account change) goes straight through instead of waiting for itself.
/// </remarks>
public sealed class WriteGate(bool serialises = true) : DbCommandInterceptor, IDbTransactionInterceptor, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AsyncLocal<bool> _held = new();

    /// <summary>Write commands that took the gate themselves, until they end (executed, failed or cancelled).</summary>
    private readonly ConcurrentDictionary<Guid, bool> _commands = new();

    private int _waiting;

    /// <summary>How many writes wait for the gate right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>True on SQLite: one write at a time. False on PostgreSQL: every write goes ahead at once.</summary>
    public bool Serialises { get; } = serialises;

    /// <summary>Runs <paramref name="write"/> holding the gate: a transaction, or a read-check-write that must not interleave.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!Serialises || _held.Value)
        {
            return await write(cancellationToken);
        }

        await EnterAsync(cancellationToken);
        _held.Value = true;
        try
        {
            return await write(cancellationToken);
        }
        finally
        {
            _held.Value = false;
            _gate.Release();
        }
    }

    /// <summary>The same for synchronous callers (Data Protection saves its keys with SaveChanges): they wait on a thread.</summary>
    public T Run<T>(Func<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!Serialises || _held.Value)
        {
            return write();
        }

        Enter();
        _held.Value = true;
        try
        {
            return write();
        }
        finally
        {
            _held.Value = false;
            _gate.Release();
        }
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (!_held.Value)
        {
            await EnterAsync(cancellationToken);
            _commands[eventData.CommandId] = true;
        }

        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (!_held.Value)
        {
            Enter();
            _commands[eventData.CommandId] = true;
        }

        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        End(eventData);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        End(eventData);
        return result;
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => End(eventData);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        End(eventData);
        return Task.CompletedTask;
    }

    public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => End(eventData);

    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        End(eventData);
        return Task.CompletedTask;
    }

    InterceptionResult<DbTransaction> IDbTransactionInterceptor.TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result) =>
        _held.Value ? result : throw OutsideTheGate();

    ValueTask<InterceptionResult<DbTransaction>> IDbTransactionInterceptor.TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken) =>
        _held.Value ? ValueTask.FromResult(result) : throw OutsideTheGate();

    public void Dispose() => _gate.Dispose();

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _gate.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private void Enter()
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            _gate.Wait();
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private void End(CommandEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (_commands.TryRemove(eventData.CommandId, out _))
        {
            _gate.Release();
        }
    }

    /// <summary>A transaction begun outside the gate would take SQLite's write lock behind every other writer's back.</summary>
    private static InvalidOperationException OutsideTheGate() =>
        new("Begin a transaction inside WriteGate.RunAsync: it holds SQLite's write lock until it ends, so it must queue with every other write.");
}
