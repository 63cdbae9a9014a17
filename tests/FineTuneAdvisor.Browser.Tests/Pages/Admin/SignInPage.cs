using FineTuneAdvisor.Browser.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Pages.Admin;

/// <summary>The admin sign-in form, <c>/admin/signin</c> (Pages/Admin/SignIn.cshtml).</summary>
public sealed class SignInPage(BrowserSession session)
{
    public const string Path = "/admin/signin";

    public ILocator Email => Page.GetByLabel(Selectors.EmailLabel, new() { Exact = true });

    public ILocator Password => Page.GetByLabel(Selectors.PasswordLabel, new() { Exact = true });

    public ILocator ErrorSummary => Page.Locator(Selectors.ErrorSummary);

    private IPage Page => session.Page;

    public static async Task<SignInPage> OpenAsync(BrowserSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        await session.Page.GotoAsync(Path);
        return await ExpectAsync(session);
    }

    public static async Task<SignInPage> ExpectAsync(BrowserSession session, string state = "")
    {
        ArgumentNullException.ThrowIfNull(session);
        Assert.Equal(Path, new Uri(session.Page.Url).AbsolutePath);
        await Expect(session.Page.Locator(Selectors.Heading)).ToHaveTextAsync(Selectors.HeadingText);
        await session.AuditAsync("admin sign-in" + state);
        return new SignInPage(session);
    }

    /// <summary>Types the email and password into the form and presses Sign in; lands on the overview.</summary>
    public async Task<AdminScreen> SignInAsync(string email, string password)
    {
        await SubmitAsync(email, password);
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == AdminScreen.Overview.Path);
        var overview = await AdminScreen.ExpectAsync(session, AdminScreen.Overview);
        await overview.ExpectSignedInAsAsync(email);
        return overview;
    }

    /// <summary>Signs in with something wrong: the same form comes back with its error summary, nothing typed echoed.</summary>
    public async Task<SignInPage> SignInExpectingErrorAsync(string email, string password)
    {
        await SubmitAsync(email, password);
        await Expect(ErrorSummary).ToBeVisibleAsync();
        await Expect(ErrorSummary).ToContainTextAsync(Selectors.ErrorTitle);
        var again = await ExpectAsync(session, " with error");
        await Expect(again.Email).ToHaveValueAsync("");
        await Expect(again.Password).ToHaveValueAsync("");
        return again;
    }

    private async Task SubmitAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await Page.Locator(Selectors.Main).GetByRole(AriaRole.Button, new() { Name = Selectors.SignInButtonName, Exact = true }).ClickAsync();
    }

    private static class Selectors
    {
        public const string Main = "main";
        public const string Heading = "main h1";
        public const string HeadingText = "Sign in";
        public const string EmailLabel = "Email";
        public const string PasswordLabel = "Password";
        public const string SignInButtonName = "Sign in";
        public const string ErrorSummary = "#error-summary";
        public const string ErrorTitle = "You could not be signed in";
    }
}
