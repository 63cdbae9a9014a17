using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Pages.Admin.Rules;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// The app's one database: assessments, drafts, the audit log, Identity's admin accounts (AspNet* tables) and the
/// Data Protection key ring that protects cookies and form tokens, so every instance and restart shares it.
/// </summary>
public sealed class AdvisorDbContext(DbContextOptions<AdvisorDbContext> options)
    : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<ShareLink> ShareLinks => Set<ShareLink>();
    public DbSet<QuestionnaireDraft> Drafts => Set<QuestionnaireDraft>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<RuleSetVersion> RuleSetVersions => Set<RuleSetVersion>();
    public DbSet<RuleSetDraft> RuleSetDrafts => Set<RuleSetDraft>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AdvisorDbContext).Assembly);
    }
}
