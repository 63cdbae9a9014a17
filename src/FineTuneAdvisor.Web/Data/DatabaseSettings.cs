namespace FineTuneAdvisor.Web.Data;

/// <summary>The provider and the connection string the app was configured with, resolved once at start-up.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;
}
