using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FineTuneAdvisor.Web.Data.Configurations;

public sealed class CatalogueDraftConfiguration : IEntityTypeConfiguration<CatalogueDraft>
{
    public void Configure(EntityTypeBuilder<CatalogueDraft> builder)
    {
        builder.ToTable("CatalogueDrafts");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.RowVersion).IsConcurrencyToken();
        builder.Property(d => d.UpdatedBy).HasMaxLength(256);
        builder.Property(d => d.LastChange).HasMaxLength(200);
    }
}
