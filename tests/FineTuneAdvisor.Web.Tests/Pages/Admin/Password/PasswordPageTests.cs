using System.Net;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin.Password;

/// <summary>/admin/password: the real form, its errors beside the fields, and nothing changed or audited on a refusal.</summary>
public sealed class PasswordPageTests : IDisposable
{
    private const string Me = "lead@example.test";
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("wrong current password", "a fresh passphrase here", "a fresh passphrase here", "Input.CurrentPassword", "Your current password is not right.")]
    [InlineData(AdminClients.Password, "a fresh passphrase here", "a different passphrase", "Input.ConfirmPassword", "The two new passwords are not the same.")]
    [InlineData(AdminClients.Password, "qwerty123456", "qwerty123456", "Input.NewPassword", "commonly used passwords")]
    public async Task ChangePassword_Invalid_ShowsTheErrorBesideTheFieldAndChangesNothing(string current, string next, string confirm, string field, string message)
    {
        var client = await _app.CreateAdminClientAsync(Me);
        var page = await client.GetDocumentAsync("/admin/password");

        using var response = await client.SubmitAsync(page, "Change password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirm,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadDocumentAsync();
        Assert.Equal("true", document.QuerySelector($"input[name='{field}']")!.GetAttribute("aria-invalid"));
        Assert.Contains(message, document.GetElementById("error-summary")!.TextContent);
        Assert.All(document.QuerySelectorAll("input[type=password]"), i => Assert.Null(i.GetAttribute("value")));
        Assert.Equal(0, await AuditCountAsync());
        using var same = await _app.CreateBrowserClient().SignInAsync(Me, AdminClients.Password);
        Assert.Equal(HttpStatusCode.Redirect, same.StatusCode);
    }

    private async Task<int> AuditCountAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().AuditEntries.Where(e => e.Action.StartsWith("account.")).CountAsync();
    }
}
