namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// One read-only link to an assessment. An assessment can have several; each can be revoked or given an
/// expiry on its own. Only the token's SHA-256 is stored.
/// </summary>
public sealed class ShareLink
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public Assessment Assessment { get; set; } = null!;
    public required byte[] TokenHash { get; set; }
    public required DateTime CreatedAt { get; set; }

    /// <summary>UTC; the link answers 404 from this moment on. Null: no expiry.</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>UTC; set once, never cleared: a revoked link stays dead, the owner issues a new one instead.</summary>
    public DateTime? RevokedAt { get; set; }
}
