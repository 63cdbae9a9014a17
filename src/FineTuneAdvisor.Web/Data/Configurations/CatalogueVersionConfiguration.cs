using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FineTuneAdvisor.Web.Data.Configurations;

public sealed class CatalogueVersionConfiguration : IEntityTypeConfiguration<CatalogueVersion>
{
    public void Configure(EntityTypeBuilder<CatalogueVersion> builder)
    {
        builder.ToTable("CatalogueVersions");
        builder.HasIndex(v => v.Version).IsUnique();
        builder.Property(v => v.Name).HasMaxLength(200);
        builder.Property(v => v.PublishedBy).HasMaxLength(256);
    }
}
