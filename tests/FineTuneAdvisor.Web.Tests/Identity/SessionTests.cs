using System.Net;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Identity;

/// <summary>Session lifetimes on the injected clock, and sessions ended on the server (checklist C17, C16, C38).</summary>
public sealed class SessionTests : IDisposable
{
    private const string Email = "grace@example.test";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly AdvisorAppFactory _app;

    public SessionTests() => _app = new AdvisorAppFactory { Time = _time };

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Session_IdleFor31Minutes_IsRedirectedToSignIn()
    {
        var client = await _app.CreateAdminClientAsync(Email);
        _time.Advance(TimeSpan.FromMinutes(29));
        using (var active = await client.GetAsync("/admin/accounts"))
        {
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        }

        _time.Advance(TimeSpan.FromMinutes(31));
        using var idle = await client.GetAsync("/admin/accounts");

        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.StartsWith("/admin/signin", idle.Headers.Location?.AbsolutePath);
    }

    /// <summary>
    /// Active every 10 minutes, the idle limit never ends the session; the last request, at 12:01, comes 2 minutes
    /// after the one before, well inside the idle window, so only the 12-hour absolute limit can refuse it.
    /// </summary>
    [Fact]
    public async Task Session_KeptActive_EndsAfter12Hours()
    {
        var client = await _app.CreateAdminClientAsync(Email);
        var elapsed = TimeSpan.Zero;
        foreach (var step in Enumerable.Repeat(TimeSpan.FromMinutes(10), 71).Append(TimeSpan.FromMinutes(9)))
        {
            _time.Advance(step);
            elapsed += step;
            using var active = await client.GetAsync("/admin/accounts");
            Assert.True(active.StatusCode == HttpStatusCode.OK, $"Signed out after {elapsed}.");
        }

        Assert.Equal(TimeSpan.FromMinutes(11 * 60 + 59), elapsed);
        _time.Advance(TimeSpan.FromMinutes(2));
        using var expired = await client.GetAsync("/admin/accounts");

        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/admin/signin", expired.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisablingAnAdmin_EndsTheirSessionAndStopsSignIn()
    {
        var other = await _app.CreateAdminClientAsync("other@example.test");
        var admin = await _app.CreateAdminClientAsync(Email);
        var page = await admin.GetDocumentAsync("/admin/accounts");

        using var disabled = await admin.SubmitAsync(page, "Disable other@example.test");

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        using var ended = await other.GetAsync("/admin/accounts");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        using var refused = await _app.CreateBrowserClient().SignInAsync("other@example.test", AdminClients.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        _time.Advance(TimeSpan.FromDays(365));
        using var stillRefused = await _app.CreateBrowserClient().SignInAsync("other@example.test", AdminClients.Password);
        Assert.Equal(HttpStatusCode.OK, stillRefused.StatusCode);
    }

    [Fact]
    public async Task ChangingThePassword_EndsOtherSessionsButKeepsThisOne()
    {
        var elsewhere = await _app.CreateAdminClientAsync(Email);
        var client = await _app.CreateAdminClientAsync(Email);
        var page = await client.GetDocumentAsync("/admin/password");
        const string newPassword = "seven orange kites over Lisbon";

        using var changed = await client.SubmitAsync(page, "Change password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = AdminClients.Password,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/admin/password", changed.Headers.Location?.OriginalString);
        using (var here = await client.GetAsync("/admin/password"))
        {
            Assert.Equal(HttpStatusCode.OK, here.StatusCode);
            Assert.Contains("Your password was changed", await here.Content.ReadAsStringAsync());
        }

        using var there = await elsewhere.GetAsync("/admin/accounts");
        Assert.Equal(HttpStatusCode.Redirect, there.StatusCode);
        using var withNew = await _app.CreateBrowserClient().SignInAsync(Email, newPassword);
        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);
        await using var scope = _app.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<FineTuneAdvisor.Web.Data.AdvisorDbContext>().AuditEntries.Single(e => e.Action.StartsWith("account."));
        Assert.Equal(("account.password", Email), (audit.Action, audit.Actor));
        Assert.DoesNotContain(newPassword, audit.Diff + audit.Summary, StringComparison.Ordinal);
    }

    /// <summary>Two hosts on one database share the Data Protection key ring: a session and a form from one work on the other.</summary>
    [Fact]
    public async Task SecondHost_OnTheSameDatabase_AcceptsTheCookieAndFormsOfTheFirst()
    {
        await _app.EnsureAdminAsync(Email);
        var cookie = await _app.SignInForCookieAsync(Email);
        using var second = new AdvisorAppFactory { Time = _time }.WithSetting("ConnectionStrings:Default", _app.ConnectionString);

        using var page = await second.GetWithCookieAsync("/admin/accounts", cookie);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // A form served by the first host is accepted by the second.
        var first = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri("https://localhost"),
        });
        using var form = await first.GetAsync("/assess/use_case");
        var antiforgery = AdminClients.CookieFrom(form, "advisor-antiforgery");
        var document = await form.ReadDocumentAsync();
        var token = document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/assess/use_case?handler=Back")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Add("Cookie", antiforgery);
        using var posted = await second.CreateBrowserClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
    }
}
