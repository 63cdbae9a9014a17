using System.Text.RegularExpressions;
using FineTuneAdvisor.Browser.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Pages.Results;

/// <summary>A saved assessment at its share link, <c>/a/{token}</c> (Pages/Results/Show.cshtml).</summary>
public sealed partial class ResultPage(BrowserSession session)
{
    public ILocator Verdict => Page.Locator(Selectors.Verdict);

    public ILocator Chart => Page.Locator(Selectors.Chart);

    public ILocator ChartBars => Page.Locator(Selectors.ChartBars);

    /// <summary>Every step of the plan, "Remove first" then "Then".</summary>
    public ILocator PlanSteps => Page.Locator(Selectors.PlanSteps);

    public ILocator RemoveFirstSteps => Page.Locator(Selectors.RemoveFirstSteps);

    public ILocator ThenSteps => Page.Locator(Selectors.ThenSteps);

    /// <summary>"Nothing blocks this plan." when "Remove first" is empty.</summary>
    public ILocator NothingFirst => Page.Locator(Selectors.NothingFirst);

    /// <summary>high, medium or low.</summary>
    public ILocator ConfidenceLevel => Page.Locator(Selectors.ConfidenceLevel);

    public ILocator ConfidenceReasons => Page.Locator(Selectors.ConfidenceReasons);

    /// <summary>The single-answer changes that would change the verdict.</summary>
    public ILocator Hinges => Page.Locator(Selectors.Hinges);

    public ILocator UseCase => Page.Locator(Selectors.UseCase);

    public ILocator CopyLinkButton => Page.Locator(Selectors.CopyLinkButton);

    public ILocator PrintButton => Page.Locator(Selectors.PrintButton);

    public ILocator ShareUrl => Page.Locator(Selectors.ShareUrl);

    public ILocator ReadinessScore => Page.Locator(Selectors.ReadinessScore);

    /// <summary>"Saved …, scored with rule set version N."</summary>
    public ILocator ScoredWith => Page.Locator(Selectors.ScoredWith);

    /// <summary>The cells of a rule's row in "Every rule that fired": rule, criterion, effect, weight, contribution.</summary>
    public ILocator FiredRuleCells(string ruleId) => Page.Locator(Selectors.FiredRuleRow(ruleId)).Locator("td");

    private IPage Page => session.Page;

    public static bool IsResultUrl(string url) => ResultPath().IsMatch(new Uri(url).AbsolutePath);

    public static async Task<ResultPage> OpenAsync(BrowserSession session, string token)
    {
        ArgumentNullException.ThrowIfNull(session);
        await session.Page.GotoAsync($"/a/{token}");
        return await ExpectAsync(session);
    }

    public static async Task<ResultPage> ExpectAsync(BrowserSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        await Expect(session.Page.Locator(Selectors.Article)).ToBeVisibleAsync();
        await session.AuditAsync("result");
        return new ResultPage(session);
    }

    /// <summary>The chart is an accessible image with one bar per criterion that is not neutral, and the plan is listed.</summary>
    public async Task ExpectChartAndPlanAsync()
    {
        await Expect(Chart).ToBeVisibleAsync();
        await Expect(Chart).ToHaveAttributeAsync("role", "img");
        await Expect(Chart).ToHaveAccessibleNameAsync(new Regex("^Score per criterion"));
        Assert.True(await ChartBars.CountAsync() > 0, "The chart draws no bar.");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "The plan" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Remove first" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Then", Exact = true })).ToBeVisibleAsync();
        Assert.True(await PlanSteps.CountAsync() > 0, "No step of the plan is listed.");
    }

    [GeneratedRegex("^/a/[A-Za-z0-9_-]{43}$")]
    private static partial Regex ResultPath();

    private static class Selectors
    {
        public const string Article = "article.result";
        public const string Verdict = ".result-header h1";
        public const string Chart = "svg.criteria-chart";
        public const string ChartBars = "svg.criteria-chart rect.chart-bar";
        public const string PlanSteps = "section.plan ol > li";
        public const string RemoveFirstSteps = "ol.plan-remove-first > li .step-text";
        public const string ThenSteps = "ol.plan-then > li .step-text";
        public const string NothingFirst = "section.plan .plan-nothing-first";
        public const string ConfidenceLevel = ".confidence-level strong";
        public const string ConfidenceReasons = "ul.confidence-reasons > li";
        public const string Hinges = "ul.hinge-list > li";
        public const string UseCase = "blockquote.use-case";
        public const string CopyLinkButton = "button[data-copy='share-url']";
        public const string PrintButton = "button[data-print]";
        public const string ShareUrl = "#share-url";
        public const string ReadinessScore = ".result-header .score-number";
        public const string ScoredWith = "section.assessed p.muted";

        public static string FiredRuleRow(string ruleId) => $"table.fired-rules tbody tr:has(> td:first-child > code:text-is('{ruleId}'))";
    }
}
