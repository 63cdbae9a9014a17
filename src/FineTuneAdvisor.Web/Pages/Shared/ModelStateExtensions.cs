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

    /// <summary>The messages of one field joined into one text, or null when it has none.</summary>
    public static string? ErrorsOf(this ModelStateDictionary modelState, string key)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage))
            : null;
    }

    /// <summary>True when the field has an error: its input gets <c>aria-invalid</c> and its block <c>has-error</c>.</summary>
    public static bool HasError(this ModelStateDictionary modelState, string key) => modelState.ErrorsOf(key) is not null;
}
