using FineTuneAdvisor.Web.Pages.Admin.Accounts;

namespace FineTuneAdvisor.Web.Identity;

/// <summary>
/// <c>admin create --email someone@example.com</c>: creates an admin with the password read from the first line of
/// standard input, then exits (0 created, 1 not) without starting the web server. Program.cs only dispatches here.
/// </summary>
public sealed class AdminCommand(IServiceProvider services, TextReader input, TextWriter output, TextWriter error)
{
    public const string Usage = "Usage: admin create --email someone@example.com   (the password is read from the first line of standard input)";

    /// <summary>True when the command line asks for an admin command rather than the web server.</summary>
    public static bool IsAdminCommand(IReadOnlyList<string> args) => args is { Count: > 0 } && args[0] == "admin";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count < 2 || args[1] != "create" || EmailFrom(args) is not { } email)
        {
            await error.WriteLineAsync(Usage);
            return 1;
        }

        var password = await input.ReadLineAsync(cancellationToken);
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("Not created: no password on standard input. Type it as the first line, or pipe it: read -rs PW; printf '%s\\n' \"$PW\" | dotnet run --project src/FineTuneAdvisor.Web -- admin create --email you@example.com");
            return 1;
        }

        // The same rules as the accounts page: a valid email, and a password the policy accepts.
        var validation = await new AddAdminValidator().ValidateAsync(new AddAdminInput { Email = email, Password = password }, cancellationToken);
        if (!validation.IsValid)
        {
            foreach (var problem in validation.Errors)
            {
                await error.WriteLineAsync($"Not created: {problem.ErrorMessage}");
            }

            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AdminAccounts>();
        var result = await accounts.CreateAsync(email, password, AdminAccounts.SystemActor, cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Errors)
            {
                await error.WriteLineAsync($"Not created: {problem.Description} ({problem.Code})");
            }

            return 1;
        }

        await output.WriteLineAsync($"Created admin {email}. Sign in at /admin/signin.");
        return 0;
    }

    private static string? EmailFrom(IReadOnlyList<string> args)
    {
        for (var i = 2; i < args.Count; i++)
        {
            if (args[i] == "--email" && i + 1 < args.Count)
            {
                return args[i + 1].Trim();
            }

            if (args[i].StartsWith("--email=", StringComparison.Ordinal))
            {
                return args[i]["--email=".Length..].Trim();
            }
        }

        return null;
    }
}
