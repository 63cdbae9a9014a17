using AngleSharp;
using AngleSharp.Html.Dom;
using AngleSharp.Io;

namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>
/// Parses pages and submits their real forms the way a browser would: every named field with its current
/// value, the antiforgery token included, the clicked button's formaction honoured.
/// </summary>
public static class HtmlForms
{
    public static async Task<IHtmlDocument> ReadDocumentAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var content = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var document = await context.OpenAsync(request =>
        {
            request.Content(content);
            request.Address(response.RequestMessage!.RequestUri);
            request.Header(HeaderNames.ContentType, response.Content.Headers.ContentType?.ToString() ?? "text/html");
        });
        return (IHtmlDocument)document;
    }

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.ReadDocumentAsync();
    }

    /// <summary>The form that holds the submit button whose text contains <paramref name="buttonText"/>.</summary>
    public static (IHtmlFormElement Form, IHtmlButtonElement Button) FindButton(this IHtmlDocument document, string buttonText)
    {
        ArgumentNullException.ThrowIfNull(document);
        var button = document.QuerySelectorAll("button[type=submit]").OfType<IHtmlButtonElement>()
            .FirstOrDefault(b => b.TextContent.Contains(buttonText, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No submit button '{buttonText}' on {document.Url}.");
        return (button.Form ?? throw new InvalidOperationException("Button outside a form."), button);
    }

    /// <summary>Fills fields by question id (name ending in [id]) or full name, then clicks the button.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlDocument document, string buttonText,
        IReadOnlyDictionary<string, string>? values = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (form, button) = document.FindButton(buttonText);
        var fields = new List<KeyValuePair<string, string>>();
        var overrides = values ?? new Dictionary<string, string>();
        var used = new HashSet<string>(StringComparer.Ordinal);

        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element is IHtmlButtonElement)
            {
                continue;
            }

            var key = overrides.Keys.FirstOrDefault(k => name == k || name.EndsWith($"[{k}]", StringComparison.Ordinal));
            switch (element)
            {
                case IHtmlInputElement { Type: "radio" or "checkbox" } input:
                    if (key is not null)
                    {
                        if (input.Value == overrides[key] && used.Add(name))
                        {
                            fields.Add(new(name, input.Value));
                        }
                    }
                    else if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, key is null ? input.Value : overrides[key]));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, key is null ? area.Value : overrides[key]));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, key is null ? select.Value ?? "" : overrides[key]));
                    break;
            }
        }

        var action = button.GetAttribute("formaction") ?? form.GetAttribute("action") ?? document.Url;
        var target = new Uri(new Uri(document.Url), action);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(target, content);
    }
}
