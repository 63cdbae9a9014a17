using System.Net;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Tests.Pages.Admin.Rules;

/// <summary>Checklist C18: weight edits are validated, nothing typed is lost, and a stale concurrency token is a conflict.</summary>
public sealed class RuleEditorTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Get_Editor_ShowsRulesByCriterionWithBlockersMarkedAndTheThresholds()
    {
        var client = await _app.CreateAdminClientAsync();

        var page = await client.GetDocumentAsync("/admin/rules");

        Assert.NotNull(page.QuerySelector("nav.admin-nav"));
        Assert.Equal(Scoring.RuleSets.RuleSetLoader.LoadDefault().Rules.Count, page.QuerySelectorAll("input[type=hidden][name$='.Id']").Length);
        Assert.Contains(page.QuerySelectorAll("tr.rule-blocker"), row => row.TextContent.Contains("rights-none", StringComparison.Ordinal) && row.TextContent.Contains("Blocker", StringComparison.Ordinal));
        Assert.Equal("1000", page.QuerySelector($"[name='{AdminRules.ParameterField(page, "pilot_examples")}']")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("input[name=__RequestVerificationToken]"));
        // The choices are the rule-set names of the scoring library's enums, the current one selected.
        var effect = page.QuerySelector($"select[name='{AdminRules.FieldOf(page, "rights-none", "Effect")}']")!;
        Assert.Equal(["support", "oppose", "blocker"], effect.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.Equal("blocker", effect.QuerySelector("option[selected]")!.GetAttribute("value"));
        var signal = page.QuerySelector($"select[name='{AdminRules.FieldOf(page, "data-toward-production", "Signal")}']")!;
        Assert.Equal(["", "retrieval", "prompting", "behavior", "pilot_first", "feasibility"], signal.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.Equal("pilot_first", signal.QuerySelector("option[selected]")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("∞")]
    [InlineData("1e308")]
    [InlineData("25.5")]
    [InlineData("-1")]
    [InlineData("")]
    public async Task Save_InvalidWeight_ReshowsTheFormWithTheErrorBesideItAndKeepsOtherInputs(string weight)
    {
        var client = await _app.CreateAdminClientAsync();
        var editor = await client.GetDocumentAsync("/admin/rules");
        var weightField = AdminRules.FieldOf(editor, "domain-specialized", "Weight");
        var messageField = AdminRules.FieldOf(editor, "domain-business", "Message");

        using var response = await AdminRules.SaveAsync(client, new Dictionary<(string, string), string>
        {
            [("domain-specialized", "Weight")] = weight,
            [("domain-business", "Message")] = "A message typed before the mistake.",
            [("domain-general", "Weight")] = "6",
        }, editor: editor);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var input = page.QuerySelector($"[name='{weightField}']")!;
        Assert.Equal(weight, input.GetAttribute("value") ?? "");
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains("from 0 to 25", page.QuerySelector($"#{input.Id}-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Rule domain-specialized, weight", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("A message typed before the mistake.", page.QuerySelector($"[name='{messageField}']")!.TextContent);
        Assert.Equal("6", page.QuerySelector($"[name='{AdminRules.FieldOf(page, "domain-general", "Weight")}']")!.GetAttribute("value"));
        Assert.Null(await AdminRules.QueryAsync(_app, async db => (await db.RuleSetDrafts.SingleAsync()).Json));
    }

    [Theory]
    [InlineData("1e-400")]
    [InlineData("0.001")]
    [InlineData("0.004")]
    public async Task Save_WeightThatRoundsToZero_IsRefusedBesideTheField(string weight)
    {
        var client = await _app.CreateAdminClientAsync();
        var editor = await client.GetDocumentAsync("/admin/rules");
        var weightField = AdminRules.FieldOf(editor, "domain-specialized", "Weight");

        using var response = await AdminRules.SaveAsync(client, new Dictionary<(string, string), string> { [("domain-specialized", "Weight")] = weight }, editor: editor);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var input = page.QuerySelector($"[name='{weightField}']")!;
        Assert.Equal(weight, input.GetAttribute("value"));
        Assert.Contains("rounds to 0", page.QuerySelector($"#{input.Id}-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await AdminRules.QueryAsync(_app, async db => (await db.RuleSetDrafts.SingleAsync()).Json));
    }

    [Theory]
    [InlineData("\u200B\u200B", "Enter the message")]
    [InlineData("Reads \u202Ebackwards", "U+202E")]
    public async Task Save_MessageThatLooksEmptyOrHoldsAControl_IsRefusedBesideTheField(string escaped, string fragment)
    {
        var client = await _app.CreateAdminClientAsync();
        var message = System.Text.RegularExpressions.Regex.Unescape(escaped);

        using var response = await AdminRules.SaveAsync(client, new Dictionary<(string, string), string> { [("domain-general", "Message")] = message });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var field = page.QuerySelector($"[name='{AdminRules.FieldOf(page, "domain-general", "Message")}']")!;
        Assert.Contains(fragment, page.QuerySelector($"#{field.Id}-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await AdminRules.QueryAsync(_app, async db => (await db.RuleSetDrafts.SingleAsync()).Json));
    }

    [Fact]
    public async Task Save_MessageWithNul_Is400NamingItAndSavesNothing()
    {
        var client = await _app.CreateAdminClientAsync();

        using var response = await AdminRules.SaveAsync(client, new Dictionary<(string, string), string> { [("domain-general", "Message")] = "A NUL\0 here" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NUL", (await response.ReadDocumentAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await AdminRules.QueryAsync(_app, async db => (await db.RuleSetDrafts.SingleAsync()).Json));
    }

    [Fact]
    public async Task Save_EmptyMessage_IsRefusedBesideTheField()
    {
        var client = await _app.CreateAdminClientAsync();

        using var response = await AdminRules.SaveAsync(client, new Dictionary<(string, string), string> { [("domain-general", "Message")] = "   " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var field = page.QuerySelector($"[name='{AdminRules.FieldOf(page, "domain-general", "Message")}']")!;
        Assert.Contains("Enter the message", page.QuerySelector($"#{field.Id}-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await AdminRules.QueryAsync(_app, async db => (await db.RuleSetDrafts.SingleAsync()).Json));
    }

    [Theory]
    [InlineData("pilot_examples", "10000", "must be below")]
    [InlineData("pilot_examples", "20000", "must be below")]
    [InlineData("quality_factor_raw", "0.5", "must not be above")]
    [InlineData("quality_factor_raw", "0.41", "must not be above")]
    public async Task Save_ThresholdsOutOfOrder_AreRefusedAndTheTypedValueKept(string parameter, string value, string message)
    {
        var client = await _app.CreateAdminClientAsync();
        var editor = await client.GetDocumentAsync("/admin/rules");
        var name = AdminRules.ParameterField(editor, parameter);

        using var response = await AdminRules.SaveAsync(client, new Dictionary<(string, string), string>(),
            new Dictionary<string, string> { [parameter] = value }, editor);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var input = page.QuerySelector($"[name='{name}']")!;
        Assert.Equal(value, input.GetAttribute("value"));
        Assert.Contains(message, page.QuerySelector($"#{input.Id}-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await AdminRules.QueryAsync(_app, async db => (await db.RuleSetDrafts.SingleAsync()).Json));
    }

    [Fact]
    public async Task Save_ValidEdits_BecomeTheDraftWhilePublishedVersionStaysActive()
    {
        var client = await _app.CreateAdminClientAsync();

        using var response = await AdminRules.SaveAsync(client, new Dictionary<(string, string), string>
        {
            [("domain-specialized", "Weight")] = "12.5",
            [("domain-specialized", "Effect")] = "oppose",
            [("domain-specialized", "Signal")] = "",
            [("domain-specialized", "Enabled")] = "false",
            [("domain-general", "Message")] = "A new message.",
        }, new Dictionary<string, string> { ["pilot_examples"] = "800" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/rules", response.Headers.Location!.OriginalString);
        var draft = await AdminRules.DraftAsync(_app);
        var rule = draft.Rules.Single(r => r.Id == "domain-specialized");
        Assert.Equal(12.5, rule.Weight);
        Assert.Equal(Scoring.RuleSets.RuleEffect.Oppose, rule.Effect);
        Assert.Null(rule.Signal);
        Assert.False(rule.Enabled);
        Assert.Equal("A new message.", draft.Rules.Single(r => r.Id == "domain-general").Message);
        Assert.Equal(800, draft.Number("pilot_examples"));
        // Conditions and everything else the editor does not show are kept exactly.
        Assert.Equal(Scoring.RuleSets.RuleSetLoader.LoadDefault().Rules.Select(r => r.When.ToString()), draft.Rules.Select(r => r.When.ToString()));
        Assert.Equal(1, await AdminRules.QueryAsync(_app, db => db.RuleSetVersions.CountAsync()));

        var page = await client.GetDocumentAsync("/admin/rules");
        Assert.Equal("12.5", page.QuerySelector($"[name='{AdminRules.FieldOf(page, "domain-specialized", "Weight")}']")!.GetAttribute("value"));
        Assert.Contains("Draft saved", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_StaleConcurrencyToken_IsAConflictThatSaysWhoSavedAndLosesNothing()
    {
        var first = await _app.CreateAdminClientAsync("first@example.test");
        var second = await _app.CreateAdminClientAsync("second@example.test");
        var firstEditor = await first.GetDocumentAsync("/admin/rules");
        using (var saved = await AdminRules.SaveAsync(second, new Dictionary<(string, string), string> { [("domain-specialized", "Weight")] = "12" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var stale = await AdminRules.SaveAsync(first, new Dictionary<(string, string), string>
        {
            [("domain-specialized", "Weight")] = "20",
            [("domain-general", "Message")] = "Typed by the first admin.",
        }, editor: firstEditor);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await stale.ReadDocumentAsync();
        var summary = page.QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("Not saved", summary, StringComparison.Ordinal);
        Assert.Contains("saved the draft", summary, StringComparison.Ordinal);
        var weight = page.QuerySelector($"[name='{AdminRules.FieldOf(page, "domain-specialized", "Weight")}']")!;
        Assert.Equal("20", weight.GetAttribute("value"));
        Assert.Contains("Saved meanwhile: 12", weight.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Typed by the first admin.", page.QuerySelector($"[name='{AdminRules.FieldOf(page, "domain-general", "Message")}']")!.TextContent);
        Assert.Equal(12, (await AdminRules.DraftAsync(_app)).Rules.Single(r => r.Id == "domain-specialized").Weight);

        // Saving again from the conflict page is a deliberate overwrite.
        using var again = await first.SubmitAsync(page, "Save draft");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var draft = await AdminRules.DraftAsync(_app);
        Assert.Equal(20, draft.Rules.Single(r => r.Id == "domain-specialized").Weight);
        Assert.Equal("Typed by the first admin.", draft.Rules.Single(r => r.Id == "domain-general").Message);
    }

    [Fact]
    public async Task Discard_Draft_ShowsThePublishedVersionAgain()
    {
        var client = await _app.CreateAdminClientAsync();
        using (await AdminRules.SaveAsync(client, new Dictionary<(string, string), string> { [("domain-specialized", "Weight")] = "3" }))
        {
        }

        var editor = await client.GetDocumentAsync("/admin/rules");
        using var response = await client.SubmitAsync(editor, "Discard draft");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await AdminRules.QueryAsync(_app, async db => (await db.RuleSetDrafts.SingleAsync()).Json));
        var page = await client.GetDocumentAsync("/admin/rules");
        Assert.Equal("8", page.QuerySelector($"[name='{AdminRules.FieldOf(page, "domain-specialized", "Weight")}']")!.GetAttribute("value"));
    }

    /// <summary>Issue 10, item 9: saving and discarding the draft are audited with who did it and what changed.</summary>
    [Fact]
    public async Task SaveAndDiscard_Draft_AreAuditedWithActorAndChange()
    {
        var client = await _app.CreateAdminClientAsync();
        using (var saved = await AdminRules.SaveAsync(client, new Dictionary<(string, string), string> { [("domain-specialized", "Weight")] = "3" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var discarded = await client.SubmitAsync(await client.GetDocumentAsync("/admin/rules"), "Discard draft"))
        {
            Assert.Equal(HttpStatusCode.Redirect, discarded.StatusCode);
        }

        var entries = await AdminRules.QueryAsync(_app, db => db.AuditEntries.Where(e => e.Action.StartsWith("rules.draft.")).OrderBy(e => e.Id).ToListAsync());
        Assert.Collection(entries,
            save =>
            {
                Assert.Equal(Web.Data.AuditActions.RulesDraftSave, save.Action);
                Assert.Equal("Saved the rule-set draft", save.Summary);
                Assert.Contains("rule domain-specialized weight: 8 → 3", save.Diff, StringComparison.Ordinal);
            },
            discard =>
            {
                Assert.Equal(Web.Data.AuditActions.RulesDraftDiscard, discard.Action);
                Assert.Equal("Discarded the rule-set draft", discard.Summary);
                Assert.Contains("rule domain-specialized weight: 3 → 8", discard.Diff, StringComparison.Ordinal);
            });
        Assert.All(entries, e => Assert.Equal(entries[0].Actor, e.Actor));
        Assert.NotEqual("system", entries[0].Actor);
    }
}
