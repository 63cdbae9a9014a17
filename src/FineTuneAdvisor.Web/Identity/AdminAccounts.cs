using FineTuneAdvisor.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Identity;

/// <summary>One admin account as the accounts page lists it.</summary>
public sealed record AdminAccount(string Id, string Email, AdminAccountStatus Status, DateTimeOffset? LockedUntil);

public enum AdminAccountStatus
{
    Active,
    LockedOut,
    Disabled,
}

/// <summary>
/// Every change to an admin account, each in one transaction with its audit entry (through the write gate), so
/// there is never a change without its entry. Audit diffs never hold a password or a hash.
/// </summary>
public sealed class AdminAccounts(AdvisorDbContext db, AdvisorUserManager users, AuditLog audit, WriteGate gate)
{
    public const string SystemActor = "system";

    public async Task<IReadOnlyList<AdminAccount>> ListAsync(CancellationToken cancellationToken)
    {
        var admins = await users.GetUsersInRoleAsync(AdminPolicy.Role);
        var now = users.Time.GetUtcNow();
        return [.. admins
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .Select(u => new AdminAccount(u.Id, u.Email ?? u.UserName ?? "", StatusOf(u, now), u.LockoutEnd > now && !AdvisorUserManager.IsDisabled(u) ? u.LockoutEnd : null))];
    }

    public Task<bool> AnyAdminAsync(CancellationToken cancellationToken) =>
        db.UserRoles.AnyAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == AdminPolicy.Role), cancellationToken);

    /// <summary>Creates an admin whose user name is the email. Fails (nothing written) on a taken email or a refused password.</summary>
    public Task<IdentityResult> CreateAsync(string email, string password, string actor, CancellationToken cancellationToken) =>
        InTransactionAsync(async () =>
        {
            if (!await db.Roles.AnyAsync(r => r.NormalizedName == users.KeyNormalizer.NormalizeName(AdminPolicy.Role), cancellationToken))
            {
                db.Roles.Add(new IdentityRole(AdminPolicy.Role) { NormalizedName = users.KeyNormalizer.NormalizeName(AdminPolicy.Role) });
                await db.SaveChangesAsync(cancellationToken);
            }

            var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return created;
            }

            var role = await users.AddToRoleAsync(user, AdminPolicy.Role);
            if (!role.Succeeded)
            {
                return role;
            }

            audit.Add(actor, AuditActions.AccountCreate, $"Added admin {email}", $"email: (none) → {email}\nstatus: (none) → active");
            await db.SaveChangesAsync(cancellationToken);
            return IdentityResult.Success;
        }, cancellationToken);

    /// <summary>Disables another admin: they cannot sign in, and their sessions end at their next request.</summary>
    public Task<IdentityResult> DisableAsync(string id, string actor, CancellationToken cancellationToken) =>
        InTransactionAsync(async () =>
        {
            if (await FindOtherAdminAsync(id, actor) is not { } user)
            {
                return NotFound();
            }

            if (AdvisorUserManager.IsDisabled(user))
            {
                return IdentityResult.Success;
            }

            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, AdvisorUserManager.DisabledUntil);
            await users.UpdateSecurityStampAsync(user);
            audit.Add(actor, AuditActions.AccountDisable, $"Disabled admin {user.Email}", "status: active → disabled");
            await db.SaveChangesAsync(cancellationToken);
            return IdentityResult.Success;
        }, cancellationToken);

    public Task<IdentityResult> EnableAsync(string id, string actor, CancellationToken cancellationToken) =>
        InTransactionAsync(async () =>
        {
            if (await FindOtherAdminAsync(id, actor) is not { } user)
            {
                return NotFound();
            }

            if (!AdvisorUserManager.IsDisabled(user))
            {
                return IdentityResult.Success;
            }

            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            audit.Add(actor, AuditActions.AccountEnable, $"Enabled admin {user.Email}", "status: disabled → active");
            await db.SaveChangesAsync(cancellationToken);
            return IdentityResult.Success;
        }, cancellationToken);

    /// <summary>Changes the signed-in admin's own password; the new security stamp ends their other sessions.</summary>
    public Task<IdentityResult> ChangePasswordAsync(IdentityUser user, string currentPassword, string newPassword, CancellationToken cancellationToken) =>
        InTransactionAsync(async () =>
        {
            var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
            if (!changed.Succeeded)
            {
                return changed;
            }

            audit.Add(user.Email ?? user.Id, AuditActions.AccountPassword, $"Changed the password of {user.Email}", "password: changed");
            await db.SaveChangesAsync(cancellationToken);
            return IdentityResult.Success;
        }, cancellationToken);

    private static AdminAccountStatus StatusOf(IdentityUser user, DateTimeOffset now) =>
        AdvisorUserManager.IsDisabled(user) ? AdminAccountStatus.Disabled
        : user.LockoutEnd > now ? AdminAccountStatus.LockedOut
        : AdminAccountStatus.Active;

    /// <summary>An admin other than the actor: nobody disables or enables themselves.</summary>
    private async Task<IdentityUser?> FindOtherAdminAsync(string id, string actor)
    {
        var user = await users.FindByIdAsync(id);
        return user is null
            || string.Equals(user.Email, actor, StringComparison.OrdinalIgnoreCase)
            || !await users.IsInRoleAsync(user, AdminPolicy.Role)
            ? null
            : user;
    }

    private static IdentityResult NotFound() =>
        IdentityResult.Failed(new IdentityError { Code = "AccountNotFound", Description = "There is no other admin account with that id." });

    /// <summary>
    /// The whole change in one SQLite transaction through the write gate: Identity saves after each step, so the
    /// transaction is what keeps the account change and its audit entry together (or neither).
    /// </summary>
    private Task<IdentityResult> InTransactionAsync(Func<Task<IdentityResult>> change, CancellationToken cancellationToken) =>
        gate.RunAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await change();
            if (result.Succeeded)
            {
                await transaction.CommitAsync(ct);
            }
            else
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }

            return result;
        }, cancellationToken);
}
