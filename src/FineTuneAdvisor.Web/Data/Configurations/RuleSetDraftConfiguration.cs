using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FineTuneAdvisor.Web.Data.Configurations;

public sealed class RuleSetDraftConfiguration : IEntityTypeConfiguration<RuleSetDraft>
{
    public void Configure(EntityTypeBuilder<RuleSetDraft> builder)
    {
        builder.ToTable("RuleSetDrafts");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.RowVersion).IsConcurrencyToken();
        builder.Property(d => d.UpdatedBy).HasMaxLength(256);
        builder.Property(d => d.LastChange).HasMaxLength(200);
    }
}
