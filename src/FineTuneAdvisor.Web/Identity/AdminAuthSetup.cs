using FineTuneAdvisor.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FineTuneAdvisor.Web.Identity;

/// <summary>
/// ASP.NET Core Identity on the app's database (EF stores), the admin cookie, the Admin policy as the fallback for
/// every endpoint, and the Data Protection key ring in the same database.
/// </summary>
public static class AdminAuthSetup
{
    /// <summary>Data Protection's application name: every instance on the database must share it (and the keys).</summary>
    public const string ApplicationName = "FineTuneAdvisor";

    public const int PasswordIterations = 210_000;

    public static IServiceCollection AddAdvisorAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        var admin = configuration.GetSection("Admin").Get<AdminOptions>() ?? new AdminOptions();
        services.Configure<AdminOptions>(configuration.GetSection("Admin"));

        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<AdvisorDbContext>();

        services.AddIdentity<IdentityUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = admin.MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(admin.LockoutMinutes);
                // PasswordPolicy is the one password rule set; Identity's composition rules are off.
                options.Password.RequiredLength = PasswordPolicy.MinimumLength;
                options.Password.RequiredUniqueChars = 1;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
            })
            .AddEntityFrameworkStores<AdvisorDbContext>()
            .AddUserManager<AdvisorUserManager>();

        // Identity's own PasswordValidator counts UTF-16 units and knows no common passwords: PasswordPolicy replaces it.
        services.RemoveAll<IPasswordValidator<IdentityUser>>();
        services.AddScoped<IPasswordValidator<IdentityUser>, PasswordPolicy>();
        services.Configure<PasswordHasherOptions>(options =>
        {
            options.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            options.IterationCount = PasswordIterations;
        });

        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider>(AdminSessions.ConfigureCookie);

        services.AddSingleton<IAuthorizationHandler, AdminOrUnroutedHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy.Name, policy => policy.RequireAuthenticatedUser().RequireRole(AdminPolicy.Role))
            // Deny by default: an endpoint nobody marked anonymous needs an admin. Requests that matched no endpoint
            // (404, 405) pass here so they keep their status instead of a redirect to the sign-in page.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new AdminOrUnroutedRequirement()).Build());

        services.AddScoped<AdminAccounts>();
        services.AddScoped<AdminSignIn>();
        return services;
    }
}

/// <summary>The fallback requirement: an admin, or a request no application endpoint answers.</summary>
public sealed class AdminOrUnroutedRequirement : IAuthorizationRequirement;

public sealed class AdminOrUnroutedHandler : AuthorizationHandler<AdminOrUnroutedRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminOrUnroutedRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        var unrouted = context.Resource is HttpContext http && http.GetEndpoint() is not RouteEndpoint;
        var admin = context.User.Identity?.IsAuthenticated == true && context.User.IsInRole(AdminPolicy.Role);
        if (unrouted || admin)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
