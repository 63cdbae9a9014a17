using FineTuneAdvisor.Web.VersionedDocuments;

namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// A published rule set. Never changed once stored: rolling back restores an old version as the draft, and
/// publishing that makes a new version. The highest <see cref="Version"/> is the active one.
/// </summary>
public sealed class RuleSetVersion : IPublishedVersion
{
    public int Id { get; set; }

    /// <summary>1, 2, 3…; unique, and the same number as the "version" inside <see cref="Json"/>.</summary>
    public required int Version { get; set; }

    public required string Name { get; set; }

    /// <summary>The rule set exactly as published (schema of docs/scoring.md), so it can be exported or restored as it was.</summary>
    public required string Json { get; set; }

    public required DateTime PublishedAt { get; set; }

    /// <summary>The publishing admin's email, or "system" for the built-in default stored at first start.</summary>
    public required string PublishedBy { get; set; }
}
