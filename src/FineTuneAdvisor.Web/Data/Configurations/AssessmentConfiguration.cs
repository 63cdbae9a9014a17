using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FineTuneAdvisor.Web.Data.Configurations;

public sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.Property(a => a.PublicId).HasMaxLength(32);
        builder.HasIndex(a => a.PublicId).IsUnique();
        builder.Property(a => a.ManageTokenHash).HasMaxLength(32);
        builder.HasIndex(a => a.ManageTokenHash).IsUnique();
        builder.Property(a => a.ParentPublicId).HasMaxLength(32);
        builder.Property(a => a.LineageId).HasMaxLength(32);
        builder.HasIndex(a => a.LineageId);
        builder.HasMany(a => a.ShareLinks).WithOne(l => l.Assessment).HasForeignKey(l => l.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Verdict).HasMaxLength(32);
        builder.HasIndex(a => a.CreatedAt);
    }
}
