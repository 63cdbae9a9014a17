using Microsoft.Playwright;

namespace FineTuneAdvisor.Browser.Tests.Support;

/// <summary>
/// Full-page screenshots for people to look at. Always rendered (so a broken render still fails), written only when
/// the <c>SCREENSHOTS_DIR</c> environment variable names a folder, e.g. <c>artifacts/screenshots</c> (gitignored).
/// </summary>
public static class Screenshots
{
    public const string DirectoryVariable = "SCREENSHOTS_DIR";

    /// <summary>Returns the file written, or null when no folder is configured.</summary>
    public static async Task<string?> CaptureAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return await WriteAsync(png, name);
    }

    /// <summary>One element (a timeline, a group of fields) rather than the whole page.</summary>
    public static async Task<string?> CaptureElementAsync(ILocator element, string name)
    {
        ArgumentNullException.ThrowIfNull(element);
        return await WriteAsync(await element.ScreenshotAsync(new LocatorScreenshotOptions { Animations = ScreenshotAnimations.Disabled }), name);
    }

    private static async Task<string?> WriteAsync(byte[] png, string name)
    {
        Assert.True(png.Length > 1_000, $"The screenshot '{name}' is empty.");
        var directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrWhiteSpace(directory))
        {
            return null;
        }

        Directory.CreateDirectory(directory);
        var path = Path.GetFullPath(Path.Combine(directory, $"{name}.png"));
        await File.WriteAllBytesAsync(path, png);
        return path;
    }
}
