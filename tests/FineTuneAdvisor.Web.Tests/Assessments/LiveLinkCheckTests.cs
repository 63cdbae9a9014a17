using System.Net;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Pages.Manage;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Assessments;

/// <summary>
/// Whether a token opens a live link, asked by every share page before it runs (ShareLinkGate): on SQLite a plain
/// command (<see cref="SqliteLiveLinkCheck"/>), on PostgreSQL EF's compiled query. Both must draw the line exactly where
/// the family query does: not revoked, and no expiry or one later than now, to the microsecond. Runs on both providers.
/// </summary>
public sealed class LiveLinkCheckTests : IDisposable
{
    private static readonly DateTime Now = new(2027, 5, 4, 10, 20, 30, DateTimeKind.Utc);
    private static readonly TimeSpan Microsecond = TimeSpan.FromTicks(10);

    private readonly AdvisorAppFactory _app = new() { Time = new FakeTimeProvider(new DateTimeOffset(Now.AddTicks(4_567_890))) };

    public LiveLinkCheckTests() => _app.CreateClient().Dispose();

    public void Dispose() => _app.Dispose();

    public static TheoryData<string, bool> Links => new()
    {
        { "no expiry", true },
        { "expires in a microsecond", true },
        { "expires next year", true },
        { "expires now", false },
        { "expired a microsecond ago", false },
        { "revoked", false },
        { "revoked, expiry to come", false },
    };

    [Theory]
    [MemberData(nameof(Links))]
    public async Task IsLiveLink_DrawsTheLineWhereTheSharePageDoes(string link, bool live)
    {
        // "Now" as the database keeps it: the fake clock's sub-microsecond ticks are dropped on both sides.
        var now = UtcTimestampConverter.ToStored(Now.AddTicks(4_567_890));
        var (token, hash) = ShareTokens.Create();
        var shareLink = new ShareLink { TokenHash = hash, CreatedAt = Now.AddDays(-1) };
        switch (link)
        {
            case "expires in a microsecond": shareLink.ExpiresAt = now + Microsecond; break;
            case "expires next year": shareLink.ExpiresAt = now.AddYears(1); break;
            case "expires now": shareLink.ExpiresAt = now; break;
            case "expired a microsecond ago": shareLink.ExpiresAt = now - Microsecond; break;
            case "revoked": shareLink.RevokedAt = Now.AddHours(-1); break;
            case "revoked, expiry to come": (shareLink.RevokedAt, shareLink.ExpiresAt) = (Now.AddHours(-1), now.AddDays(1)); break;
        }

        await InsertAsync(link, shareLink);

        await using var scope = _app.Services.CreateAsyncScope();
        var assessments = scope.ServiceProvider.GetRequiredService<AssessmentService>();
        Assert.Equal(live, await assessments.IsLiveLinkAsync(token, CancellationToken.None));
        // The page's own query agrees (it runs it after the gate's answer, and without the gate for revisions and comparisons).
        Assert.Equal(live, await assessments.FindSharedAsync(token, null, CancellationToken.None) is not null);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    public async Task IsLiveLink_OfAnUnknownOrMalformedToken_IsFalse(string token)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var assessments = scope.ServiceProvider.GetRequiredService<AssessmentService>();

        Assert.False(await assessments.IsLiveLinkAsync(token, CancellationToken.None));
        Assert.False(await assessments.IsLiveLinkAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task SharePage_OfADeadLink_Is404ForGetAndHead_OnEitherRoute_AndALiveOneStillOpens()
    {
        var client = _app.CreateBrowserClient();
        var created = await ApiAssessments.CreateAsync(client);
        var publicId = created.PublicId;
        var linkId = Assert.Single(OwnerPages.LinkIds(await OwnerPages.ManageAsync(client, created.ManageToken)));
        using (var open = await client.GetAsync($"/a/{created.ShareToken}/r/{publicId}"))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        await OwnerPages.RevokeAsync(client, created.ManageToken, linkId);

        var anonymous = _app.CreateClient();
        foreach (var url in new[] { $"/a/{created.ShareToken}", $"/a/{created.ShareToken}/r/{publicId}", $"/a/{ShareTokens.Create().Token}/r/{publicId}" })
        {
            await OwnerPages.AssertNotSharedAsync(anonymous, url);
            using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }

        var another = await ApiAssessments.CreateAsync(client);
        using var live = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/a/{another.ShareToken}"));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private async Task InsertAsync(string name, ShareLink link)
    {
        var assessment = new Assessment
        {
            PublicId = ShareTokens.CreatePublicId(),
            ManageTokenHash = ShareTokens.Create().Hash,
            LineageId = name,
            CreatedAt = Now.AddDays(-1),
            RuleSetVersion = 1,
            Verdict = "fine_tune",
            ReadinessScore = 80,
            AnswersJson = "{}",
            ResultJson = await StoredResultAsync(),
        };
        assessment.LineageId = assessment.PublicId;
        assessment.ShareLinks.Add(link);
        await _app.Services.GetRequiredService<AssessmentWriter>().InsertAsync(assessment, CancellationToken.None);
    }

    /// <summary>A real stored result, so the page's own query can read it back.</summary>
    private async Task<string> StoredResultAsync()
    {
        var created = await ApiAssessments.CreateAsync(_app.CreateClient());
        return created.Body["result"]!.ToJsonString();
    }
}
