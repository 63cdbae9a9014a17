using System.Text.RegularExpressions;

namespace FineTuneAdvisor.Scoring.Tests.Support;

/// <summary>
/// The sections of "Choose Your Words Carefully" (shared/seed/choose-your-words-carefully.txt), named the way the
/// product cites them. Numbered items are the numbered list entries; bulleted items are "Heading: Bullet".
/// </summary>
public static partial class ArticleSections
{
    /// <summary>
    /// The article in shared/seed beside the repository (../shared in CI and the main checkout; a worktree sits a level
    /// deeper, so the nearest shared/seed above the test binaries is taken).
    /// </summary>
    public static string ArticlePath { get; } = FindArticle();

    public static IReadOnlyList<string> All { get; } =
    [
        "Introduction", // line 8
        "When to Fine-Tune #1", // line 14: Specialized Domain Expertise
        "When to Fine-Tune #2", // line 15: Custom Task Requirements and Output Formats
        "When to Fine-Tune #3", // line 16: Enhanced Privacy, Security, and Fairness
        "When to Fine-Tune #4", // line 17: Efficiency and Contextual Understanding
        "When to Fine-Tune #5", // line 18: Sufficient Data Availability
        "When Not to Fine-Tune #1", // line 22: Limited Data Availability
        "When Not to Fine-Tune #2", // line 23: Rapidly Changing Information
        "When Not to Fine-Tune #3", // line 24: Ethical and Compliance Risks
        "Advantages: Improved Accuracy", // line 30
        "Advantages: Customization", // line 31
        "Advantages: Efficiency", // line 32
        "Disadvantages: Risk of Overfitting", // line 36
        "Disadvantages: Resource Intensive", // line 37
        "Disadvantages: Maintenance Needs", // line 38
        "Other Considerations: Costs", // line 42
        "Other Considerations: Expertise", // line 43
        "Other Considerations: Ethical Concerns", // line 44
        "Other Considerations: Open-Source LLMs", // line 45
        "Other Considerations: Continuous iteration", // line 46
        "Conclusion", // line 48
    ];

    public static bool IsSection(string citation) => All.Contains(citation, StringComparer.Ordinal);

    /// <summary>The sections a free-text justification names.</summary>
    public static IReadOnlyList<string> NamedIn(string text) =>
        [.. All.Where(s => text.Contains(s, StringComparison.Ordinal))];

    /// <summary>A quotation: from a quote mark that does not follow a letter to the next that is not followed by one (so "aren't" stays inside).</summary>
    [GeneratedRegex(@"(?<![A-Za-z])'(.{12,}?)'(?![A-Za-z])")]
    private static partial Regex Quote();

    /// <summary>
    /// The quotations in a justification ('...' of 12 characters or more), each cut at an ellipsis or an editorial
    /// [insertion] into the pieces that must appear in the article as written.
    /// </summary>
    public static IReadOnlyList<string> QuotesIn(string text) =>
        [.. Quote().Matches(text)
            .SelectMany(m => Regex.Split(m.Groups[1].Value, @"\s*(?:\.\.\.|…|\[[^\]]*\])\s*"))
            .Where(piece => piece.Length >= 12)];

    /// <summary>Straight apostrophes and single spaces, so a quotation matches however the article typesets them.</summary>
    public static string Normalize(string text) => Regex.Replace(text.Replace('’', '\'').Replace('‘', '\''), @"\s+", " ");

    private static string FindArticle()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "seed", "choose-your-words-carefully.txt");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("The article (shared/seed/choose-your-words-carefully.txt) was not found above the test binaries.");
    }
}
