using FineTuneAdvisor.Web.Admin;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Data;

public sealed class AdvisorDbContext(DbContextOptions<AdvisorDbContext> options) : DbContext(options)
{
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<QuestionnaireDraft> Drafts => Set<QuestionnaireDraft>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<RuleSetVersion> RuleSetVersions => Set<RuleSetVersion>();
    public DbSet<RuleSetDraft> RuleSetDrafts => Set<RuleSetDraft>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AdvisorDbContext).Assembly);
}
