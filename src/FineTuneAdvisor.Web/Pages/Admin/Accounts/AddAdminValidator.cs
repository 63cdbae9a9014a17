using FineTuneAdvisor.Web.Identity;
using FluentValidation;

namespace FineTuneAdvisor.Web.Pages.Admin.Accounts;

public sealed class AddAdminInput
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";
}

/// <summary>A new admin: a plausible email (it is the user name) and a password the <see cref="PasswordPolicy"/> accepts.</summary>
public sealed class AddAdminValidator : AbstractValidator<AddAdminInput>
{
    public AddAdminValidator()
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the new admin's email address.")
            .MaximumLength(256).WithMessage("Use an email address of at most 256 characters.")
            .Matches(@"^[^@\s]+@[^@\s]+\.[^@\s]+$").WithMessage("Enter an email address like name@example.com.");
        RuleFor(x => x.Password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter an initial password.")
            .Custom((password, context) =>
            {
                foreach (var problem in PasswordPolicy.Check(password))
                {
                    context.AddFailure(problem.Description);
                }
            });
    }
}
