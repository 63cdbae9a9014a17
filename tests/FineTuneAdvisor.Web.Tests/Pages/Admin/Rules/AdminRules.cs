using AngleSharp.Html.Dom;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin.Rules;

/// <summary>Drives the rule editor's real forms and reads what the admin pages and the database hold.</summary>
public static class AdminRules
{
    /// <summary>The form field name of one field of a rule in the editor, e.g. Input.Rules[3].Weight.</summary>
    public static string FieldOf(IHtmlDocument editor, string ruleId, string field)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var id = editor.QuerySelectorAll("input[type=hidden][name$='.Id']").First(i => i.GetAttribute("value") == ruleId).GetAttribute("name")!;
        return id[..^".Id".Length] + "." + field;
    }

    public static string ParameterField(IHtmlDocument editor, string parameter)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var name = editor.QuerySelectorAll("input[type=hidden][name$='.Name']").First(i => i.GetAttribute("value") == parameter).GetAttribute("name")!;
        return name[..^".Name".Length] + ".Value";
    }

    /// <summary>Opens the editor, changes the given fields (rule id → field → value) and saves; returns the response.</summary>
    public static async Task<HttpResponseMessage> SaveAsync(HttpClient client, IReadOnlyDictionary<(string Rule, string Field), string> changes,
        IReadOnlyDictionary<string, string>? parameters = null, IHtmlDocument? editor = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        editor ??= await client.GetDocumentAsync("/admin/rules");
        var values = changes.ToDictionary(c => FieldOf(editor, c.Key.Rule, c.Key.Field), c => c.Value, StringComparer.Ordinal);
        foreach (var (name, value) in parameters ?? new Dictionary<string, string>())
        {
            values[ParameterField(editor, name)] = value;
        }

        return await client.SubmitAsync(editor, "Save draft", values);
    }

    public static async Task<HttpResponseMessage> PublishAsync(HttpClient client)
    {
        var preview = await client.GetDocumentAsync("/admin/rules/preview");
        return await client.SubmitAsync(preview, "Publish");
    }

    public static async Task<T> QueryAsync<T>(AdvisorAppFactory app, Func<AdvisorDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(query);
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<AdvisorDbContext>());
    }

    public static Task<RuleSet> DraftAsync(AdvisorAppFactory app) =>
        QueryAsync(app, async db => RuleSetLoader.LoadOrThrow((await db.RuleSetDrafts.SingleAsync()).Json!));

    public static Task<RuleSet> VersionAsync(AdvisorAppFactory app, int version) =>
        QueryAsync(app, async db => RuleSetLoader.LoadOrThrow((await db.RuleSetVersions.SingleAsync(v => v.Version == version)).Json));
}
