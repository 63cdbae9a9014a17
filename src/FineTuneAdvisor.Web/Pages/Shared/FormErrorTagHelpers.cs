using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace FineTuneAdvisor.Web.Pages.Shared;

/// <summary>
/// <c>&lt;field-error for="Input.Email" id="error-email" /&gt;</c>: the ModelState errors of one field, shown beside it
/// (the field names this id in its <c>aria-describedby</c>); nothing at all when the field has none.
/// </summary>
[HtmlTargetElement("field-error", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    /// <summary>The ModelState key: the field's form name, <c>Input.…</c>.</summary>
    [HtmlAttributeName("for")]
    public string For { get; set; } = "";

    [HtmlAttributeName("id")]
    public string Id { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var message = ViewContext.ViewData.ModelState.ErrorsOf(For);
        if (message is null)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field-error");
        output.Attributes.SetAttribute("id", Id);
        output.Content.AppendHtml("<span class=\"visually-hidden\">Error:</span> ").Append(message);
    }
}

/// <summary>
/// <c>&lt;error-summary /&gt;</c>: every ModelState error at the top of the form, each linked to its field, in a box
/// that site.js focuses so screen readers announce it. Errors not tied to a field (key <c>""</c> or <c>Input</c>) are
/// listed without a link.
/// </summary>
[HtmlTargetElement("error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorSummaryTagHelper : TagHelper
{
    /// <summary>
    /// The heading; by default "Please check this field" or "Please check these 3 fields" (see <see cref="Noun"/>), or
    /// "There is a problem" when no error belongs to a field.
    /// </summary>
    [HtmlAttributeName("heading")]
    public string? Heading { get; set; }

    /// <summary>What the default heading counts: field, answer, value.</summary>
    [HtmlAttributeName("noun")]
    public string Noun { get; set; } = "field";

    /// <summary>The element a field's error links to; by default the id ASP.NET Core gives the field's name.</summary>
    [HtmlAttributeName("field-id")]
    public Func<string, string?>? FieldId { get; set; }

    /// <summary>What a field's entry starts with ("Budget: …"); by default only the message.</summary>
    [HtmlAttributeName("label")]
    public Func<string, string?>? Label { get; set; }

    /// <summary>The keys in the order of the form, first; then any other, in the order the errors were added in.</summary>
    [HtmlAttributeName("order")]
    public IEnumerable<string>? FieldOrder { get; set; }

    /// <summary>A class for the list of errors, for a page that styles a long one.</summary>
    [HtmlAttributeName("list-class")]
    public string? ListClass { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var modelState = ViewContext.ViewData.ModelState;
        var entries = (FieldOrder ?? []).Concat(modelState.Keys).Distinct(StringComparer.Ordinal)
            .SelectMany(key => modelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => (Key: key, e.ErrorMessage)) : [])
            .ToList();
        if (entries.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "error-summary");
        output.Attributes.SetAttribute("id", "error-summary");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("tabindex", "-1");
        output.Attributes.SetAttribute("aria-labelledby", "error-summary-title");

        var heading = new TagBuilder("h2");
        heading.Attributes["id"] = "error-summary-title";
        heading.InnerHtml.Append(Heading ?? DefaultHeading(entries.Count, entries.All(e => IsFormLevel(e.Key))));
        output.Content.AppendHtml(heading);

        var list = new TagBuilder("ul");
        if (ListClass is not null)
        {
            list.Attributes["class"] = ListClass;
        }

        foreach (var (key, message) in entries)
        {
            var item = new TagBuilder("li");
            var fieldId = IsFormLevel(key) ? null : FieldId is null ? TagBuilder.CreateSanitizedId(key, "_") : FieldId(key);
            var text = !IsFormLevel(key) && Label?.Invoke(key) is { } label ? Entry(label, message) : message;
            if (fieldId is null)
            {
                item.InnerHtml.Append(text);
            }
            else
            {
                var link = new TagBuilder("a");
                link.Attributes["href"] = "#" + fieldId;
                link.InnerHtml.Append(text);
                item.InnerHtml.AppendHtml(link);
            }

            list.InnerHtml.AppendHtml(item);
        }

        output.Content.AppendHtml(list);
    }

    /// <summary>
    /// "Budget: Choose one of the options." A label that already ends in punctuation ("What should the model do?") is
    /// followed by a space only, so no entry reads "do?: Choose…".
    /// </summary>
    public static string Entry(string label, string message)
    {
        ArgumentNullException.ThrowIfNull(label);
        var trimmed = label.TrimEnd().TrimEnd(':');
        return trimmed.Length > 0 && trimmed[^1] is '?' or '!' or '.' ? $"{trimmed} {message}" : $"{trimmed}: {message}";
    }

    private string DefaultHeading(int count, bool formLevelOnly) =>
        formLevelOnly ? "There is a problem"
        : count == 1 ? $"Please check this {Noun}"
        : string.Create(CultureInfo.InvariantCulture, $"Please check these {count} {Noun}s");

    private static bool IsFormLevel(string key) => key.Length == 0 || key == "Input";
}
