using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Admin.Accounts;

/// <summary>Lists the admins, adds one, disables or enables another (never yourself). Every change is audited.</summary>
public sealed class IndexModel(AdminAccounts accounts, IValidator<AddAdminInput> validator) : PageModel
{
    [BindProperty]
    public AddAdminInput Input { get; set; } = new();

    public IReadOnlyList<AdminAccount> Admins { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    private string Actor => User.Identity?.Name ?? throw new InvalidOperationException("No signed-in admin.");

    /// <summary>The error summary links each field's error to the field.</summary>
    public static string? SummaryFieldId(string key) => key switch
    {
        $"{nameof(Input)}.{nameof(AddAdminInput.Email)}" => "new-email",
        $"{nameof(Input)}.{nameof(AddAdminInput.Password)}" => "new-password",
        _ => null,
    };

    public async Task OnGetAsync(CancellationToken cancellationToken) => Admins = await accounts.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        Input.Email = Input.Email.Trim();
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState, nameof(Input));
            return await RedisplayAsync(cancellationToken);
        }

        var created = await accounts.CreateAsync(Input.Email, Input.Password, Actor, cancellationToken);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                var (field, message) = error.Code switch
                {
                    nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) =>
                        (nameof(Input.Email), "There is already an account with this email address."),
                    nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) =>
                        (nameof(Input.Email), error.Description),
                    _ => (nameof(Input.Password), error.Description),
                };
                ModelState.AddModelError($"{nameof(Input)}.{field}", message);
            }

            return await RedisplayAsync(cancellationToken);
        }

        StatusMessage = "The admin was added. They can sign in now.";
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(accounts.DisableAsync(id ?? "", Actor, cancellationToken), "The account was disabled and signed out everywhere.", cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(accounts.EnableAsync(id ?? "", Actor, cancellationToken), "The account was enabled. It can sign in again.", cancellationToken);

    private async Task<IActionResult> ChangeAsync(Task<IdentityResult> change, string done, CancellationToken cancellationToken)
    {
        var result = await change;
        if (result.Succeeded)
        {
            StatusMessage = done;
            return RedirectToPage();
        }

        // The add form was not posted: its (empty) fields are not what went wrong.
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, "That account cannot be changed: it is yours, or it is not an admin account.");
        Input = new AddAdminInput();
        return await RedisplayAsync(cancellationToken);
    }

    /// <summary>The same page with its errors; the typed email stays, the password never comes back.</summary>
    private async Task<IActionResult> RedisplayAsync(CancellationToken cancellationToken)
    {
        Input.Password = "";
        Admins = await accounts.ListAsync(cancellationToken);
        return Page();
    }
}
