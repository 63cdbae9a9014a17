using FineTuneAdvisor.Web.Identity;
using FluentValidation;

namespace FineTuneAdvisor.Web.Pages.Admin.Password;

public sealed class ChangePasswordInput
{
    public string CurrentPassword { get; set; } = "";

    public string NewPassword { get; set; } = "";

    public string ConfirmPassword { get; set; } = "";
}

public sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordInput>
{
    public ChangePasswordValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
        RuleFor(x => x.NewPassword).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a new password.")
            .Custom((password, context) =>
            {
                foreach (var problem in PasswordPolicy.Check(password))
                {
                    context.AddFailure(problem.Description);
                }
            });
        RuleFor(x => x.ConfirmPassword).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the new password again.")
            .Equal(x => x.NewPassword).WithMessage("The two new passwords are not the same.");
    }
}
