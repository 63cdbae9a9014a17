using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Identity;

/// <summary>
/// Identity's UserManager with lockout on the injected <see cref="TimeProvider"/>. In ASP.NET Core 10 the cookie
/// handler and the security-stamp validator take a TimeProvider, but UserManager (Microsoft.Extensions.Identity.Core)
/// still reads <c>DateTimeOffset.UtcNow</c> in <c>IsLockedOutAsync</c> and <c>AccessFailedAsync</c>; these two
/// overrides are the same logic on the injected clock, so lockout expiry is testable and follows the app's clock.
/// </summary>
public sealed class AdvisorUserManager(
    IUserStore<IdentityUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<IdentityUser> passwordHasher,
    IEnumerable<IUserValidator<IdentityUser>> userValidators,
    IEnumerable<IPasswordValidator<IdentityUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<IdentityUser>> logger,
    TimeProvider time)
    : UserManager<IdentityUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <summary>A disabled account is locked out until the end of time; the lockout counter never re-enables it.</summary>
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    public TimeProvider Time => time;

    private IUserLockoutStore<IdentityUser> LockoutStore =>
        Store as IUserLockoutStore<IdentityUser> ?? throw new NotSupportedException("The user store does not support lockout.");

    public override async Task<bool> IsLockedOutAsync(IdentityUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        if (!await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken))
        {
            return false;
        }

        var lockoutEnd = await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken);
        return lockoutEnd >= time.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(IdentityUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        var count = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count < Options.Lockout.MaxFailedAccessAttempts)
        {
            return await UpdateUserAsync(user);
        }

        if (await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken) != DisabledUntil)
        {
            await LockoutStore.SetLockoutEndDateAsync(user, time.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
        }

        await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        return await UpdateUserAsync(user);
    }

    public static bool IsDisabled(IdentityUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.LockoutEnd == DisabledUntil;
    }
}
