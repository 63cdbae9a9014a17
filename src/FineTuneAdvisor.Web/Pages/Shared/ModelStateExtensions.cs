using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FineTuneAdvisor.Web.Pages.Shared;

public static class ModelStateExtensions
{
    /// <summary>Copies FluentValidation errors into ModelState under the bound property's prefix, so they show beside their fields.</summary>
    public static void AddToModelState(this ValidationResult result, ModelStateDictionary modelState, string prefix)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(modelState);
        foreach (var error in result.Errors)
        {
            modelState.AddModelError($"{prefix}.{error.PropertyName}", error.ErrorMessage);
        }
    }
}
