namespace FineTuneAdvisor.Web.Tests.Infrastructure;

/// <summary>Patterns that must never come back into the source, whatever a review misses (checklist C01, C26, C11).</summary>
public sealed class SourceScanTests
{
    private static readonly string Src = Path.Combine(RepositoryRoot(), "src");

    [Fact]
    public void Views_NeverWriteUnencodedMarkup()
    {
        var hits = Find("*.cshtml", "Html.Raw", "HtmlString");

        Assert.Empty(hits);
    }

    [Fact]
    public void IgnoreAntiforgeryToken_OnlyOnTheErrorPage()
    {
        var allowed = Path.Combine("FineTuneAdvisor.Web", "Pages", "Error.cshtml.cs");

        var hits = Find("*.cs", "IgnoreAntiforgeryToken").Concat(Find("*.cshtml", "IgnoreAntiforgeryToken"))
            .Where(hit => !hit.StartsWith(allowed + ":", StringComparison.Ordinal));

        Assert.Empty(hits);
    }

    /// <summary>The other ways to switch antiforgery off: per form tag, per endpoint. None is used anywhere.</summary>
    [Fact]
    public void Antiforgery_IsNeverSwitchedOffOnAFormOrEndpoint()
    {
        var hits = Find("*.cshtml", "asp-antiforgery=\"false\"", "asp-antiforgery='false'")
            .Concat(Find("*.cs", "DisableAntiforgery", "RequireAntiforgeryTokenAttribute(false", "[RequireAntiforgeryToken(false"));

        Assert.Empty(hits);
    }

    [Fact]
    public void Source_NeverUsesSystemRandomOrGuidsForSecrets()
    {
        var hits = Find("*.cs", "new Random(", "Random.Shared", "Guid.NewGuid");

        Assert.Empty(hits);
    }

    /// <summary>Every URL of an assessment comes from Links (the route table): none is put together from strings.</summary>
    [Fact]
    public void AssessmentUrls_AreNeverBuiltFromStrings()
    {
        var hits = Find("*.cs", "$\"/a/", "\"/a/\" +", "$\"/manage/", "$\"/assess/resume/", "\"/compare?", "$\"/compare?", "$\"/api/assessments/")
            .Concat(Find("*.cshtml", "/a/@", "/manage/@", "/compare?a=@", "/export."));

        Assert.Empty(hits);
    }

    /// <summary>no-store and noindex are decided in one place, SecurityHeaders, for every answer.</summary>
    [Fact]
    public void CachingAndIndexingHeaders_AreSetOnlyBySecurityHeaders()
    {
        var allowed = Path.Combine("FineTuneAdvisor.Web", "Infrastructure", "SecurityHeaders.cs");

        var hits = Find("*.cs", "ResponseCache", "CacheControl", "X-Robots-Tag", "no-store").Concat(Find("*.cshtml", "ResponseCache"))
            .Where(hit => !hit.StartsWith(allowed + ":", StringComparison.Ordinal));

        Assert.Empty(hits);
    }

    /// <summary>Success is said with [TempData] StatusMessage after a redirect, never with a flag in the address.</summary>
    [Fact]
    public void Pages_NeverCarryMessagesInTheQueryString()
    {
        var hits = Find("*.cs", "?done=", "?changed=", "?signedOut=", "?published=").Concat(Find("*.cshtml", "?done=", "Model.Done"));

        Assert.Empty(hits);
    }

    [Fact]
    public void Scan_FindsTheSourceTree()
    {
        Assert.True(File.Exists(Path.Combine(Src, "FineTuneAdvisor.Web", "Program.cs")));
        Assert.NotEmpty(Directory.EnumerateFiles(Src, "*.cshtml", SearchOption.AllDirectories));
        Assert.NotEmpty(Find("*.cs", "IgnoreAntiforgeryToken"));
    }

    /// <summary>"relative/path:line" for every line of a source file (bin and obj skipped) containing one of the needles.</summary>
    private static IEnumerable<string> Find(string pattern, params string[] needles) =>
        from file in Directory.EnumerateFiles(Src, pattern, SearchOption.AllDirectories)
        let relative = Path.GetRelativePath(Src, file)
        where !relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")
        from line in File.ReadLines(file).Select((text, index) => (text, number: index + 1))
        where needles.Any(n => line.text.Contains(n, StringComparison.Ordinal))
        select $"{relative}:{line.number}: {line.text.Trim()}";

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FineTuneAdvisor.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No FineTuneAdvisor.sln above {AppContext.BaseDirectory}.");
    }
}
