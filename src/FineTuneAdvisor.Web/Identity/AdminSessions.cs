using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace FineTuneAdvisor.Web.Identity;

/// <summary>
/// Admin sessions: a cookie with a 30-minute sliding idle limit and a 12-hour absolute limit counted from the
/// sign-in (the <see cref="SignedInAtClaim"/> claim), both on the injected <see cref="TimeProvider"/>. Every request
/// also checks the account's security stamp, so signing out, changing the password or disabling the account ends
/// every copy of the cookie on the server (see <see cref="ValidatePrincipalAsync"/>).
/// </summary>
public static class AdminSessions
{
    public const string CookieName = "__Host-advisor-admin";
    public const string SignedInAtClaim = "advisor:signed_in_at";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteLimit = TimeSpan.FromHours(12);

    /// <summary>Issues a fresh session cookie carrying when this session began.</summary>
    public static Task SignInAsync(SignInManager<IdentityUser> signIn, IdentityUser user, DateTimeOffset signedInAt)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        return signIn.SignInWithClaimsAsync(user, isPersistent: false,
            [new Claim(SignedInAtClaim, signedInAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))]);
    }

    /// <summary>When the signed-in session began, or null when the principal carries no such claim.</summary>
    public static DateTimeOffset? SignedInAt(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return long.TryParse(principal.FindFirstValue(SignedInAtClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    /// <summary>
    /// Runs on every authenticated request: a session without a sign-in time or older than the absolute limit is
    /// rejected, and so is one whose security stamp no longer matches the account's (signed out, password changed,
    /// disabled, deleted). The check is done here on every request rather than by Identity's SecurityStampValidator,
    /// which skips requests made within its interval of the cookie's issue time (a strict "greater than", so even a
    /// zero interval skips a request in the same clock tick).
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        var valid = context.Principal is { } principal
            && SignedInAt(principal) is { } signedInAt
            && time.GetUtcNow() - signedInAt < AbsoluteLimit
            && await services.GetRequiredService<SignInManager<IdentityUser>>().ValidateSecurityStampAsync(principal) is not null;
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>Cookie and session settings, with the clock from DI.</summary>
    public static void ConfigureCookie(CookieAuthenticationOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TimeProvider = time;
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.Path = "/";
        options.ExpireTimeSpan = IdleTimeout;
        options.SlidingExpiration = true;
        options.LoginPath = "/admin/signin";
        options.LogoutPath = "/admin/signout";
        options.AccessDeniedPath = "/admin/signin";
        options.ReturnUrlParameter = "returnUrl";
        options.Events.OnValidatePrincipal = ValidatePrincipalAsync;
        // A signed-in account without the Admin role gets a 403 with the friendly error page, not a redirect.
        options.Events.OnRedirectToAccessDenied = static context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }
}
