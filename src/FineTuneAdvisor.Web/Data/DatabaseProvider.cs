namespace FineTuneAdvisor.Web.Data;

/// <summary>Which database the app runs on: <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>One SQLite file, one instance (the default).</summary>
    Sqlite,

    /// <summary>PostgreSQL 15 or later, for several instances on one database.</summary>
    Postgres,
}
