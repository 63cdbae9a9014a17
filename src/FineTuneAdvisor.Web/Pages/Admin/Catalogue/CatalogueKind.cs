using FineTuneAdvisor.Scoring.Costs;
using FineTuneAdvisor.Web.Costs;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Infrastructure.Redis;
using FineTuneAdvisor.Web.VersionedDocuments;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Pages.Admin.Catalogue;

/// <summary>
/// The provider catalogue as a versioned document: stored as <see cref="CatalogueLoader.Write"/> writes it, checked by
/// <see cref="CatalogueLoader"/> (on publish also against the clock's day: no "checked on" date in the future).
/// </summary>
public sealed class CatalogueKind : DocumentKind<ProviderCatalogue, CatalogueVersion, CatalogueDraft>
{
    public override DbSet<CatalogueVersion> Versions(AdvisorDbContext db) => db.CatalogueVersions;

    public override DbSet<CatalogueDraft> Drafts(AdvisorDbContext db) => db.CatalogueDrafts;

    public override CatalogueVersion NewVersion(int version, string name, string json, DateTime publishedAt, string publishedBy) =>
        new() { Version = version, Name = name, Json = json, PublishedAt = publishedAt, PublishedBy = publishedBy };

    public override CatalogueDraft NewEmptyDraft(DateTime now) =>
        new() { Id = CatalogueDraft.SingletonId, Json = null, RowVersion = 1, UpdatedAt = now, UpdatedBy = AdminActor.System, LastChange = "created the empty draft" };

    public override ProviderCatalogue LoadDefault() => CatalogueLoader.LoadDefault();

    public override DocumentLoad<ProviderCatalogue> Load(string json, DateOnly? today = null)
    {
        var load = CatalogueLoader.Load(json, today);
        return new(load.Catalogue, [.. load.Problems.Select(p => p.ToString())]);
    }

    public override ProviderCatalogue LoadOrThrow(string json) => CatalogueLoader.LoadOrThrow(json);

    public override string NameOf(ProviderCatalogue document) => document.Name;

    public override string Serialise(ProviderCatalogue document, int? version = null) =>
        CatalogueLoader.Write(version is { } number ? document.Document with { Version = number } : document.Document);

    public override string Diff(ProviderCatalogue before, ProviderCatalogue after) => CatalogueDiff.Text(before.Document, after.Document);

    public override string Noun => "provider-catalogue";

    public override DocumentAuditActions Actions { get; } = new(AuditActions.CataloguePublish, AuditActions.CatalogueRollback,
        AuditActions.CatalogueImport, AuditActions.CatalogueDraftSave, AuditActions.CatalogueDraftDiscard);

    public override string ImportedChange => "imported a catalogue as the draft";

    public override string ImportSummary(ProviderCatalogue imported) =>
        $"Imported catalogue \"{(imported.Name.Length <= 120 ? imported.Name : imported.Name[..119] + "…")}\" ({imported.Providers.Count} providers, {imported.Models.Count} models) as the draft";

    public override string PublishSummary(int version) => $"Published provider-catalogue version {version}";

    public override string RestoreSummary(int version) => $"Restored provider-catalogue version {version} as the draft";

    public override (string Summary, string Detail) SeedSummary(ProviderCatalogue builtIn) =>
        ("Stored the embedded provider catalogue as version 1", $"{builtIn.Providers.Count} providers, {builtIn.Models.Count} models");

    public override string PublishedSignal => InstanceSignals.CataloguePublished;
}

public static class CatalogueStartup
{
    /// <summary>At start-up: seeds the embedded catalogue as version 1 on a fresh database and makes the newest version active (<see cref="DocumentStartup"/>).</summary>
    public static Task LoadActiveCatalogueAsync(this IServiceProvider services, CancellationToken cancellationToken) =>
        services.LoadActiveAsync(services.GetRequiredService<CatalogueKind>(), services.GetRequiredService<ActiveCatalogue>(), cancellationToken);
}
