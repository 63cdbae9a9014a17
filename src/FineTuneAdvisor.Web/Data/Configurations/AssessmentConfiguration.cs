using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FineTuneAdvisor.Web.Data.Configurations;

public sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.Property(a => a.PublicId).HasMaxLength(32);
        builder.HasIndex(a => a.PublicId).IsUnique();
        builder.Property(a => a.ShareTokenHash).HasMaxLength(32);
        builder.HasIndex(a => a.ShareTokenHash).IsUnique();
        builder.Property(a => a.Verdict).HasMaxLength(32);
        builder.HasIndex(a => a.CreatedAt);
    }
}
