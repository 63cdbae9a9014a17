using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Data;

/// <summary>
/// Every write of the process queues at the one gate, whoever makes it: the app, Identity's stores, Data Protection's
/// key ring, ExecuteUpdate and ExecuteDelete. Each test holds the gate, starts a write elsewhere and checks that the
/// write waits at the gate instead of going ahead, then lets it through.
/// On PostgreSQL the gate does not queue (WriteGateOnPostgresTests).
/// </summary>
[Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
public sealed class WriteGateTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();
    private readonly WriteGate _gate;

    public WriteGateTests()
    {
        _app.CreateClient().Dispose();
        _gate = _app.Services.GetRequiredService<WriteGate>();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task IdentityWrite_WhileTheGateIsHeld_WaitsForIt()
    {
        var user = await _app.EnsureAdminAsync("gate@example.test");

        await AssertQueuesAsync(async () =>
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByIdAsync(user.Id))!)).Succeeded);
        });
    }

    [Fact]
    public async Task DataProtectionKeyWrite_WhileTheGateIsHeld_WaitsForIt()
    {
        var keys = _app.Services.GetRequiredService<IKeyManager>();
        var now = DateTimeOffset.UtcNow;

        // Data Protection saves its keys with the synchronous SaveChanges: it waits on a thread of its own.
        await AssertQueuesAsync(() => Task.Run(() => keys.CreateNewKey(now, now.AddDays(90))));

        Assert.NotEmpty(await QueryAsync(db => db.DataProtectionKeys.ToListAsync()));
    }

    [Fact]
    public async Task ExecuteUpdateAndExecuteDelete_WhileTheGateIsHeld_WaitForIt()
    {
        await AssertQueuesAsync(() => QueryAsync(db => db.Drafts.Where(d => d.Id > 0).ExecuteUpdateAsync(set => set.SetProperty(d => d.CurrentStep, "data"))));
        await AssertQueuesAsync(() => QueryAsync(db => db.Drafts.Where(d => d.Id > 0).ExecuteDeleteAsync()));
    }

    [Fact]
    public async Task WritesInsideAGatedWrite_GoThroughWithoutWaitingForThemselves()
    {
        var user = await _app.EnsureAdminAsync("nested@example.test");
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();

        var written = _gate.RunAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Drafts.Where(d => d.Id > 0).ExecuteDeleteAsync(ct);
            db.Drafts.Add(new QuestionnaireDraft { TokenHash = new byte[32], AnswersJson = "{}", CurrentStep = "use_case", UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(ct);
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByIdAsync(user.Id))!)).Succeeded);
            await transaction.CommitAsync(ct);
            return true;
        }, CancellationToken.None);

        // A deadlock would hang here for ever; the bound only turns it into a failure.
        Assert.True(await written.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Single(await QueryAsync(d => d.Drafts.ToListAsync()));
    }

    [Fact]
    public async Task Transaction_BegunOutsideTheGate_IsRefusedSayingWhere()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Database.BeginTransactionAsync());

        Assert.Contains("WriteGate.RunAsync", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedOrCancelledWrite_LeavesTheGateOpen()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE NoSuchTable SET x = 1")));

        var (release, holder) = await HoldAsync();
        using var cancel = new CancellationTokenSource();
        var waiting = QueryAsync(db => db.Drafts.ExecuteDeleteAsync(cancel.Token));
        await WaitUntilAsync(() => _gate.Waiting == 1);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        release.SetResult();
        await holder;

        Assert.Equal(0, _gate.Waiting);
        Assert.Equal(0, await QueryAsync(db => db.Drafts.ExecuteDeleteAsync()).WaitAsync(TimeSpan.FromMinutes(1)));
    }

    /// <summary>Holds the gate, starts <paramref name="write"/>, sees it wait at the gate, then lets it through.</summary>
    private async Task AssertQueuesAsync(Func<Task> write)
    {
        var (release, holder) = await HoldAsync();
        var writing = write();
        await WaitUntilAsync(() => _gate.Waiting == 1 || writing.IsCompleted);
        Assert.False(writing.IsCompleted, "The write went ahead while another write held the gate.");
        release.SetResult();
        await holder;
        await writing;
    }

    private async Task<(TaskCompletionSource Release, Task Holder)> HoldAsync()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = Task.Run(() => _gate.RunAsync(async _ =>
        {
            entered.SetResult();
            await release.Task;
            return 0;
        }, CancellationToken.None));
        await entered.Task;
        return (release, holder);
    }

    private async Task<T> QueryAsync<T>(Func<AdvisorDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AdvisorDbContext>());
    }

    /// <summary>Polls until <paramref name="condition"/> holds; a minute without it fails the test.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 6000 && !condition(); attempt++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The awaited state never came.");
    }
}
