using FineTuneAdvisor.Browser.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Pages.Admin;

/// <summary>
/// Any page of the signed-in admin area (Pages/Admin/**): its own navigation with the signed-in admin on top, then
/// the page's heading. Pages with something to do have their own page object built on this one.
/// </summary>
public sealed class AdminScreen(BrowserSession session)
{
    public static readonly AdminScreenKind Overview = new("/admin", "Overview", "admin overview");
    public static readonly AdminScreenKind Rules = new("/admin/rules", "Rules", "admin rules");
    public static readonly AdminScreenKind Preview = new("/admin/rules/preview", "Preview and publish", "admin preview");
    public static readonly AdminScreenKind Versions = new("/admin/rules/versions", "Rule-set versions", "admin versions");
    public static readonly AdminScreenKind Import = new("/admin/rules/import", "Import a rule set", "admin import");
    public static readonly AdminScreenKind AuditLog = new("/admin/audit", "Audit log", "admin audit log");
    public static readonly AdminScreenKind Accounts = new("/admin/accounts", "Admin accounts", "admin accounts");
    public static readonly AdminScreenKind Password = new("/admin/password", "Change your password", "admin password");

    public ILocator Heading => Page.Locator(Selectors.Heading);

    public ILocator Notice => Page.Locator(Selectors.Notice);

    public ILocator Navigation => Page.GetByRole(AriaRole.Navigation, new() { Name = Selectors.NavigationName, Exact = true });

    private IPage Page => session.Page;

    public static async Task<AdminScreen> OpenAsync(BrowserSession session, AdminScreenKind kind)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(kind);
        await session.Page.GotoAsync(kind.Path);
        return await ExpectAsync(session, kind);
    }

    /// <summary>Checks that <paramref name="kind"/> is on screen (path, heading, admin navigation), then audits it.</summary>
    public static async Task<AdminScreen> ExpectAsync(BrowserSession session, AdminScreenKind kind, string state = "")
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(kind);
        var screen = new AdminScreen(session);
        Assert.Equal(kind.Path, new Uri(session.Page.Url).AbsolutePath);
        await Expect(screen.Heading).ToHaveTextAsync(kind.Heading);
        await Expect(screen.Navigation.GetByRole(AriaRole.Button, new() { Name = Selectors.SignOutName })).ToBeVisibleAsync();
        await session.AuditAsync(kind.Screen + state);
        return screen;
    }

    /// <summary>Follows a link of the admin navigation, as a person moves around the admin area.</summary>
    public async Task<AdminScreen> FollowNavigationAsync(string linkName, AdminScreenKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        await Navigation.GetByRole(AriaRole.Link, new() { Name = linkName, Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == kind.Path);
        return await ExpectAsync(session, kind);
    }

    /// <summary>The "Signed in as …" line of the admin navigation.</summary>
    public async Task ExpectSignedInAsAsync(string email) =>
        await Expect(Navigation).ToContainTextAsync($"Signed in as {email}");

    private static class Selectors
    {
        public const string Heading = "main h1";
        public const string Notice = "main .notice[role=status]";
        public const string NavigationName = "Admin";
        public const string SignOutName = "Sign out";
    }
}

/// <summary>One page of the admin area: where it lives, its heading, and the name its audit is reported under.</summary>
public sealed record AdminScreenKind(string Path, string Heading, string Screen);
