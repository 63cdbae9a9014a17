using System.Globalization;
using FineTuneAdvisor.Browser.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Pages.Admin.Rules;

/// <summary>The rule-set editor, <c>/admin/rules</c> (Pages/Admin/Rules/Index.cshtml): thresholds, then every rule by criterion.</summary>
public sealed class RuleEditorPage(BrowserSession session)
{
    public ILocator Notice => Page.Locator(Selectors.Notice);

    private IPage Page => session.Page;

    public static async Task<RuleEditorPage> ExpectAsync(BrowserSession session, string state = "")
    {
        await AdminScreen.ExpectAsync(session, AdminScreen.Rules, state);
        return new RuleEditorPage(session);
    }

    /// <summary>A rule's weight field, found the way a screen reader announces it ("Weight of rule data-curated").</summary>
    public ILocator Weight(string ruleId) => Page.GetByLabel($"Weight of rule {ruleId}", new() { Exact = true });

    /// <summary>Filters the rules by id, as an admin would to find one: its group opens and the rule shows.</summary>
    public async Task<RuleEditorPage> ShowRuleAsync(string ruleId)
    {
        await Page.GetByLabel(Selectors.FilterLabel, new() { Exact = true }).FillAsync(ruleId);
        await Page.GetByRole(AriaRole.Button, new() { Name = Selectors.FilterButtonName, Exact = true }).ClickAsync();
        await Expect(Weight(ruleId)).ToBeVisibleAsync();
        return this;
    }

    public async Task SetWeightAsync(string ruleId, double weight) =>
        await Weight(ruleId).FillAsync(weight.ToString(CultureInfo.InvariantCulture));

    /// <summary>Presses Save draft: the editor comes back saying nothing changes for users until it is published.</summary>
    public async Task<RuleEditorPage> SaveDraftAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = Selectors.SaveButtonName, Exact = true }).ClickAsync();
        await Expect(Notice).ToHaveTextAsync(Selectors.SavedNotice);
        var saved = await ExpectAsync(session, " (draft saved)");
        await Expect(saved.Notice).ToHaveTextAsync(Selectors.SavedNotice);
        return saved;
    }

    public async Task<PreviewPage> OpenPreviewAsync()
    {
        await Page.Locator(Selectors.Main).GetByRole(AriaRole.Link, new() { Name = Selectors.PreviewLinkName, Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == AdminScreen.Preview.Path);
        return await PreviewPage.ExpectAsync(session);
    }

    /// <summary>
    /// Tabs from the first field through the whole editor, as a keyboard user does, and names every focused field the
    /// Save bar covers, even partly (WCAG 2.4.11 Focus Not Obscured), e.g. <c>Input_Rules_1__Effect 844-863px</c>.
    /// </summary>
    public async Task<IReadOnlyList<string>> FieldsUnderTheSaveBarWhileTabbingAsync()
    {
        var fields = Page.Locator(Selectors.Fields);
        var count = await fields.CountAsync();
        Assert.True(count > 0, "The editor shows no field.");
        await fields.First.FocusAsync();
        var covered = new List<string>();
        for (var i = 0; i <= count; i++)
        {
            var state = await Page.EvaluateAsync<string>(CoveredByTheBar);
            if (state == InTheBar)
            {
                return covered;
            }

            if (state.Length > 0)
            {
                covered.Add(state);
            }

            await Page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tabbing {count} times through the editor never reached the Save bar.");
        return covered;
    }

    private const string InTheBar = "in the bar";

    /// <summary>"" when the focused field is clear of the bar, "in the bar" once focus reaches it, else the field and where it is.</summary>
    private const string CoveredByTheBar = """
        () => {
            const field = document.activeElement, bar = document.querySelector(".editor-actions");
            if (!field || bar.contains(field)) return "in the bar";
            const f = field.getBoundingClientRect(), b = bar.getBoundingClientRect();
            return f.bottom > b.top && f.top < b.bottom
                ? field.id + " " + Math.round(f.top) + "-" + Math.round(f.bottom) + "px, bar from " + Math.round(b.top) + "px"
                : "";
        }
        """;

    private static class Selectors
    {
        public const string Fields = "form.rules-editor :is(input:not([type=hidden]), select, textarea)";
        public const string Main = "main";
        public const string Notice = "main .notice[role=status]";
        public const string SaveButtonName = "Save draft";
        public const string SavedNotice = "Draft saved. Nothing changes for users until it is published.";
        public const string PreviewLinkName = "Preview the impact and publish";
        public const string FilterLabel = "Filter rules";
        public const string FilterButtonName = "Filter";
    }
}
