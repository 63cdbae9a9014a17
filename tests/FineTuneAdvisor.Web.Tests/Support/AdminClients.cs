using System.Net;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>Signed-in admins for tests: accounts made through Identity, sessions through the real sign-in form.</summary>
public static partial class AdminClients
{
    /// <summary>The password every admin made by <see cref="EnsureAdminAsync"/> gets.</summary>
    public const string Password = "plum-coloured tractors sing at dawn";

    /// <summary>
    /// A client signed in as <paramref name="email"/> (created as an admin if missing) through the sign-in form:
    /// https://localhost base, redirects not followed, cookies kept.
    /// </summary>
    public static async Task<HttpClient> CreateAdminClientAsync(this AdvisorAppFactory app, string email = "admin@example.test")
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.EnsureAdminAsync(email);
        var client = app.CreateBrowserClient();
        using var response = await client.SignInAsync(email, Password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in as {email} answered {(int)response.StatusCode}.");
        return client;
    }

    /// <summary>Makes sure an account exists (no audit entry); with <paramref name="admin"/> false it has no Admin role.</summary>
    public static async Task<IdentityUser> EnsureAdminAsync(this AdvisorAppFactory app, string email, string password = Password, bool admin = true)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(AdminPolicy.Role))
        {
            Assert.True((await roles.CreateAsync(new IdentityRole(AdminPolicy.Role))).Succeeded);
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
            var created = await users.CreateAsync(user, password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            if (admin)
            {
                Assert.True((await users.AddToRoleAsync(user, AdminPolicy.Role)).Succeeded);
            }
        }

        return user;
    }

    /// <summary>Submits the real sign-in form (antiforgery token included) and returns the response.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password, string url = "/admin/signin")
    {
        var form = await client.GetDocumentAsync(url);
        return await client.SubmitAsync(form, "Sign in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    /// <summary>
    /// Signs in with a client that keeps no cookies and returns the raw admin cookie ("name=value"), so a test can
    /// replay it on its own: after sign-out, on another host, after the clock moved.
    /// </summary>
    public static async Task<string> SignInForCookieAsync(this AdvisorAppFactory app, string email, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri("https://localhost"),
        });
        using var page = await client.GetAsync("/admin/signin");
        var antiforgery = CookieFrom(page, "advisor-antiforgery");
        var token = AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", antiforgery);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return CookieFrom(response, AdminSessions.CookieName);
    }

    /// <summary>A GET that sends exactly the given cookie header and nothing else.</summary>
    public static async Task<HttpResponseMessage> GetWithCookieAsync(this AdvisorAppFactory app, string url, string cookie)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri("https://localhost"),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    /// <summary>"name=value" of the cookie the response sets, failing the test when it sets none.</summary>
    public static string CookieFrom(HttpResponseMessage response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal))
            : null;
        Assert.True(header is not null, $"The response sets no {name} cookie.");
        return header!.Split(';')[0];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
