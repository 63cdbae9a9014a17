using System.Net;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin;

/// <summary>POST /admin/signin is limited per client address: each attempt costs a 210,000-iteration hash (checklist C14).</summary>
public sealed class SignInRateLimitTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new AdvisorAppFactory().WithSetting("RateLimiting:AdminSignInsPerMinute", "3");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task SignIn_OverTheLimit_Answers429WithRetryAfterWhileTheFormStillShows()
    {
        var client = _app.CreateBrowserClient();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.SignInAsync("someone@example.test", "a wrong but long password");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await client.SignInAsync("someone@example.test", "a wrong but long password");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After tells the client when to come back.");
        Assert.Contains("Too many requests", await limited.Content.ReadAsStringAsync());
        using var form = await client.GetAsync("/admin/signin");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }
}
