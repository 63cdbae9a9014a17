using System.Text.RegularExpressions;
using FineTuneAdvisor.Browser.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Pages.Admin.Rules;

/// <summary>
/// What publishing the draft would change, <c>/admin/rules/preview</c> (Pages/Admin/Rules/Preview.cshtml): the
/// changes line by line, the impact on stored assessments, and the Publish button.
/// </summary>
public sealed class PreviewPage(BrowserSession session)
{
    /// <summary>One line per change, e.g. "rule data-curated weight: 5 → 6".</summary>
    public ILocator Changes => Page.Locator(Selectors.Changes);

    /// <summary>"<b>1</b> of <span>2</span> verdicts would change": the two counts.</summary>
    public ILocator ChangedCount => Page.Locator(Selectors.ChangedCount);

    public ILocator AssessedCount => Page.Locator(Selectors.AssessedCount);

    public ILocator ImpactSummary => Page.Locator(Selectors.ImpactSummary);

    /// <summary>Rows of the "Verdict changes" table: from, to, how many assessments.</summary>
    public ILocator Transitions => Page.Locator(Selectors.Transitions);

    private IPage Page => session.Page;

    public static async Task<PreviewPage> ExpectAsync(BrowserSession session)
    {
        await AdminScreen.ExpectAsync(session, AdminScreen.Preview);
        return new PreviewPage(session);
    }

    /// <summary>Presses "Publish as version N": the versions page says version N is published and active.</summary>
    public async Task<AdminScreen> PublishAsync(int version)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Publish as version {version}", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == AdminScreen.Versions.Path);
        var versions = await AdminScreen.ExpectAsync(session, AdminScreen.Versions, " (published)");
        await Expect(versions.Notice).ToHaveTextAsync($"Published version {version}. New assessments use it from now on.");
        await Expect(Page.Locator(Selectors.ActiveVersion)).ToHaveTextAsync(new Regex($@"^\s*{version}\s+active\s*$"));
        return versions;
    }

    private static class Selectors
    {
        public const string Changes = "ul.diff-lines > li";
        public const string ChangedCount = ".impact-summary .impact-changed";
        public const string AssessedCount = ".impact-summary .impact-assessed";
        public const string ImpactSummary = ".impact-summary";
        public const string Transitions = "table.transitions tbody tr";
        public const string ActiveVersion = "table.versions tr.version-active td.num";
    }
}
