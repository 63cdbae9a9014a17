using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Pages.Admin.Rules;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FineTuneAdvisor.Web.Pages.Admin.Accounts;

/// <summary>Lists the admins, adds one, disables or enables another (never yourself). Every change is audited.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(AdminAccounts accounts, IValidator<AddAdminInput> validator) : PageModel
{
    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["added"] = "The admin was added. They can sign in now.",
        ["disabled"] = "The account was disabled and signed out everywhere.",
        ["enabled"] = "The account was enabled. It can sign in again.",
    };

    [BindProperty]
    public AddAdminInput Input { get; set; } = new();

    public IReadOnlyList<AdminAccount> Admins { get; private set; } = [];

    public IReadOnlyList<FieldError> Errors => FieldErrors.Collect(ModelState, ("Input.Email", "new-email"), ("Input.Password", "new-password"));

    public string? Done { get; private set; }

    public string? ActionError { get; private set; }

    private string Actor => User.Identity?.Name ?? throw new InvalidOperationException("No signed-in admin.");

    public string? ErrorFor(string key) => FieldErrors.For(ModelState, key);

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Done = done is null ? null : DoneMessages.GetValueOrDefault(done);
        Admins = await accounts.ListAsync(cancellationToken);
    }

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

        return LocalRedirect("/admin/accounts?done=added");
    }

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(accounts.DisableAsync(id ?? "", Actor, cancellationToken), "disabled", cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(accounts.EnableAsync(id ?? "", Actor, cancellationToken), "enabled", cancellationToken);

    private async Task<IActionResult> ChangeAsync(Task<IdentityResult> change, string done, CancellationToken cancellationToken)
    {
        var result = await change;
        if (result.Succeeded)
        {
            return LocalRedirect($"/admin/accounts?done={done}");
        }

        ActionError = "That account cannot be changed: it is yours, or it is not an admin account.";
        ModelState.Clear();
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
