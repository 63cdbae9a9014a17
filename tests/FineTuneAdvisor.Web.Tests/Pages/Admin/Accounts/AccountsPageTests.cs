using System.Net;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin.Accounts;

/// <summary>/admin/accounts: the real forms, their errors, and the audit entries they write.</summary>
public sealed class AccountsPageTests : IDisposable
{
    private const string Me = "lead@example.test";
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AddAdmin_Valid_ListsThemAuditsWithoutThePasswordAndTheyCanSignIn()
    {
        var client = await _app.CreateAdminClientAsync(Me);
        var page = await client.GetDocumentAsync("/admin/accounts");
        const string password = "a brand new admin's passphrase";

        using var added = await client.SubmitAsync(page, "Add admin", new Dictionary<string, string>
        {
            ["Input.Email"] = "  newcomer@example.test ",
            ["Input.Password"] = password,
        });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/admin/accounts", added.Headers.Location?.OriginalString);
        var list = await client.GetDocumentAsync("/admin/accounts");
        Assert.Contains("The admin was added", list.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains(list.QuerySelectorAll(".admin-table tbody tr"), row => row.TextContent.Contains("newcomer@example.test") && row.TextContent.Contains("Active"));
        var entry = await SingleAuditAsync();
        Assert.Equal(("account.create", Me), (entry.Action, entry.Actor));
        Assert.Contains("newcomer@example.test", entry.Diff);
        Assert.DoesNotContain(password, entry.Diff + entry.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", entry.Diff, StringComparison.Ordinal);
        using var signIn = await _app.CreateBrowserClient().SignInAsync("newcomer@example.test", password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Theory]
    [InlineData("not-an-email", "a perfectly fine passphrase", "Input.Email", "Enter an email address like name@example.com.")]
    [InlineData("x@example.test", "short", "Input.Password", "Use at least 12 characters")]
    [InlineData("x@example.test", "password1234", "Input.Password", "commonly used passwords")]
    [InlineData("lead@example.test", "a perfectly fine passphrase", "Input.Email", "There is already an account with this email address.")]
    public async Task AddAdmin_Invalid_ShowsTheErrorBesideTheFieldKeepsTheEmailAndWritesNothing(string email, string password, string field, string message)
    {
        var client = await _app.CreateAdminClientAsync(Me);
        var page = await client.GetDocumentAsync("/admin/accounts");

        using var response = await client.SubmitAsync(page, "Add admin", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadDocumentAsync();
        var input = document.QuerySelector($"input[name='{field}']")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains(message, document.GetElementById(input.GetAttribute("aria-describedby")!.Split(' ')[^1])!.TextContent);
        Assert.Contains(message, document.GetElementById("error-summary")!.TextContent);
        Assert.Equal(email, document.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"));
        Assert.Null(document.QuerySelector("input[name='Input.Password']")!.GetAttribute("value"));
        Assert.Equal(0, await AuditCountAsync());
    }

    [Fact]
    public async Task DisableAndEnable_AnotherAdmin_AreAudited()
    {
        await _app.EnsureAdminAsync("colleague@example.test");
        var client = await _app.CreateAdminClientAsync(Me);

        using (var disabled = await client.SubmitAsync(await client.GetDocumentAsync("/admin/accounts"), "Disable colleague@example.test"))
        {
            Assert.Equal("/admin/accounts", disabled.Headers.Location?.OriginalString);
        }

        var list = await client.GetDocumentAsync("/admin/accounts");
        Assert.Contains(list.QuerySelectorAll(".admin-table tbody tr"), row => row.TextContent.Contains("colleague@example.test") && row.TextContent.Contains("Disabled"));
        using (var enabled = await client.SubmitAsync(list, "Enable colleague@example.test"))
        {
            Assert.Equal("/admin/accounts", enabled.Headers.Location?.OriginalString);
        }

        using var signIn = await _app.CreateBrowserClient().SignInAsync("colleague@example.test", AdminClients.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        await using var scope = _app.Services.CreateAsyncScope();
        var actions = await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().AuditEntries.Where(e => e.Action.StartsWith("account.")).OrderBy(e => e.Id).Select(e => e.Action + " " + e.Actor).ToListAsync();
        Assert.Equal(["account.disable " + Me, "account.enable " + Me], actions);
    }

    [Fact]
    public async Task Disable_Yourself_IsNotOfferedAndRefusedWhenForged()
    {
        var client = await _app.CreateAdminClientAsync(Me);
        var page = await client.GetDocumentAsync("/admin/accounts");
        Assert.DoesNotContain(page.QuerySelectorAll("button"), b => b.TextContent.Contains("Disable"));
        string myId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            myId = (await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Users.SingleAsync(u => u.Email == Me)).Id;
        }

        var form = page.QuerySelector("form.admin-form")!;
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var forged = await client.PostAsync("/admin/accounts?handler=Disable", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = myId,
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("cannot be changed", await forged.Content.ReadAsStringAsync());
        Assert.Equal(0, await AuditCountAsync());
        using var still = await client.GetAsync("/admin/accounts");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    private async Task<AuditEntry> SingleAuditAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().AuditEntries.Where(e => e.Action.StartsWith("account.")).SingleAsync();
    }

    private async Task<int> AuditCountAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().AuditEntries.Where(e => e.Action.StartsWith("account.")).CountAsync();
    }
}
