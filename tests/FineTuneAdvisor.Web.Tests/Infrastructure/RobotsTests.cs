using System.Net;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Infrastructure;

/// <summary>Crawlers are told to keep out of every capability space (checklist C08).</summary>
public sealed class RobotsTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task RobotsTxt_DisallowsShareManageResumeAndAdminPaths()
    {
        using var response = await _app.CreateClient().GetAsync("/robots.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("User-agent: *", lines);
        foreach (var path in new[] { "/a/", "/manage/", "/assess/resume/", "/admin/" })
        {
            Assert.Contains($"Disallow: {path}", lines);
        }
    }
}
