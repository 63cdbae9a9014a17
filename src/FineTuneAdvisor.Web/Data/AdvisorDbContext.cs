using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// The app's one database: assessments, drafts, the audit log, Identity's admin accounts (AspNet* tables) and the
/// Data Protection key ring that protects cookies and form tokens, so every instance and restart shares it.
/// Everything asks for this type; the provider's subtype (<see cref="SqliteAdvisorDbContext"/>,
/// <see cref="PostgresAdvisorDbContext"/>) is what is registered, and each has its own migrations.
/// </summary>
public abstract class AdvisorDbContext(DbContextOptions options)
    : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<ShareLink> ShareLinks => Set<ShareLink>();
    public DbSet<QuestionnaireDraft> Drafts => Set<QuestionnaireDraft>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<RuleSetVersion> RuleSetVersions => Set<RuleSetVersion>();
    public DbSet<RuleSetDraft> RuleSetDrafts => Set<RuleSetDraft>();
    public DbSet<CatalogueVersion> CatalogueVersions => Set<CatalogueVersion>();
    public DbSet<CatalogueDraft> CatalogueDrafts => Set<CatalogueDraft>();

    /// <summary>
    /// The gate this context's options carry as an interceptor (see DatabaseSetup): only on SQLite. A context built
    /// without it (PostgreSQL, or a test that opens the file itself) writes without queueing.
    /// </summary>
    private readonly WriteGate? _writes = options.FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<WriteGate>().FirstOrDefault();

    /// <summary>Every SaveChanges of this process queues at the write gate: the app's, Identity's stores', Data Protection's.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        _writes is null
            ? base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
            : _writes.RunAsync(ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        _writes is null ? base.SaveChanges(acceptAllChangesOnSuccess) : _writes.Run(() => base.SaveChanges(acceptAllChangesOnSuccess));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AdvisorDbContext).Assembly);
    }
}
