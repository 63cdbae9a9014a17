using FineTuneAdvisor.Browser.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FineTuneAdvisor.Browser.Tests.Pages.Data;

/// <summary>The training-data page, <c>/data</c> (Pages/Data/Index.cshtml), and the report it leads to.</summary>
public sealed class DataPage(BrowserSession session)
{
    private IPage Page => session.Page;

    public ILocator Heading => Page.Locator("main h1");

    public ILocator Suggestions => Page.Locator(".suggestion");

    public static async Task<DataPage> OpenAsync(BrowserSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        await session.Page.GotoAsync("/data");
        await Expect(session.Page.Locator("main h1")).ToHaveTextAsync("Measure your training data");
        await session.AuditAsync("data");
        return new DataPage(session);
    }

    public async Task UploadAsync(string fileName, byte[] content)
    {
        await Page.GetByLabel("A sample file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/jsonl", Buffer = content });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Analyse the sample" }).ClickAsync();
    }

    public async Task PasteAsync(string text)
    {
        await Page.GetByLabel("Or paste a few examples").FillAsync(text);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Analyse the sample" }).ClickAsync();
    }

    public async Task ExpectReportAsync()
    {
        await Expect(Heading).ToHaveTextAsync("Your training data, measured");
        await session.AuditAsync("data report");
    }
}
