using System.Net;
using AngleSharp.Html.Dom;
using FineTuneAdvisor.Web.Tests.Support;

namespace FineTuneAdvisor.Web.Tests.Pages.Manage;

/// <summary>
/// Drives the owner's pages through their real forms: the manage page's per-link forms (each names its link in a
/// hidden Input.LinkId), and any form posted to another address, as an attacker holding a valid antiforgery pair would.
/// </summary>
public static class OwnerPages
{
    public const string NotSharedTitle = "This assessment is not shared";

    public static Task<IHtmlDocument> ManageAsync(HttpClient client, string manageToken) => client.GetDocumentAsync($"/manage/{manageToken}");

    /// <summary>The ids of the links listed on the manage page, oldest first (from each row's hidden Input.LinkId).</summary>
    public static IReadOnlyList<int> LinkIds(IHtmlDocument manage) =>
    [
        .. manage.QuerySelectorAll(".links-table tbody tr")
            .Select(row => row.QuerySelector("input[name='Input.LinkId']")?.GetAttribute("value"))
            .Where(v => v is not null)
            .Select(v => int.Parse(v!, System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>The form of <paramref name="handler"/> (Revoke, SetExpiry, ClearExpiry) in the row of link <paramref name="linkId"/>.</summary>
    public static IHtmlFormElement LinkForm(IHtmlDocument manage, int linkId, string handler)
    {
        ArgumentNullException.ThrowIfNull(manage);
        return manage.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => (f.GetAttribute("action") ?? "").EndsWith($"handler={handler}", StringComparison.Ordinal)
                && f.QuerySelector("input[name='Input.LinkId']")?.GetAttribute("value") == linkId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ?? throw new InvalidOperationException($"No {handler} form for link {linkId} on {manage.Url}.");
    }

    /// <summary>
    /// Posts <paramref name="form"/> as a browser would (every named field, antiforgery included), with field values
    /// replaced by <paramref name="values"/> (by full name) and, if given, to <paramref name="action"/> instead.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, IHtmlFormElement form,
        IReadOnlyDictionary<string, string>? values = null, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(form);
        var fields = new List<KeyValuePair<string, string>>();
        var overrides = values ?? new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element is IHtmlButtonElement)
            {
                continue;
            }

            var value = element switch
            {
                IHtmlInputElement input => input.Value,
                IHtmlTextAreaElement area => area.Value,
                _ => "",
            };
            fields.Add(new(name, overrides.GetValueOrDefault(name, value)));
        }

        foreach (var (name, value) in overrides.Where(o => fields.All(f => f.Key != o.Key)))
        {
            fields.Add(new(name, value));
        }

        var target = new Uri(new Uri(form.Owner!.Url), action ?? form.GetAttribute("action") ?? form.Owner.Url);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(target, content);
    }

    /// <summary>Revokes one link through its Revoke button on the manage page; the page redirects back to itself.</summary>
    public static async Task RevokeAsync(HttpClient client, string manageToken, int linkId)
    {
        var manage = await ManageAsync(client, manageToken);
        using var response = await PostFormAsync(client, LinkForm(manage, linkId, "Revoke"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/manage/{manageToken}", response.Headers.Location!.OriginalString);
    }

    /// <summary>Creates a link through "Create link" and reads it from the page the redirect leads to (shown once).</summary>
    public static async Task<string> NewLinkAsync(HttpClient client, string manageToken)
    {
        var manage = await ManageAsync(client, manageToken);
        using var response = await client.SubmitAsync(manage, "Create link");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await ManageAsync(client, manageToken);
        var url = after.QuerySelector("#new-share-url")?.GetAttribute("value") ?? throw new InvalidOperationException("No new link shown.");
        Assert.StartsWith("https://localhost/a/", url, StringComparison.Ordinal);

        // Shown this once: the next visit no longer has it.
        Assert.Null((await ManageAsync(client, manageToken)).QuerySelector("#new-share-url"));
        return url["https://localhost/a/".Length..];
    }

    /// <summary>Every table an owner action could touch.</summary>
    public static async Task<DatabaseSnapshot[]> SnapshotAsync(AdvisorAppFactory app) =>
    [
        await DatabaseSnapshot.TakeAsync(app, "Assessments"),
        await DatabaseSnapshot.TakeAsync(app, "ShareLinks"),
        await DatabaseSnapshot.TakeAsync(app, "Drafts"),
    ];

    /// <summary>The response is the not-shared 404 page.</summary>
    public static async Task AssertNotSharedAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal(NotSharedTitle, page.QuerySelector("main h1")?.TextContent.Trim());
    }

    public static async Task AssertNotSharedAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(url);
        await AssertNotSharedAsync(response);
    }

    /// <summary>Headers that must be the same for two 404s (the date differs by nature).</summary>
    /// <summary>
    /// <see cref="HeadersOf"/> without how the body is framed and whether it was copied from the output cache (Age,
    /// Content-Length or chunks): these depend on whether a 404 is the first of its kind in ten minutes, never on the
    /// link asked for (NotFoundPageCache keeps one entry for every secret link).
    /// </summary>
    public static string HeadersWithoutFramingOf(HttpResponseMessage response) =>
        string.Join("\n", HeadersOf(response).Split('\n')
            .Where(h => !h.StartsWith("Age:", StringComparison.Ordinal) && !h.StartsWith("Content-Length:", StringComparison.Ordinal)
                && !h.StartsWith("Transfer-Encoding:", StringComparison.Ordinal)));

    public static string HeadersOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return string.Join("\n", response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not "Date")
            .OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"));
    }
}
