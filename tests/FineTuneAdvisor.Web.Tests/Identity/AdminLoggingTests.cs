using System.Net;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace FineTuneAdvisor.Web.Tests.Identity;

/// <summary>No password, password hash or cookie value reaches a log over sign-in, failures and sign-out (checklist C10).</summary>
public sealed class AdminLoggingTests : IDisposable
{
    private const string WrongPassword = "Zanzibar-wrong-guess-77";
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SignInJourney_LogsNoPasswordHashOrCookie(bool verbose)
    {
        if (verbose)
        {
            _app.WithSetting("Serilog:MinimumLevel:Default", "Verbose")
                .WithSetting("Serilog:MinimumLevel:Override:Microsoft", "Verbose")
                .WithSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Verbose")
                .WithSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Verbose");
        }

        await _app.EnsureAdminAsync("logged@example.test");
        var secrets = new List<string> { AdminClients.Password, WrongPassword };
        using (var wrong = await _app.CreateBrowserClient().SignInAsync("logged@example.test", WrongPassword))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using (var unknown = await _app.CreateBrowserClient().SignInAsync("nobody@example.test", WrongPassword))
        {
            Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        }

        var cookie = await _app.SignInForCookieAsync("logged@example.test");
        secrets.Add(cookie.Split('=', 2)[1]);
        var client = await _app.CreateAdminClientAsync("logged@example.test");
        using (var signedOut = await client.SubmitAsync(await client.GetDocumentAsync("/admin/accounts"), "Sign out"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            secrets.Add((await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Users.SingleAsync()).PasswordHash!);
        }

        Assert.NotEmpty(await _app.Logs.WaitForAsync(e => e.MessageTemplate.Text.StartsWith("Admin sign-in failed", StringComparison.Ordinal)));
        Assert.NotEmpty(await _app.Logs.WaitForAsync(e => e.MessageTemplate.Text.Contains("signed out", StringComparison.Ordinal)));
        if (verbose)
        {
            Assert.Contains(_app.Logs.Events, e => e.Level == LogEventLevel.Verbose);
        }

        var text = _app.Logs.AllText().ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(text, line => line.Contains(secret, StringComparison.Ordinal));
            // Pieces of a cookie or hash are secrets too: no 24-character run of one may appear.
            Assert.DoesNotContain(text, line => secret.Length > 40 && line.Contains(secret.Substring(secret.Length / 2, 24), StringComparison.Ordinal));
        }
    }
}
