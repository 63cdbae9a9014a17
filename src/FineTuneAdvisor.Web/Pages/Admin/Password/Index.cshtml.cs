using FineTuneAdvisor.Web.Identity;
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
public sealed class IndexModel(
    AdminAccounts accounts,
    AdvisorUserManager users,
    SignInManager<IdentityUser> signIn,
    IValidator<ChangePasswordInput> validator) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>The form's fields: name (the ModelState key), element id, label and autocomplete hint.</summary>
    public static IReadOnlyList<(string Name, string Id, string Label, string Autocomplete)> Fields { get; } =
    [
        ($"{nameof(Input)}.{nameof(ChangePasswordInput.CurrentPassword)}", "current-password", "Current password", "current-password"),
        ($"{nameof(Input)}.{nameof(ChangePasswordInput.NewPassword)}", "new-password", "New password", "new-password"),
        ($"{nameof(Input)}.{nameof(ChangePasswordInput.ConfirmPassword)}", "confirm-password", "New password again", "new-password"),
    ];

    public static string? SummaryFieldId(string key) => Fields.FirstOrDefault(f => f.Name == key).Id;

    public void OnGet()
    {
    }

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
        StatusMessage = "Your password was changed. Your other sessions were signed out.";
        return RedirectToPage();
    }

    /// <summary>Errors beside the fields; passwords are never sent back.</summary>
    private PageResult Redisplay()
    {
        Input = new ChangePasswordInput();
        return Page();
    }
}
