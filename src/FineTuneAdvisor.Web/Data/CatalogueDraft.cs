using FineTuneAdvisor.Web.VersionedDocuments;

namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// The one shared provider-catalogue draft, like <see cref="RuleSetDraft"/>: always exactly one row (id 1),
/// <see cref="Json"/> null while there is no draft, and <see cref="RowVersion"/> raised by every change and posted
/// back by every form, so a save based on a stale page is refused, never lost.
/// </summary>
public sealed class CatalogueDraft : IDraftRow
{
    public const int SingletonId = IDraftRow.SingletonId;

    public int Id { get; set; }

    /// <summary>A catalogue that passed the loader's validation, or null: no draft.</summary>
    public string? Json { get; set; }

    public int RowVersion { get; set; }

    public required DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    /// <summary>What the last change was, for the conflict message ("saved the draft", "published version 3").</summary>
    public required string LastChange { get; set; }
}
