using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Assessments;

/// <summary>
/// The writer stores new assessments with plain INSERTs (<see cref="AssessmentInsert"/>) instead of SaveChanges: each
/// column must come back through EF exactly as given, and compare in queries as EF's own parameters do (a share link's
/// expiry is compared with "now" on every read). Runs on both providers.
/// </summary>
public sealed class AssessmentInsertTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public AssessmentInsertTests() => _app.CreateClient().Dispose();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task EveryColumn_ReadsBackThroughEfAsWritten_AndComparesInQueries()
    {
        var created = new DateTime(2027, 3, 1, 9, 30, 15, DateTimeKind.Utc).AddTicks(1_234_560);
        var full = new Assessment
        {
            PublicId = "insert-full",
            ManageTokenHash = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32],
            ParentPublicId = "insert-parent",
            LineageId = "insert-lineage",
            NotesJson = """{"note":"é ✓"}""",
            CreatedAt = created,
            RuleSetVersion = 7,
            Verdict = "fine_tune",
            ReadinessScore = 81,
            AnswersJson = """{"domain":"specialized"}""",
            ResultJson = """{"verdict":"fine_tune"}""",
            DataEvidenceJson = """{"examples":12}""",
        };
        full.ShareLinks.Add(new ShareLink { TokenHash = [.. Enumerable.Repeat((byte)7, 32)], CreatedAt = created, ExpiresAt = created.AddDays(30), RevokedAt = created.AddDays(1) });
        full.ShareLinks.Add(new ShareLink { TokenHash = [.. Enumerable.Repeat((byte)8, 32)], CreatedAt = created });
        var bare = new Assessment
        {
            PublicId = "insert-bare",
            ManageTokenHash = [.. Enumerable.Repeat((byte)9, 32)],
            LineageId = "insert-bare",
            CreatedAt = created.AddSeconds(1),
            RuleSetVersion = 1,
            Verdict = "not_ready",
            ReadinessScore = 0,
            AnswersJson = "{}",
            ResultJson = "{}",
        };

        var writer = _app.Services.GetRequiredService<AssessmentWriter>();
        await Task.WhenAll(writer.InsertAsync(full, CancellationToken.None), writer.InsertAsync(bare, CancellationToken.None));

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        var stored = await db.Assessments.AsNoTracking().Include(a => a.ShareLinks).Where(a => a.PublicId.StartsWith("insert-")).OrderBy(a => a.Id).ToListAsync();

        Assert.Equal(2, stored.Count);
        Assert.Equal([full.Id, bare.Id], stored.Select(a => a.Id));
        foreach (var (given, read) in new[] { full, bare }.Zip(stored))
        {
            Assert.Equal(given.PublicId, read.PublicId);
            Assert.Equal(given.ManageTokenHash, read.ManageTokenHash);
            Assert.Equal(given.ParentPublicId, read.ParentPublicId);
            Assert.Equal(given.LineageId, read.LineageId);
            Assert.Equal(given.NotesJson, read.NotesJson);
            Assert.Equal(given.CreatedAt, read.CreatedAt);
            Assert.Equal(DateTimeKind.Utc, read.CreatedAt.Kind);
            Assert.Equal(given.RuleSetVersion, read.RuleSetVersion);
            Assert.Equal(given.Verdict, read.Verdict);
            Assert.Equal(given.ReadinessScore, read.ReadinessScore);
            Assert.Equal(given.AnswersJson, read.AnswersJson);
            Assert.Equal(given.ResultJson, read.ResultJson);
            Assert.Equal(given.DataEvidenceJson, read.DataEvidenceJson);
            Assert.Equal(
                given.ShareLinks.Select(l => (l.Id, l.TokenHash.Length, l.TokenHash[0], l.CreatedAt, l.ExpiresAt, l.RevokedAt)),
                read.ShareLinks.OrderBy(l => l.Id).Select(l => (l.Id, l.TokenHash.Length, l.TokenHash[0], l.CreatedAt, l.ExpiresAt, l.RevokedAt)));
        }

        // The comparisons the reads make, with EF's parameters on one side and the plain INSERT's values on the other.
        Assert.Equal(1, await db.ShareLinks.CountAsync(l => l.ExpiresAt > created.AddDays(29)));
        Assert.Equal(0, await db.ShareLinks.CountAsync(l => l.ExpiresAt > created.AddDays(31)));
        Assert.Equal(1, await db.Assessments.CountAsync(a => a.CreatedAt == created));
        Assert.Equal(1, await db.Assessments.CountAsync(a => a.CreatedAt > created && a.PublicId.StartsWith("insert-")));
    }
}
