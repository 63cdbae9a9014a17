using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FineTuneAdvisor.Web.Data.Configurations;

public sealed class QuestionnaireDraftConfiguration : IEntityTypeConfiguration<QuestionnaireDraft>
{
    public void Configure(EntityTypeBuilder<QuestionnaireDraft> builder)
    {
        builder.ToTable("Drafts");
        builder.Property(d => d.TokenHash).HasMaxLength(32);
        builder.HasIndex(d => d.TokenHash).IsUnique();
        builder.Property(d => d.CurrentStep).HasMaxLength(32);
        builder.Property(d => d.ParentPublicId).HasMaxLength(32);
        builder.HasIndex(d => d.UpdatedAt);
        builder.Property(d => d.ClientHash).HasMaxLength(32);
        builder.HasIndex(d => d.ClientHash);
    }
}
