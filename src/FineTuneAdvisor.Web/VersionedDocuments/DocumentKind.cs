using FineTuneAdvisor.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.VersionedDocuments;

/// <summary>The audit actions of one kind of document (<c>rules.publish</c>, <c>catalogue.publish</c>…).</summary>
public sealed record DocumentAuditActions(string Publish, string Rollback, string Import, string DraftSave, string DraftDiscard);

/// <summary>
/// What the shared store, refresh and start-up need to know about one kind of versioned document: its tables, how it
/// is read, validated and written as JSON, how two versions differ, and the words of its audit entries. One subclass
/// per feature (Pages/Admin/Rules, Pages/Admin/Catalogue), registered as a singleton.
/// </summary>
public abstract class DocumentKind<TDocument, TVersion, TDraft>
    where TDocument : class
    where TVersion : class, IPublishedVersion
    where TDraft : class, IDraftRow
{
    public abstract DbSet<TVersion> Versions(AdvisorDbContext db);

    public abstract DbSet<TDraft> Drafts(AdvisorDbContext db);

    public abstract TVersion NewVersion(int version, string name, string json, DateTime publishedAt, string publishedBy);

    /// <summary>The draft row as the first start creates it: no draft yet.</summary>
    public abstract TDraft NewEmptyDraft(DateTime now);

    /// <summary>The document embedded in the build, stored as version 1 on a fresh database.</summary>
    public abstract TDocument LoadDefault();

    /// <summary>Reads and validates <paramref name="json"/>; with <paramref name="today"/>, also against that day (a publish).</summary>
    public abstract DocumentLoad<TDocument> Load(string json, DateOnly? today = null);

    /// <summary>A stored version, which must load: one that does not stops start-up rather than failing a request.</summary>
    public abstract TDocument LoadOrThrow(string json);

    public abstract string NameOf(TDocument document);

    /// <summary>The document as JSON, with its "version" set to <paramref name="version"/> when given.</summary>
    public abstract string Serialise(TDocument document, int? version = null);

    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/>, one line per change, for the audit entry.</summary>
    public abstract string Diff(TDocument before, TDocument after);

    /// <summary>"rule-set", "provider-catalogue": as in "Saved the rule-set draft".</summary>
    public abstract string Noun { get; }

    public abstract DocumentAuditActions Actions { get; }

    /// <summary>The draft's last change after an import ("imported a rule set as the draft").</summary>
    public abstract string ImportedChange { get; }

    public abstract string ImportSummary(TDocument imported);

    public abstract string PublishSummary(int version);

    public abstract string RestoreSummary(int version);

    /// <summary>The audit entry of the default stored as version 1 at first start: summary and detail.</summary>
    public abstract (string Summary, string Detail) SeedSummary(TDocument builtIn);

    /// <summary>The <see cref="Infrastructure.Redis.InstanceSignals"/> signal a publish sends, so other instances look at once.</summary>
    public abstract string PublishedSignal { get; }

    /// <summary>Runs after a new version became active on this instance (published here or found by the refresh).</summary>
    public virtual Task AfterNewVersionAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Start-up's chance to publish a replacement for a latest version this build no longer runs; returns the latest.</summary>
    public virtual Task<TVersion> UpgradeAsync(IServiceProvider services, AdvisorDbContext db, TVersion latest, DateTime now, CancellationToken cancellationToken) =>
        Task.FromResult(latest);
}
