using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FineTuneAdvisor.Web.Tests.Data;

/// <summary>
/// Checklist C35 and C36 (issue 10, item 9), on the real app as a process: an assessment acknowledged with 201 survives
/// <c>kill -9</c> in the middle of a write load, and an online backup taken under load (operations.md's
/// <c>VACUUM INTO</c>) passes integrity_check and, restored, serves every link acknowledged before it began.
/// </summary>
public sealed class CrashAndBackupTests : IDisposable
{
    // Enough at once that creations are committed in groups (AssessmentWriter), as under real load.
    private const int Writers = 16;

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("advisor-crash-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task KillNineDuringWriteLoad_EveryAcknowledgedAssessmentSurvivesAndTheFileIsIntact()
    {
        var database = Path.Combine(_data.FullName, "advisor.db");
        var acknowledged = new ConcurrentBag<string>();
        for (var round = 0; round < 3; round++)
        {
            using var app = await AppProcess.StartAsync(database);
            using var load = new WriteLoad(app, acknowledged);
            // Killed while writers are mid-request: at least 40 more acknowledged this round, several still in flight.
            await load.UntilAcknowledgedAsync(acknowledged.Count + 40);
            app.KillHard();
            await load.StopAsync();
        }

        Assert.Equal("ok", IntegrityCheck(database));
        using var restarted = await AppProcess.StartAsync(database);
        var missing = await MissingAsync(restarted, acknowledged);
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged assessments are gone after kill -9.");
        Assert.True(acknowledged.Count >= 120);
    }

    [Fact]
    public async Task OnlineBackupUnderLoad_PassesIntegrityCheckAndRestoredServesEveryEarlierLink()
    {
        var database = Path.Combine(_data.FullName, "advisor.db");
        var backup = Path.Combine(_data.FullName, "backup.db");
        var acknowledged = new ConcurrentBag<string>();
        string[] beforeBackup;
        using (var app = await AppProcess.StartAsync(database))
        {
            using var load = new WriteLoad(app, acknowledged);
            await load.UntilAcknowledgedAsync(60);
            beforeBackup = [.. acknowledged];
            using (var connection = new SqliteConnection($"Data Source={database};Default Timeout=30"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "VACUUM INTO $path";
                command.Parameters.AddWithValue("$path", backup);
                command.ExecuteNonQuery();
            }

            // The load went on through the backup and after it.
            await load.UntilAcknowledgedAsync(beforeBackup.Length + 20);
            await load.StopAsync();
        }

        Assert.Equal("ok", IntegrityCheck(backup));
        var restoredPath = Path.Combine(_data.FullName, "restored.db");
        File.Copy(backup, restoredPath);
        using var restored = await AppProcess.StartAsync(restoredPath);
        var missing = await MissingAsync(restored, beforeBackup);
        Assert.True(missing.Count == 0, $"{missing.Count} of {beforeBackup.Length} links acknowledged before the backup are not served from it.");
    }

    private static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    private static async Task<List<string>> MissingAsync(AppProcess app, IEnumerable<string> tokens)
    {
        using var client = app.CreateClient();
        var missing = new List<string>();
        foreach (var token in tokens)
        {
            using var response = await client.GetAsync($"/api/assessments/{token}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                missing.Add(token);
            }
        }

        return missing;
    }

    /// <summary>
    /// <see cref="Writers"/> clients posting assessments back to back; a share token counts only once its 201 has been
    /// read. Failures after the kill (refused connections, cut responses) are expected and not counted.
    /// </summary>
    private sealed class WriteLoad : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentBag<string> _acknowledged;
        private readonly Task[] _writers;
        private readonly AppProcess _app;

        public WriteLoad(AppProcess app, ConcurrentBag<string> acknowledged)
        {
            _app = app;
            _acknowledged = acknowledged;
            _writers = [.. Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteAsync))];
        }

        public async Task UntilAcknowledgedAsync(int count)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (_acknowledged.Count < count)
            {
                if (_writers.FirstOrDefault(w => w.IsFaulted) is { } failed)
                {
                    await failed;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            }
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_writers);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }

        private async Task WriteAsync()
        {
            using var client = _app.CreateClient();
            var body = Answers.ToJsonBody(Answers.StrongCase());
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var content = ApiAssessments.Json(body);
                    using var response = await client.PostAsync("/api/assessments", content, _stop.Token);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync(_stop.Token))!;
                        _acknowledged.Add(created["shareToken"]!.GetValue<string>());
                    }
                    else if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                    {
                        throw new InvalidOperationException($"A write under load answered {(int)response.StatusCode}: {_app.Output}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                {
                    // The process is being killed, or the load is stopping: this write was never acknowledged.
                    if (!_stop.IsCancellationRequested)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(50));
                    }
                }
            }
        }
    }
}
