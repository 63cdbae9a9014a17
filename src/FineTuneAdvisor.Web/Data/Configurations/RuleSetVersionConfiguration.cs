using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FineTuneAdvisor.Web.Data.Configurations;

public sealed class RuleSetVersionConfiguration : IEntityTypeConfiguration<RuleSetVersion>
{
    public void Configure(EntityTypeBuilder<RuleSetVersion> builder)
    {
        builder.ToTable("RuleSetVersions");
        builder.HasIndex(v => v.Version).IsUnique();
        builder.Property(v => v.Name).HasMaxLength(200);
        builder.Property(v => v.PublishedBy).HasMaxLength(256);
    }
}
