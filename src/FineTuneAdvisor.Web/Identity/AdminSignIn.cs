using Microsoft.AspNetCore.Identity;

namespace FineTuneAdvisor.Web.Identity;

/// <summary>
/// Password sign-in for the admin area. Unknown email, wrong password, locked-out and disabled accounts all come
/// back as the same failure, and each costs one password hash, so neither the answer nor its timing says which
/// accounts exist. Failures count towards lockout.
/// </summary>
public sealed partial class AdminSignIn(
    AdvisorUserManager users,
    SignInManager<IdentityUser> signIn,
    IPasswordHasher<IdentityUser> hasher,
    ILogger<AdminSignIn> logger)
{
    private static readonly IdentityUser Nobody = new() { UserName = "nobody@invalid" };
    private static string? _dummyHash;

    public async Task<bool> SignInAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            VerifyAgainstNobody(password);
            LogFailed(logger, "unknown account");
            return false;
        }

        // Identity answers a locked-out or disabled account before hashing anything: hash anyway, or the quick
        // answer would tell a stranger that the account exists.
        if (await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            VerifyAgainstNobody(password);
            LogFailed(logger, "account locked or disabled");
            return false;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            LogFailed(logger, result.IsLockedOut ? "account locked or disabled" : "wrong password");
            return false;
        }

        await AdminSessions.SignInAsync(signIn, user, users.Time.GetUtcNow());
        LogSignedIn(logger, user.Id);
        return true;
    }

    /// <summary>The same work as a real check, against a hash of a random password nobody knows.</summary>
    private void VerifyAgainstNobody(string password)
    {
        _dummyHash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
    }

    /// <summary>Ends this session and, by changing the security stamp, every other copy of its cookie.</summary>
    public async Task SignOutAsync(System.Security.Claims.ClaimsPrincipal principal)
    {
        if (await users.GetUserAsync(principal) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            LogSignedOut(logger, user.Id);
        }

        await signIn.SignOutAsync();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Admin sign-in failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Admin {UserId} signed in")]
    private static partial void LogSignedIn(ILogger logger, string userId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Admin {UserId} signed out")]
    private static partial void LogSignedOut(ILogger logger, string userId);
}
