namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// Answers in progress, kept server-side so that a reload, Back or a validation error loses nothing.
/// Found through a random token in a cookie; only its hash is stored.
/// </summary>
public sealed class QuestionnaireDraft
{
    public int Id { get; set; }
    public required byte[] TokenHash { get; set; }

    /// <summary>Raw answers exactly as typed, valid or not, by question id.</summary>
    public required string AnswersJson { get; set; }

    public required string CurrentStep { get; set; }
    public required DateTime UpdatedAt { get; set; }

    /// <summary>Set when the draft is a revision: the <see cref="Assessment.PublicId"/> it revises.</summary>
    public string? ParentPublicId { get; set; }

    /// <summary>
    /// Who started it, for the per-client cap: a keyed hash of the client's address that means nothing outside the
    /// running process (its key is made at start-up and never stored), so the table holds no address.
    /// </summary>
    public byte[]? ClientHash { get; set; }

    /// <summary>
    /// The measured sample's aggregates (<c>Datasets.DataEvidence</c> as JSON), set only when its owner chose "Use these
    /// answers" on a data report (or inherited by a revision); it goes with the answers to the assessment.
    /// </summary>
    public string? DataEvidenceJson { get; set; }

    /// <summary>Its owner asked for a resume link ("Save and finish later"): evicted only after every unsaved draft.</summary>
    public bool SavedForLater { get; set; }
}
