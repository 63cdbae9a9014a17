namespace FineTuneAdvisor.Web.VersionedDocuments;

/// <summary>
/// The version of a document in use (the active rule set, the active provider catalogue): the newest published
/// version, parsed and validated once when start-up loads it, a publish on this instance makes it, or the refresh finds
/// one published by another, never per request. Reading it is one volatile read; publishing swaps the reference, so a
/// request sees the old or the new document whole, never a mix. Until start-up has loaded it, the embedded default.
/// </summary>
public abstract class ActiveDocument<TDocument>(Func<TDocument> loadDefault, Func<TDocument, int> versionOf)
    where TDocument : class
{
    // Null until start-up publishes the stored version: parsing the embedded default here as well cost every start a
    // second parse. Anything that asks before then (a test host that skips start-up) gets the default, parsed once.
    private TDocument? _current;

    public TDocument Current => Volatile.Read(ref _current) ?? LoadDefaultOnce();

    public int VersionOf(TDocument document) => versionOf(document);

    public void Publish(TDocument document) => Volatile.Write(ref _current, document ?? throw new ArgumentNullException(nameof(document)));

    /// <summary>
    /// Makes <paramref name="document"/> current unless the same or a newer version already is: a publish made here and
    /// the refresh that finds one published by another instance may race, and the newest must win.
    /// </summary>
    public bool PublishIfNewer(TDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        while (true)
        {
            var current = Volatile.Read(ref _current);
            if (current is not null && versionOf(document) <= versionOf(current))
            {
                return false;
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _current, document, current), current))
            {
                return true;
            }
        }
    }

    private TDocument LoadDefaultOnce()
    {
        Interlocked.CompareExchange(ref _current, loadDefault(), null);
        return Volatile.Read(ref _current)!;
    }
}
