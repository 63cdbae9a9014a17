using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Assessments;

/// <summary>
/// Group commit (issue 14, item 6): creations that arrive while a commit is under way are committed together, each
/// caller is answered after the commit holding its row, and a batch with one bad row fails only that row. The writer
/// is held at SQLite's write gate so that the queue fills deterministically; PostgreSQL's gate does not serialise.
/// </summary>
[Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
public sealed class AssessmentWriterTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public AssessmentWriterTests() => _app.CreateClient().Dispose();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task CreationsArrivingDuringACommit_AreCommittedTogetherAndEachIsAnsweredAfterIt()
    {
        var writer = _app.Services.GetRequiredService<AssessmentWriter>();
        var gate = _app.Services.GetRequiredService<WriteGate>();
        var release = new TaskCompletionSource();
        var holding = gate.RunAsync(async _ => { await release.Task; return 0; }, CancellationToken.None);

        // The first creation is taken by the writer, which then waits at the gate; nine more queue behind it.
        var first = writer.InsertAsync(NewAssessment("first"), CancellationToken.None);
        await WaitUntilAsync(() => gate.Waiting == 1);
        var queued = Enumerable.Range(0, 9).Select(i => writer.InsertAsync(NewAssessment($"queued-{i}"), CancellationToken.None)).ToArray();

        Assert.False(first.IsCompleted, "A creation was answered before anything was committed.");
        Assert.DoesNotContain(queued, t => t.IsCompleted);
        Assert.Equal(0, await CountAsync());

        release.SetResult();
        await holding;
        await first;
        await Task.WhenAll(queued);

        Assert.Equal(10, await CountAsync());
        Assert.Equal(9, writer.LargestBatch);
    }

    [Fact]
    public async Task ABatchWithOneBadRow_FailsOnlyThatCreation()
    {
        var writer = _app.Services.GetRequiredService<AssessmentWriter>();
        var gate = _app.Services.GetRequiredService<WriteGate>();
        await writer.InsertAsync(NewAssessment("taken"), CancellationToken.None);
        var release = new TaskCompletionSource();
        var holding = gate.RunAsync(async _ => { await release.Task; return 0; }, CancellationToken.None);

        var blocker = writer.InsertAsync(NewAssessment("blocker"), CancellationToken.None);
        await WaitUntilAsync(() => gate.Waiting == 1);
        var good = Enumerable.Range(0, 4).Select(i => writer.InsertAsync(NewAssessment($"good-{i}"), CancellationToken.None)).ToArray();
        // The same public id as a stored assessment: the unique index refuses it, and with it the whole first attempt.
        var duplicate = writer.InsertAsync(NewAssessment("taken"), CancellationToken.None);

        release.SetResult();
        await holding;
        await blocker;
        await Task.WhenAll(good);
        // The provider's own constraint error (the writer's INSERTs are plain commands, not SaveChanges).
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => duplicate);

        Assert.Equal(6, await CountAsync());
    }

    private async Task<int> CountAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Assessments.CountAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    private static Assessment NewAssessment(string publicId)
    {
        var now = UtcTimestampConverter.ToStored(DateTime.UtcNow);
        var assessment = new Assessment
        {
            PublicId = publicId,
            ManageTokenHash = ShareTokens.Create().Hash,
            LineageId = publicId,
            CreatedAt = now,
            RuleSetVersion = 1,
            Verdict = "pilot",
            ReadinessScore = 50,
            AnswersJson = "{}",
            ResultJson = "{}",
        };
        assessment.ShareLinks.Add(new ShareLink { TokenHash = ShareTokens.Create().Hash, CreatedAt = now });
        return assessment;
    }
}
