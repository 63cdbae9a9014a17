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

    /// <summary>
    /// SHA-256 of the owner's manage token. Tokens themselves are never stored, so a copy of the database
    /// hands out no links.
    /// </summary>
    public required byte[] ManageTokenHash { get; set; }

    /// <summary>The <see cref="PublicId"/> of the assessment this one revises; null for a first assessment.</summary>
    public string? ParentPublicId { get; set; }

    /// <summary>The <see cref="PublicId"/> of the first assessment of its revision family (its own for a first one).</summary>
    public required string LineageId { get; set; }

    /// <summary>The owner's notes by question id, as JSON; null when there are none.</summary>
    public string? NotesJson { get; set; }

    public List<ShareLink> ShareLinks { get; } = [];

    public required DateTime CreatedAt { get; set; }
    public required int RuleSetVersion { get; set; }
    public required string Verdict { get; set; }
    public required int ReadinessScore { get; set; }

    /// <summary>Answers by question id, canonical strings, as JSON.</summary>
    public required string AnswersJson { get; set; }

    /// <summary>The <c>AssessmentResult</c> as JSON, exactly as the API returns it.</summary>
    public required string ResultJson { get; set; }

    /// <summary>
    /// The aggregates of the training-data sample its data answers were measured from (<c>Datasets.DataEvidence</c>),
    /// as JSON; null when nothing was measured. Never the sample's content.
    /// </summary>
    public string? DataEvidenceJson { get; set; }
}
