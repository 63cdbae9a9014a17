// The yardstick for tests/load/run.sh: hand-written minimal endpoints over SQLite with no logging.
// GET reads one assessment from the app's file by the SHA-256 of its token and returns the stored result.
// POST parses the JSON body, makes a token and inserts one row into a file of its own (WAL, the app's settings),
// one connection and one commit per request, as a straightforward endpoint would.
#:sdk Microsoft.NET.Sdk.Web
#:package Microsoft.Data.Sqlite@10.0.15
#:property ManagePackageVersionsCentrally=false
#:property TreatWarningsAsErrors=false
#:property AnalysisLevel=none
#:property PublishAot=false

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var connectionString = $"Data Source={Environment.GetEnvironmentVariable("BASELINE_DB")};Mode=ReadOnly";
var writeConnectionString = $"Data Source={Environment.GetEnvironmentVariable("BASELINE_WRITE_DB")};Default Timeout=10";
using (var setup = new SqliteConnection(writeConnectionString))
{
    setup.Open();
    using var command = setup.CreateCommand();
    command.CommandText = "PRAGMA journal_mode = 'wal'; CREATE TABLE IF NOT EXISTS Created (Id INTEGER PRIMARY KEY, TokenHash BLOB NOT NULL, AnswersJson TEXT NOT NULL, CreatedAt TEXT NOT NULL);";
    command.ExecuteNonQuery();
}

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

app.MapPost("/api/assessments", async (HttpRequest request) =>
{
    using var body = await JsonDocument.ParseAsync(request.Body);
    if (!body.RootElement.TryGetProperty("answers", out var answers) || answers.ValueKind != JsonValueKind.Object)
    {
        return Results.BadRequest();
    }

    var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    await using var connection = new SqliteConnection(writeConnectionString);
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "INSERT INTO Created (TokenHash, AnswersJson, CreatedAt) VALUES ($hash, $answers, $now)";
    command.Parameters.AddWithValue("$hash", SHA256.HashData(Encoding.ASCII.GetBytes(token)));
    command.Parameters.AddWithValue("$answers", answers.GetRawText());
    command.Parameters.AddWithValue("$now", DateTime.UtcNow.ToString("O"));
    await command.ExecuteNonQueryAsync();
    return Results.Json(new { shareToken = token }, statusCode: 201);
});

app.Run();
