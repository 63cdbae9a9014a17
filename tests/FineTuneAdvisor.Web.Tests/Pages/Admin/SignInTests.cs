using System.Net;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin;

/// <summary>Sign-in, lockout, sign-out and the cookie (checklist C14, C15, C16).</summary>
public sealed partial class SignInTests : IDisposable
{
    private const string Email = "ada@example.test";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _app;

    public SignInTests() => _app = new AdvisorAppFactory { Time = _time };

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task SignIn_RightPassword_RedirectsToTheLocalReturnUrlWithAStrictHostCookie()
    {
        await _app.EnsureAdminAsync(Email);
        var client = _app.CreateBrowserClient();

        using var response = await client.SignInAsync(Email, AdminClients.Password, "/admin/signin?returnUrl=%2Fadmin%2Faccounts");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/accounts", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AdminSessions.CookieName + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("path=/", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires", StringComparison.Ordinal));
        using var accounts = await client.GetAsync("/admin/accounts");
        Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task SignIn_ForeignReturnUrl_GoesToTheAdminHomeInstead(string returnUrl)
    {
        await _app.EnsureAdminAsync(Email);
        var client = _app.CreateBrowserClient();

        using var response = await client.SignInAsync(Email, AdminClients.Password, "/admin/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_UnknownUserWrongPasswordAndLockedOut_GetByteIdenticalAnswers()
    {
        await _app.EnsureAdminAsync(Email);
        await _app.EnsureAdminAsync("locked@example.test");
        for (var i = 0; i < 5; i++)
        {
            using var failed = await _app.CreateBrowserClient().SignInAsync("locked@example.test", "not the password at all");
        }

        var unknown = await FailureAsync("nobody@example.test", AdminClients.Password);
        var wrong = await FailureAsync(Email, "not the password at all");
        var locked = await FailureAsync("locked@example.test", AdminClients.Password);

        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Contains("could not be signed in", unknown.Body);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, locked);
    }

    /// <summary>
    /// The timing side of C14 without a stopwatch: an answer costs one password hash whether the account is
    /// unknown, the password wrong, or the account locked out or disabled (Identity itself skips the hash for those).
    /// </summary>
    [Fact]
    public async Task SignIn_UnknownWrongLockedAndDisabled_EachCostExactlyOnePasswordHash()
    {
        var hasher = new CountingHasher();
        using var app = _app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<IdentityUser>>(provider =>
                hasher.Wrapping(ActivatorUtilities.CreateInstance<PasswordHasher<IdentityUser>>(provider))))));
        await _app.EnsureAdminAsync(Email);
        await _app.EnsureAdminAsync("locked@example.test");
        var disabled = await _app.EnsureAdminAsync("disabled@example.test");
        using (var scope = _app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<AdvisorUserManager>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(disabled.Id))!, AdvisorUserManager.DisabledUntil);
        }

        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.SignInAsync("locked@example.test", "not the password at all");
        }

        foreach (var (email, password) in new[]
        {
            ("nobody@example.test", AdminClients.Password),
            (Email, "not the password at all"),
            ("locked@example.test", AdminClients.Password),
            ("disabled@example.test", AdminClients.Password),
        })
        {
            hasher.Verifications = 0;
            using var response = await client.SignInAsync(email, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(hasher.Verifications == 1, $"{email}: {hasher.Verifications} password hashes");
        }
    }

    private sealed class CountingHasher
    {
        public int Verifications;

        public IPasswordHasher<IdentityUser> Wrapping(IPasswordHasher<IdentityUser> inner) => new Counting(this, inner);

        private sealed class Counting(CountingHasher counter, IPasswordHasher<IdentityUser> inner) : IPasswordHasher<IdentityUser>
        {
            public string HashPassword(IdentityUser user, string password) => inner.HashPassword(user, password);

            public PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
            {
                Interlocked.Increment(ref counter.Verifications);
                return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
        }
    }

    [Fact]
    public async Task SignIn_FiveFailures_LockTheAccountForFiveMinutesOfTheInjectedClock()
    {
        await _app.EnsureAdminAsync(Email);
        var client = _app.CreateBrowserClient();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.SignInAsync(Email, "wrong password number " + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using (var locked = await client.SignInAsync(Email, AdminClients.Password))
        {
            Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        }

        _time.Advance(TimeSpan.FromMinutes(4));
        using (var stillLocked = await client.SignInAsync(Email, AdminClients.Password))
        {
            Assert.Equal(HttpStatusCode.OK, stillLocked.StatusCode);
        }

        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        using var allowed = await client.SignInAsync(Email, AdminClients.Password);
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
    }

    [Fact]
    public async Task SignOut_ReplayingTheOldCookie_IsRedirectedToSignIn()
    {
        await _app.EnsureAdminAsync(Email);
        var cookie = await _app.SignInForCookieAsync(Email);
        using (var before = await _app.GetWithCookieAsync("/admin/accounts", cookie))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var client = await _app.CreateAdminClientAsync(Email);
        var page = await client.GetDocumentAsync("/admin/accounts");
        using var signedOut = await client.SubmitAsync(page, "Sign out");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/admin/signin", signedOut.Headers.Location?.OriginalString);

        using var replayed = await _app.GetWithCookieAsync("/admin/accounts", cookie);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("https://localhost/admin/signin?returnUrl=", replayed.Headers.Location?.ToString());
        using var after = await client.GetAsync("/admin/accounts");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    /// <summary>Success is said once, after the redirect (TempData), and not again on a reload.</summary>
    [Fact]
    public async Task SignOut_TheSignInPageSaysSoOnce()
    {
        var client = await _app.CreateAdminClientAsync(Email);

        using (await client.SubmitAsync(await client.GetDocumentAsync("/admin/accounts"), "Sign out"))
        {
        }

        var first = await client.GetDocumentAsync("/admin/signin");
        var again = await client.GetDocumentAsync("/admin/signin");

        Assert.Equal("You have signed out.", first.QuerySelector("main [role=status]")?.TextContent.Trim());
        Assert.Null(again.QuerySelector("main [role=status]"));
    }

    [Fact]
    public async Task AdminNav_HasASignOutFormWithAntiforgery()
    {
        var client = await _app.CreateAdminClientAsync(Email);

        var page = await client.GetDocumentAsync("/admin/password");

        var form = page.QuerySelector("nav.admin-nav form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/admin/signout", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name='__RequestVerificationToken']"));
        Assert.Contains(Email, page.QuerySelector("nav.admin-nav")!.TextContent);
    }

    [Fact]
    public async Task SignOut_Get_IsNotAllowed()
    {
        var client = await _app.CreateAdminClientAsync(Email);

        using var response = await client.GetAsync("/admin/signout");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        using var still = await client.GetAsync("/admin/accounts");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        await _app.EnsureAdminAsync(Email);
        var client = _app.CreateBrowserClient();
        using var form = await client.GetAsync("/admin/signin");

        using var response = await client.PostAsync("/admin/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Email,
            ["Input.Password"] = AdminClients.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignInPage_PasswordField_AllowsPasteAndPasswordManagers()
    {
        var document = await _app.CreateBrowserClient().GetDocumentAsync("/admin/signin");

        var password = document.QuerySelector("input[name='Input.Password']")!;
        Assert.Equal("password", password.GetAttribute("type"));
        Assert.Equal("current-password", password.GetAttribute("autocomplete"));
        Assert.Null(password.GetAttribute("onpaste"));
        Assert.Null(password.GetAttribute("maxlength"));
        Assert.NotNull(document.QuerySelector("label[for='password']"));
    }

    private async Task<(HttpStatusCode Status, string? ContentType, string Body)> FailureAsync(string email, string password)
    {
        using var response = await _app.CreateBrowserClient().SignInAsync(email, password);
        var body = AntiforgeryValue().Replace(await response.Content.ReadAsStringAsync(), "value=\"TOKEN\"");
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), body);
    }

    [GeneratedRegex("value=\"CfDJ8[^\"]+\"")]
    private static partial Regex AntiforgeryValue();
}
