namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// A submitted questionnaire with the result computed at the time. The result is stored, not recomputed,
/// so the page never changes when rules change later.
/// </summary>
public sealed class Assessment
{
    public int Id { get; set; }

    /// <summary>A random public id for API clients; the sequential <see cref="Id"/> never leaves the server.</summary>
    public required string PublicId { get; set; }

    /// <summary>SHA-256 of the share token. The token itself is never stored, so a copy of the database hands out no links.</summary>
    public required byte[] ShareTokenHash { get; set; }

    public required DateTime CreatedAt { get; set; }
    public required int RuleSetVersion { get; set; }
    public required string Verdict { get; set; }
    public required int ReadinessScore { get; set; }

    /// <summary>Answers by question id, canonical strings, as JSON.</summary>
    public required string AnswersJson { get; set; }

    /// <summary>The <c>AssessmentResult</c> as JSON, exactly as the API returns it.</summary>
    public required string ResultJson { get; set; }
}
