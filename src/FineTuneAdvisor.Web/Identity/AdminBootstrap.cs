using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Identity;

/// <summary>
/// At start-up, after migrations: while no account holds the Admin role, create the one configured in
/// <c>Admin:Email</c>/<c>Admin:Password</c>, or say how to create one. Once any admin exists it does nothing,
/// so the configured password never overwrites anything on later starts.
/// </summary>
public static partial class AdminBootstrap
{
    public static async Task EnsureAdminAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminBootstrap).FullName!);
        var accounts = provider.GetRequiredService<AdminAccounts>();
        if (await accounts.AnyAdminAsync(cancellationToken))
        {
            return;
        }

        var options = provider.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (string.IsNullOrWhiteSpace(options.Email) || string.IsNullOrEmpty(options.Password))
        {
            LogNoAdmin(logger);
            return;
        }

        var email = options.Email.Trim();
        var result = await accounts.CreateAsync(email, options.Password, AdminAccounts.SystemActor, cancellationToken);
        if (result.Succeeded)
        {
            LogCreated(logger, email);
            return;
        }

        // The rules it broke, never the password itself.
        var problems = string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Description}"));
        LogRefused(logger, email, problems);
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning,
        Message = "No admin account exists. Set Admin:Email and Admin:Password (for example as the environment variables Admin__Email and Admin__Password) and restart, or run: dotnet run --project src/FineTuneAdvisor.Web -- admin create --email you@example.com (the password is read from standard input)")]
    private static partial void LogNoAdmin(ILogger logger);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Created the first admin {Email} from configuration; remove Admin:Password from the configuration now")]
    private static partial void LogCreated(ILogger logger, string email);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "The admin {Email} from configuration was not created: {Problems}")]
    private static partial void LogRefused(ILogger logger, string email, string problems);
}
