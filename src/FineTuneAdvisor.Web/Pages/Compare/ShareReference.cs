using FineTuneAdvisor.Web.Assessments;

namespace FineTuneAdvisor.Web.Pages.Compare;

/// <summary>
/// What a visitor pastes to point at an assessment: a bare share token, a share link
/// (<c>…/a/{token}</c>), or a revision seen through a share link (<c>…/a/{token}/r/{publicId}</c>).
/// </summary>
public sealed record ShareReference(string Token, string? PublicId)
{
    /// <summary>The assessment a pasted link points at; null if it opens nothing.</summary>
    public static async Task<StoredAssessment?> FindAsync(AssessmentService assessments, string? link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        return Parse(link) is { } reference
            ? (await assessments.FindSharedAsync(reference.Token, reference.PublicId, cancellationToken))?.Assessment
            : null;
    }

    /// <summary>What a pasted link shows, family included; null if it opens nothing.</summary>
    public static async Task<SharedView?> FindViewAsync(AssessmentService assessments, string? link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        return Parse(link) is { } reference
            ? await assessments.FindSharedAsync(reference.Token, reference.PublicId, cancellationToken)
            : null;
    }

    public static ShareReference? Parse(string? link)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }

        var text = link.Trim();
        var cut = text.IndexOfAny(['?', '#']);
        if (cut >= 0)
        {
            text = text[..cut];
        }

        var segments = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 1)
        {
            return new(segments[0], null);
        }

        var a = Array.LastIndexOf(segments, "a");
        if (a < 0 || a + 1 >= segments.Length)
        {
            // Not a share link's shape: the last segment may still be a bare token.
            return segments.Length == 0 ? null : new(segments[^1], null);
        }

        var rest = segments.Length - (a + 2);
        return rest switch
        {
            0 => new(segments[a + 1], null),
            2 when segments[a + 2] == "r" => new(segments[a + 1], segments[a + 3]),
            _ => null,
        };
    }
}
