using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FineTuneAdvisor.Web.Pages.Admin;

/// <summary>One problem with a form field: the field's element id (for the summary's link) and the message.</summary>
public sealed record FieldError(string FieldId, string Message);

public static class FieldErrors
{
    /// <summary>The first error of each field, in form order, for the error summary.</summary>
    public static IReadOnlyList<FieldError> Collect(ModelStateDictionary modelState, params (string Key, string FieldId)[] fields)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return [.. fields
            .Select(f => (f.FieldId, Message: For(modelState, f.Key)))
            .Where(f => f.Message is not null)
            .Select(f => new FieldError(f.FieldId, f.Message!))];
    }

    /// <summary>The messages for one field joined into one sentence group, or null.</summary>
    public static string? For(ModelStateDictionary modelState, string key)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        return modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage))
            : null;
    }
}
