using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Pages.Admin.Rules;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Admin.Password;

/// <summary>
/// Changes the signed-in admin's own password. The new security stamp ends their other sessions; this one gets a
/// fresh cookie that keeps its original sign-in time, so the 12-hour limit still counts from the sign-in.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(
    AdminAccounts accounts,
    AdvisorUserManager users,
    SignInManager<IdentityUser> signIn,
    IValidator<ChangePasswordInput> validator) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public bool Changed { get; private set; }

    public IReadOnlyList<FieldError> Errors => FieldErrors.Collect(ModelState,
        ("Input.CurrentPassword", "current-password"), ("Input.NewPassword", "new-password"), ("Input.ConfirmPassword", "confirm-password"));

    public string? ErrorFor(string key) => FieldErrors.For(ModelState, key);

    public void OnGet(bool changed = false) => Changed = changed;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState, nameof(Input));
            return Redisplay();
        }

        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in admin has no account.");
        var result = await accounts.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword, cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var (field, message) = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? (nameof(Input.CurrentPassword), "Your current password is not right.")
                    : (nameof(Input.NewPassword), error.Description);
                ModelState.AddModelError($"{nameof(Input)}.{field}", message);
            }

            return Redisplay();
        }

        await AdminSessions.SignInAsync(signIn, user, AdminSessions.SignedInAt(User) ?? users.Time.GetUtcNow());
        return LocalRedirect("/admin/password?changed=true");
    }

    /// <summary>Errors beside the fields; passwords are never sent back.</summary>
    private PageResult Redisplay()
    {
        Input = new ChangePasswordInput();
        return Page();
    }
}
