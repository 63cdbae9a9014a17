namespace FineTuneAdvisor.Web.VersionedDocuments;

/// <summary>A published version's row (<c>RuleSetVersion</c>, <c>CatalogueVersion</c>): never changed once stored.</summary>
public interface IPublishedVersion
{
    int Version { get; }
    string Name { get; }
    string Json { get; }
    DateTime PublishedAt { get; }
    string PublishedBy { get; }
}

/// <summary>The one shared draft's row (<c>RuleSetDraft</c>, <c>CatalogueDraft</c>): always id 1, Json null while there is no draft.</summary>
public interface IDraftRow
{
    /// <summary>The id of the one row.</summary>
    const int SingletonId = 1;

    int Id { get; }
    string? Json { get; set; }

    /// <summary>The concurrency token: raised by every change and checked by every write.</summary>
    int RowVersion { get; }

    DateTime UpdatedAt { get; set; }
    string UpdatedBy { get; set; }
    string LastChange { get; set; }
}

/// <summary>The shared draft as a page last saw it; <see cref="RowVersion"/> is the token its forms post back.</summary>
public sealed record DraftState(int RowVersion, string? Json, DateTime UpdatedAt, string UpdatedBy, string LastChange)
{
    public bool Exists => Json is not null;

    /// <summary>"alice@example.test published version 3 at 14:02 UTC": who changed the draft last, for conflict messages.</summary>
    public string Describe() =>
        $"{UpdatedBy} {LastChange} at {UpdatedAt.ToString("d MMM yyyy HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>
/// The published document, the draft, and the document the editor works on (the draft, else the published one).
/// <see cref="DraftProblems"/> lists why a stored draft no longer loads (each "path: message").
/// </summary>
public sealed record DocumentState<TDocument>(TDocument Published, DateTime PublishedAt, string PublishedBy, DraftState Draft,
    TDocument? DraftDocument, IReadOnlyList<string> DraftProblems)
    where TDocument : class
{
    public TDocument Working => DraftDocument ?? Published;
}

/// <summary>How a write to the draft went: done, refused because the draft changed meanwhile, or refused with a reason.</summary>
public sealed record DraftWrite(DraftState? Conflict, string? Error, int? PublishedVersion = null)
{
    public bool Succeeded => Conflict is null && Error is null;
}

public sealed record VersionSummary(int Version, string Name, DateTime PublishedAt, string PublishedBy);

/// <summary>A document read by its loader: the document, or every problem ("path: message") that kept it from loading.</summary>
public sealed record DocumentLoad<TDocument>(TDocument? Document, IReadOnlyList<string> Problems)
    where TDocument : class
{
    public bool IsValid => Document is not null;
}
