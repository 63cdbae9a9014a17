using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin.Catalogue;

/// <summary>Drives the catalogue editor's real forms and reads what the database holds.</summary>
public static class AdminCatalogue
{
    public const string Mini = "openai:gpt-4o-mini-2024-07-18";

    /// <summary>The form name of one field of a model in the editor, e.g. Input.Models[0].FineTunedInput.</summary>
    public static string FieldOf(IHtmlDocument editor, string modelId, string field)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var id = editor.QuerySelectorAll("input[type=hidden][name^='Input.Models['][name$='].Id']").First(i => i.GetAttribute("value") == modelId).GetAttribute("name")!;
        return id[..^".Id".Length] + "." + field;
    }

    /// <summary>The HTML id the page gives a field: Input.Models[0].Name → Input_Models_0__Name.</summary>
    public static string IdOf(string name) => name.Replace('.', '_').Replace('[', '_').Replace(']', '_');

    /// <summary>Opens the editor, changes fields of models (model id → field → value) and saves; returns the response.</summary>
    public static async Task<HttpResponseMessage> SaveAsync(HttpClient client, IReadOnlyDictionary<(string Model, string Field), string> changes, IHtmlDocument? editor = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        editor ??= await client.GetDocumentAsync("/admin/catalogue");
        var values = changes.ToDictionary(c => FieldOf(editor, c.Key.Model, c.Key.Field), c => c.Value, StringComparer.Ordinal);
        return await client.SubmitAsync(editor, "Save draft", values);
    }

    public static async Task<HttpResponseMessage> PublishAsync(HttpClient client)
    {
        var page = await client.GetDocumentAsync("/admin/catalogue/publish");
        return await client.SubmitAsync(page, "Publish as version");
    }

    public static async Task<T> QueryAsync<T>(AdvisorAppFactory app, Func<AdvisorDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(query);
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<AdvisorDbContext>());
    }

    public static Task<string?> DraftJsonAsync(AdvisorAppFactory app) =>
        QueryAsync(app, async db => (await db.CatalogueDrafts.SingleAsync()).Json);

    public static Task<List<AuditEntry>> AuditAsync(AdvisorAppFactory app, string prefix = "catalogue.") =>
        QueryAsync(app, db => db.AuditEntries.AsNoTracking().Where(e => e.Action.StartsWith(prefix)).OrderBy(e => e.Id).ToListAsync());

    /// <summary>The reference's worked example on gpt-4o-mini as an estimate request.</summary>
    public static async Task<JsonElement> EstimateAsync(HttpClient client, string model = Mini)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["requestsPerMonth"] = 100_000,
            ["promptTokens"] = 2_000,
            ["promptTokensAfterFineTuning"] = 100,
            ["userTokens"] = 100,
            ["outputTokens"] = 200,
            ["cachedShare"] = 0,
            ["trainingExamples"] = 1_000,
            ["tokensPerExample"] = 500,
            ["trainingRuns"] = 1,
            ["retrainsPerYear"] = 0,
            ["horizonMonths"] = 12,
        };
        using var response = await client.PostAsync("/api/costs/estimate", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The embedded catalogue as JSON to edit.</summary>
    public static JsonObject DefaultJson() => JsonNode.Parse(CatalogueLoader.Write(CatalogueLoader.LoadDefault().Document))!.AsObject();
}
