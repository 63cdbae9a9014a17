using FineTuneAdvisor.Browser.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Pages.Admin.Catalogue;

/// <summary>The provider-catalogue editor (/admin/catalogue) and its publish page.</summary>
public sealed class CataloguePage(BrowserSession session)
{
    public static readonly AdminScreenKind Editor = new("/admin/catalogue", "Provider catalogue", "admin catalogue");
    public static readonly AdminScreenKind Publish = new("/admin/catalogue/publish", "Publish the provider catalogue", "admin catalogue publish");
    public static readonly AdminScreenKind Versions = new("/admin/catalogue/versions", "Provider-catalogue versions", "admin catalogue versions");
    public static readonly AdminScreenKind Import = new("/admin/catalogue/import", "Import a provider catalogue", "admin catalogue import");

    private IPage Page => session.Page;

    public ILocator StaleWarning => Page.Locator(".catalogue-stale");

    public ILocator ErrorSummary => Page.Locator("#error-summary");

    public ILocator Changes => Page.Locator(".catalogue-diff li");

    /// <summary>One model's collapsible block, by the name in its summary.</summary>
    public ILocator Model(string name) => Page.Locator("details.cat-model").Filter(new() { Has = Page.Locator(".cat-model-name", new() { HasTextString = name }) });

    /// <summary>A field of one model by its label, e.g. "Fine-tuned input, $ per million".</summary>
    public ILocator Field(string model, string label) => Model(model).GetByLabel(label, new() { Exact = true });

    public async Task OpenModelAsync(string name)
    {
        var details = Model(name);
        if (await details.GetAttributeAsync("open") is null)
        {
            await details.Locator("summary").ClickAsync();
        }
    }

    public async Task SaveDraftAsync(string state = "")
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save draft", Exact = true }).ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.Load);
        await AdminScreen.ExpectAsync(session, Editor, state);
    }

    public async Task<CataloguePage> OpenPublishAsync()
    {
        await Page.Locator("main .admin-links").GetByRole(AriaRole.Link, new() { NameString = "and publish" }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == Publish.Path);
        await AdminScreen.ExpectAsync(session, Publish);
        return this;
    }

    public async Task PublishAsync(int version)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Publish as version {version}", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == Versions.Path);
        var screen = await AdminScreen.ExpectAsync(session, Versions);
        await Expect(screen.Notice).ToContainTextAsync($"Published provider-catalogue version {version}");
    }

    /// <summary>
    /// The elements that push the page wider than the viewport (those sticking out while none of their children does).
    /// Empty when nothing scrolls sideways.
    /// </summary>
    public Task<string[]> SidewaysOverflowAsync() => Page.EvaluateAsync<string[]>("""
        () => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return [];
            const sticksOut = e => e.getBoundingClientRect().right > width + 1;
            const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
                (typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "");
            const causes = [...document.querySelectorAll("body *")]
                .filter(e => !(e instanceof SVGElement) && sticksOut(e) && ![...e.children].some(sticksOut))
                .map(e => name(e) + " right=" + Math.round(e.getBoundingClientRect().right) + "px");
            return [...new Set(causes)].slice(0, 10);
        }
        """);
}
