using FineTuneAdvisor.Web.VersionedDocuments;

namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// A published provider catalogue. Never changed once stored: restoring an old version makes it the draft, and
/// publishing that makes a new version. The highest <see cref="Version"/> is the one estimates use.
/// </summary>
public sealed class CatalogueVersion : IPublishedVersion
{
    public int Id { get; set; }

    /// <summary>1, 2, 3…; unique, and the same number as the "version" inside <see cref="Json"/>.</summary>
    public required int Version { get; set; }

    public required string Name { get; set; }

    /// <summary>The catalogue exactly as published (schema of docs/operations.md), so it exports and restores as it was.</summary>
    public required string Json { get; set; }

    public required DateTime PublishedAt { get; set; }

    /// <summary>The publishing admin's email, or "system" for the embedded catalogue stored at first start.</summary>
    public required string PublishedBy { get; set; }
}
