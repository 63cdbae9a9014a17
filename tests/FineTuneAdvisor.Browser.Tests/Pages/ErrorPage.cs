using FineTuneAdvisor.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Pages;

/// <summary>The friendly error page (Pages/Error.cshtml), re-executed for bare status codes such as 404.</summary>
public sealed class ErrorPage(BrowserSession session)
{
    /// <summary>
    /// Opens an address that has nothing behind it and expects the 404 page, status included. Under a secret link's
    /// space (<c>/a/</c>, <c>/manage/</c>) every 404 is the not-shared page, whatever the reason.
    /// </summary>
    public static async Task<ErrorPage> OpenMissingAsync(BrowserSession session, string path)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(path);
        var secret = path.StartsWith("/a/", StringComparison.Ordinal) || path.StartsWith("/manage/", StringComparison.Ordinal);
        session.ExpectHttpError(path);
        var response = await session.Page.GotoAsync(path);
        Assert.Equal(404, response?.Status);
        await Expect(session.Page.Locator(Selectors.Heading)).ToHaveTextAsync(secret ? "This assessment is not shared" : "Page not found");
        await session.AuditAsync(secret ? "not-shared page" : "404 page");
        return new ErrorPage(session);
    }

    public async Task<LandingPage> GoHomeAsync()
    {
        await session.Page.Locator(Selectors.HomeLink).ClickAsync();
        return await LandingPage.OpenAsync(session);
    }

    private static class Selectors
    {
        public const string Heading = "main h1";
        public const string HomeLink = "main a[href='/']";
    }
}
