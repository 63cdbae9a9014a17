using System.Globalization;
using System.Text.Json.Nodes;
using FineTuneAdvisor.Browser.Tests.Pages;
using FineTuneAdvisor.Browser.Tests.Pages.Admin;
using FineTuneAdvisor.Browser.Tests.Pages.Admin.Rules;
using FineTuneAdvisor.Browser.Tests.Support;
using FineTuneAdvisor.Scoring.Evaluation;
using FineTuneAdvisor.Scoring.Questionnaire;
using FineTuneAdvisor.Scoring.RuleSets;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Journeys;

/// <summary>
/// Issue 4's acceptance in a real browser: an admin signs in, changes a weight, previews, publishes, and the next
/// questionnaire's result reflects it. Every admin screen is audited (console, CSP, network, axe-core).
/// </summary>
public sealed class AdminTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    /// <summary>A strong passphrase (not the one the HTTP tests use), made through the app's Identity services.</summary>
    private const string Passphrase = "copper kettles whistle over the frozen harbour";

    /// <summary>The rule the admin edits: prompting was tried and falls short, which strengthens the case for fine-tuning.</summary>
    private const string RuleId = "prompting-insufficient";

    [Fact]
    public async Task Admin_RaisesAWeightPreviewsAndPublishes_NextQuestionnaireResultReflectsIt()
    {
        const string email = "rules-admin@example.test";
        await browser.EnsureAdminAsync(email, Passphrase);

        // The expectation comes from the rule set the app runs: raise the rule's weight just enough to lift the case for
        // fine-tuning of these answers over the bar (scores follow a curve, so the weights are tried in turn).
        var published = browser.ActiveRuleSet;
        var answers = Borderline();
        var rule = published.Rules.Single(r => r.Id == RuleId);
        var before = Evaluate(answers, published);
        Assert.Contains(before.FiredRules, r => r.Id == RuleId);
        Assert.True(before.CaseScore < published.Number(RequiredParameters.CaseMinScore), $"The case ({before.CaseScore}) is already over the bar.");
        var newWeight = Enumerable.Range((int)Math.Floor(rule.Weight) + 1, (int)RuleSet.MaxWeight - (int)Math.Floor(rule.Weight))
            .Select(w => (double)w)
            .FirstOrDefault(w => Evaluate(answers, WithWeight(published, RuleId, w)).Verdict == Verdict.FineTune);
        Assert.InRange(newWeight, rule.Weight + 1, RuleSet.MaxWeight);
        var draft = WithWeight(published, RuleId, newWeight);
        var after = Evaluate(answers, draft);
        Assert.Equal((Verdict.PromptEngineering, Verdict.FineTune), (before.Verdict, after.Verdict));

        // Stored assessments for the preview to score: these answers (the verdict moves) and the strong case (it does not).
        Dictionary<string, string>[] stored = [answers, Answers.StrongCase()];
        foreach (var answerSet in stored)
        {
            await browser.CreateAssessmentAsync(answerSet);
        }

        var moved = stored.Where(a => Evaluate(a, published).Verdict != Evaluate(a, draft).Verdict).ToList();
        Assert.Single(moved);
        var meanShift = stored.Average(a => Evaluate(a, draft).ReadinessScore - Evaluate(a, published).ReadinessScore);

        await using var admin = await browser.NewSessionAsync();
        var signIn = await SignInPage.OpenAsync(admin);
        var overview = await signIn.SignInAsync(email, Passphrase);
        await ExpectAdminCookieAsync(admin);

        await overview.FollowNavigationAsync("Rules", AdminScreen.Rules);
        var editor = await new RuleEditorPage(admin).ShowRuleAsync(RuleId);
        await Expect(editor.Weight(RuleId)).ToHaveValueAsync(Number(rule.Weight));
        await editor.SetWeightAsync(RuleId, newWeight);
        editor = await editor.SaveDraftAsync();
        await Expect(editor.Weight(RuleId)).ToHaveValueAsync(Number(newWeight));

        var preview = await editor.OpenPreviewAsync();
        await Expect(preview.Changes).ToHaveTextAsync([$"rule {RuleId} weight: {Number(rule.Weight)} → {Number(newWeight)}"]);
        await Expect(preview.ChangedCount).ToHaveTextAsync(moved.Count.ToString(CultureInfo.InvariantCulture));
        await Expect(preview.AssessedCount).ToHaveTextAsync(stored.Length.ToString(CultureInfo.InvariantCulture));
        await Expect(preview.ImpactSummary).ToContainTextAsync($"Mean readiness shift: {meanShift.ToString("+0.0;-0.0;0", CultureInfo.InvariantCulture)} points.");
        await Expect(preview.Transitions).ToHaveCountAsync(1);
        await Expect(preview.Transitions.Locator("td")).ToHaveTextAsync(
            [Verdicts.Of(before.Verdict).Headline, Verdicts.Of(after.Verdict).Headline, moved.Count.ToString(CultureInfo.InvariantCulture)]);
        Written(await Screenshots.CaptureAsync(admin.Page, "admin-preview"));

        var versions = await preview.PublishAsync(published.Version + 1);
        Assert.Equal(published.Version + 1, browser.ActiveRuleSet.Version);

        await versions.FollowNavigationAsync("Audit log", AdminScreen.AuditLog);
        var newest = admin.Page.Locator("tr.audit-entry").First;
        await Expect(newest).ToHaveAttributeAsync("data-action", AuditActions.RulesPublish);
        await Expect(newest).ToContainTextAsync(email);
        await Expect(newest).ToContainTextAsync($"Published rule set version {published.Version + 1}");

        // Someone else, not signed in, answers the questionnaire now: the new weight is what scores it.
        await using var visitor = await browser.NewSessionAsync(runAxe: false);
        var step = await (await LandingPage.OpenAsync(visitor)).StartAssessmentAsync();
        var review = await step.AnswerRemainingStepsAsync(answers);
        var result = await review.SeeResultAsync();
        await Expect(result.Verdict).ToHaveTextAsync(Verdicts.Of(after.Verdict).Headline);
        await Expect(result.ReadinessScore).ToHaveTextAsync(after.ReadinessScore.ToString(CultureInfo.InvariantCulture));
        await Expect(result.FiredRuleCells(RuleId)).ToHaveTextAsync(
            [RuleId, FineTuneAdvisor.Web.Pages.Results.ResultView.CriterionName(rule.Criterion), "support", Number(newWeight), "+" + Number(after.FiredRules.Single(r => r.Id == RuleId).Contribution)]);
        await Expect(result.ScoredWith).ToContainTextAsync($"scored with rule set version {published.Version + 1}.");

        admin.WriteAxeNotes(output);
        admin.AssertNoProblems();
        visitor.AssertNoProblems();
    }

    [Fact]
    public async Task AdminArea_SignInErrorAndTheOtherScreens_PassTheAudit()
    {
        const string email = "screens-admin@example.test";
        await browser.EnsureAdminAsync(email, Passphrase);
        await using var session = await browser.NewSessionAsync();

        var signIn = await SignInPage.OpenAsync(session);
        signIn = await signIn.SignInExpectingErrorAsync(email, "not the passphrase of this account");
        Written(await Screenshots.CaptureAsync(session.Page, "admin-signin-error"));
        var overview = await signIn.SignInAsync(email, Passphrase);

        await overview.FollowNavigationAsync("Accounts", AdminScreen.Accounts);
        await overview.FollowNavigationAsync("Password", AdminScreen.Password);
        await overview.FollowNavigationAsync("Audit log", AdminScreen.AuditLog);
        await overview.FollowNavigationAsync("Rules", AdminScreen.Rules);
        await session.Page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).ClickAsync();
        await AdminScreen.ExpectAsync(session, AdminScreen.Import);
        await AdminScreen.OpenAsync(session, AdminScreen.Versions);
        await AdminScreen.OpenAsync(session, AdminScreen.Preview);

        session.WriteAxeNotes(output);
        session.AssertNoProblems();
    }

    [Fact]
    public async Task RuleEditor_TabbingThroughEveryField_NoneHidesUnderTheSaveBar()
    {
        const string email = "keyboard-admin@example.test";
        await browser.EnsureAdminAsync(email, Passphrase);
        await using var session = await browser.NewSessionAsync(runAxe: false);
        var overview = await (await SignInPage.OpenAsync(session)).SignInAsync(email, Passphrase);
        await overview.FollowNavigationAsync("Rules", AdminScreen.Rules);

        var covered = await new RuleEditorPage(session).FieldsUnderTheSaveBarWhileTabbingAsync();

        Assert.True(covered.Count == 0,
            $"{covered.Count} field(s) got keyboard focus under the Save bar (WCAG 2.4.11 Focus Not Obscured):{Environment.NewLine}" +
            string.Join(Environment.NewLine, covered.Take(10)));
        session.AssertNoProblems();
    }

    /// <summary>
    /// A general-purpose assistant with enough curated examples and a team that can run it, whose case for fine-tuning
    /// (general subject matter, free-form output) falls just short of worth it: prompt engineering, with nothing else in the way.
    /// </summary>
    private static Dictionary<string, string> Borderline() => new(StringComparer.Ordinal)
    {
        ["use_case_summary"] = "Draft replies to supplier emails in our house style.",
        ["domain"] = "general",
        ["output_requirements"] = "free_form",
        ["prompting_status"] = "insufficient",
        ["knowledge_vs_behavior"] = "behavior",
        ["prompt_efficiency_need"] = "low",
        ["request_volume"] = "medium",
        ["example_count"] = "12000",
        ["data_quality"] = "curated",
        ["data_variety"] = "moderate",
        ["has_eval_set"] = "true",
        ["change_frequency"] = "quarterly",
        ["data_sensitivity"] = "internal",
        ["data_rights"] = "confirmed",
        ["bias_risk"] = "low",
        ["bias_mitigation"] = "none",
        ["budget"] = "moderate",
        ["ml_expertise"] = "some",
        ["maintenance_capacity"] = "occasional",
        ["model_hosting"] = "hosted_api",
    };

    private static AssessmentResult Evaluate(IReadOnlyDictionary<string, string> answers, RuleSet ruleSet) =>
        RulesEngine.Evaluate(new AnswerSet(answers), ruleSet);

    /// <summary>The same rule set with one rule's weight changed, as the editor would save it.</summary>
    private static RuleSet WithWeight(RuleSet ruleSet, string ruleId, double weight)
    {
        var json = JsonNode.Parse(ruleSet.Json)!;
        var target = json["rules"]!.AsArray().Single(r => (string?)r!["id"] == ruleId)!;
        target["weight"] = weight;
        return RuleSetLoader.LoadOrThrow(json.ToJsonString());
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// The admin cookie is <c>__Host-</c> prefixed and Secure; Chromium keeps it over plain http because 127.0.0.1
    /// counts as a secure origin, so the browser tests need no https.
    /// </summary>
    private static async Task ExpectAdminCookieAsync(BrowserSession session)
    {
        var cookies = await session.Context.CookiesAsync();
        var cookie = Assert.Single(cookies, c => c.Name == AdminSessions.CookieName);
        Assert.True(cookie is { Secure: true, HttpOnly: true, SameSite: SameSiteAttribute.Strict, Path: "/" },
            $"{cookie.Name}: Secure={cookie.Secure} HttpOnly={cookie.HttpOnly} SameSite={cookie.SameSite} Path={cookie.Path}");
    }

    private void Written(string? path) => output.WriteLine(path is null
        ? $"Screenshot rendered, not written ({Screenshots.DirectoryVariable} is not set)."
        : $"Screenshot: {path}");
}
