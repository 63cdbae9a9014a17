// The yardstick for tests/load/run.sh: a hand-written minimal endpoint over the same SQLite file, reading one
// assessment by the SHA-256 of its token and returning the stored result. No framework beyond minimal APIs.
#:sdk Microsoft.NET.Sdk.Web
#:package Microsoft.Data.Sqlite@10.0.15
#:property ManagePackageVersionsCentrally=false
#:property TreatWarningsAsErrors=false
#:property AnalysisLevel=none
#:property PublishAot=false

using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var connectionString = $"Data Source={Environment.GetEnvironmentVariable("BASELINE_DB")};Mode=ReadOnly";

app.MapGet("/a/{token}", async (string token) =>
{
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "SELECT a.ResultJson FROM ShareLinks l JOIN Assessments a ON a.Id = l.AssessmentId WHERE l.TokenHash = $hash AND l.RevokedAt IS NULL";
    command.Parameters.AddWithValue("$hash", SHA256.HashData(Encoding.ASCII.GetBytes(token)));
    var json = (string?)await command.ExecuteScalarAsync();
    return json is null ? Results.NotFound() : Results.Text(json, "application/json");
});

app.Run();
