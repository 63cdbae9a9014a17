using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace FineTuneAdvisor.Web.Tests.Identity;

/// <summary>The first admin: from configuration at start-up, or from the `admin create` command.</summary>
public sealed class BootstrapAndCommandTests : IDisposable
{
    private const string StrongPassword = "granite owls prefer quiet libraries";
    private readonly List<AdvisorAppFactory> _apps = [];

    public void Dispose()
    {
        // Last made, first disposed: a host that shares another's database stops before that database is handed back.
        for (var i = _apps.Count - 1; i >= 0; i--)
        {
            _apps[i].Dispose();
        }
    }

    [Fact]
    public async Task StartUp_WithAdminSettings_CreatesTheAdminOnceAcrossRestarts()
    {
        var first = Track(new AdvisorAppFactory().WithSetting("Admin:Email", "boot@example.test").WithSetting("Admin:Password", StrongPassword));
        first.CreateClient().Dispose();
        var restarted = Track(new AdvisorAppFactory()
            .WithSetting("ConnectionStrings:Default", first.ConnectionString)
            .WithSetting("Admin:Email", "boot@example.test")
            .WithSetting("Admin:Password", "a different password this time"));

        using var client = restarted.CreateBrowserClient();
        using var signIn = await client.SignInAsync("boot@example.test", StrongPassword);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        await using var scope = restarted.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        Assert.Equal(1, await db.Users.CountAsync());
        var entry = await db.AuditEntries.Where(e => e.Action.StartsWith("account.")).SingleAsync();
        Assert.Equal(("account.create", "system"), (entry.Action, entry.Actor));
        Assert.Contains(first.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Created the first admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartUp_WithAWeakConfiguredPassword_LogsAnErrorNamingTheRuleButNotThePassword()
    {
        var app = Track(new AdvisorAppFactory().WithSetting("Admin:Email", "boot@example.test").WithSetting("Admin:Password", "letmein"));
        app.CreateClient().Dispose();

        var error = Assert.Single(await app.Logs.WaitForAsync(e => e.Level == LogEventLevel.Error));
        Assert.Contains(PasswordPolicy.TooShort, error.RenderMessage());
        Assert.Contains("at least 12 characters", error.RenderMessage());
        Assert.DoesNotContain(app.Logs.AllText(), line => line.Contains("letmein", StringComparison.Ordinal));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Users.CountAsync());
    }

    [Fact]
    public async Task StartUp_WithoutAdminSettings_WarnsHowToCreateOne()
    {
        var app = Track(new AdvisorAppFactory());
        app.CreateClient().Dispose();

        var warning = Assert.Single(await app.Logs.WaitForAsync(e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.StartsWith("No admin account exists", StringComparison.Ordinal)));
        Assert.Contains("admin create --email", warning.RenderMessage());
    }

    [Fact]
    public async Task Command_Create_ReadsThePasswordFromStandardInputAndCreatesAnAdmin()
    {
        var (code, output, error) = await RunAsync(["admin", "create", "--email", "cli@example.test"], StrongPassword + "\nignored second line\n");

        Assert.Equal(0, code);
        Assert.Contains("Created admin cli@example.test", output);
        Assert.Empty(error);
        var app = _apps[^1];
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByEmailAsync("cli@example.test");
        Assert.True(await users.IsInRoleAsync(user!, AdminPolicy.Role));
        Assert.True(await users.CheckPasswordAsync(user!, StrongPassword));
    }

    [Theory]
    [InlineData(new[] { "admin" }, "x\n", "Usage: admin create --email")]
    [InlineData(new[] { "admin", "create" }, "x\n", "Usage: admin create --email")]
    [InlineData(new[] { "admin", "delete", "--email", "a@example.test" }, "x\n", "Usage: admin create --email")]
    [InlineData(new[] { "admin", "create", "--email", "nope" }, StrongPassword + "\n", "Enter an email address like name@example.com.")]
    [InlineData(new[] { "admin", "create", "--email", "a@example.test" }, "", "no password on standard input")]
    [InlineData(new[] { "admin", "create", "--email", "a@example.test" }, "short\n", "Use at least 12 characters")]
    [InlineData(new[] { "admin", "create", "--email", "a@example.test" }, "iloveyou1234\n", "commonly used passwords")]
    public async Task Command_Refused_ExitsWith1AndSaysWhy(string[] args, string input, string message)
    {
        var (code, output, error) = await RunAsync(args, input);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains(message, error);
        await using var scope = _apps[^1].Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AdvisorDbContext>().Users.CountAsync());
    }

    [Fact]
    public async Task Command_ExistingEmail_ExitsWith1()
    {
        await RunAsync(["admin", "create", "--email", "twice@example.test"], StrongPassword + "\n");
        var app = _apps[^1];
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await new AdminCommand(app.Services, new StringReader(StrongPassword + "\n"), output, error)
            .RunAsync(["admin", "create", "--email=twice@example.test"], CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("Not created", error.ToString());
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(string[] args, string input)
    {
        var app = Track(new AdvisorAppFactory());
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await new AdminCommand(app.Services, new StringReader(input), output, error).RunAsync(args, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private AdvisorAppFactory Track(AdvisorAppFactory app)
    {
        _apps.Add(app);
        return app;
    }
}
