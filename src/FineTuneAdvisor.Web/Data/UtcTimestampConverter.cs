using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// What PostgreSQL's <c>timestamptz</c> does, for SQLite: only a UTC time is written (anything else is a bug that
/// PostgreSQL would refuse, so it is refused here too), kept to the microsecond, and read back as UTC.
/// </summary>
public sealed class UtcTimestampConverter() : ValueConverter<DateTime, DateTime>(
    value => ToStored(value),
    stored => DateTime.SpecifyKind(stored, DateTimeKind.Utc))
{
    // default(DateTime) has no kind but is the same instant in every zone; EF's model optimizer (the compiled model)
    // converts it as a sentinel, so it is allowed.
    public static DateTime ToStored(DateTime value) => value.Kind == DateTimeKind.Utc || value == default
        ? new DateTime(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc)
        : throw new ArgumentException($"Only UTC times are stored (this one is {value.Kind}): use TimeProvider.GetUtcNow().UtcDateTime.", nameof(value));
}
