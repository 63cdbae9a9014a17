using FineTuneAdvisor.Web.VersionedDocuments;

namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// The one shared draft admins edit before publishing. There is always exactly one row (id 1); <see cref="Json"/>
/// is null while there is no draft. <see cref="RowVersion"/> goes up on every change (save, discard, import,
/// restore, publish) and is posted back by every form, so a save based on a stale page is refused, never lost.
/// </summary>
public sealed class RuleSetDraft : IDraftRow
{
    public const int SingletonId = IDraftRow.SingletonId;

    public int Id { get; set; }

    /// <summary>A rule set that passed the loader's strict validation, or null: no draft.</summary>
    public string? Json { get; set; }

    /// <summary>The concurrency token: incremented by every change and checked by every write.</summary>
    public int RowVersion { get; set; }

    public required DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    /// <summary>What the last change was, for the conflict message ("saved the draft", "published version 3").</summary>
    public required string LastChange { get; set; }
}
