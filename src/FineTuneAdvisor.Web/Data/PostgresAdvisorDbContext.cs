using Microsoft.EntityFrameworkCore;

namespace FineTuneAdvisor.Web.Data;

/// <summary>
/// The database on PostgreSQL (<c>Database:Provider</c> = <c>Postgres</c>), for several instances on one database.
/// Dates are <c>timestamptz</c> (UTC only). Migrations in Migrations/Postgres.
/// </summary>
public sealed class PostgresAdvisorDbContext(DbContextOptions<PostgresAdvisorDbContext> options) : AdvisorDbContext(options);
