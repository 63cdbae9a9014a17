using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Security.Cryptography;
using FineTuneAdvisor.Web.Datasets;

namespace FineTuneAdvisor.Web.Pages.Data;

public enum JobState
{
    Running,
    Done,
    Failed,
    Cancelled,
}

/// <summary>One analysis started from the /data page, polled by its report page until it is done.</summary>
public sealed class AnalysisJob
{
    private long _lastSeenTicks;

    public required string Id { get; init; }

    /// <summary>The browser that started it (its <c>advisor-data</c> cookie): nobody else sees the report.</summary>
    public required string Owner { get; init; }

    public required TargetModel Model { get; init; }

    /// <summary>The uploaded file's name (shown back to its owner), or null for pasted text.</summary>
    public string? FileName { get; init; }

    public long? TotalBytes { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public CancellationTokenSource Cancellation { get; } = new();

    public AnalysisProgress Progress { get; set; } = new(0, null, 0);

    public JobState State { get; set; } = JobState.Running;

    public DatasetReport? Report { get; set; }

    /// <summary>Why the sample could not be analysed (names the line), when <see cref="State"/> is Failed.</summary>
    public string? Error { get; set; }

    /// <summary>True when the error is the size limit (the page answers 413).</summary>
    public bool TooLarge { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public Task Completion { get; set; } = Task.CompletedTask;

    public DateTimeOffset LastSeen
    {
        get => new(Interlocked.Read(ref _lastSeenTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _lastSeenTicks, value.UtcTicks);
    }
}

/// <summary>Where a job reads its sample from: a private temporary file (an upload) or a few bytes in memory (a paste).</summary>
/// <remarks>
/// <para><c>Open</c>: opens the sample for reading; the job disposes the stream.</para>
/// <para><c>Delete</c>: removes what the source left behind (the temporary file), whatever happened.</para>
/// </remarks>
public sealed record AnalysisSource(Func<Stream> Open, Action Delete, long? Length, string? FileName)
{
    public static AnalysisSource FromBytes(byte[] bytes) =>
        new(() => new MemoryStream(bytes, writable: false), static () => { }, bytes.LongLength, null);

    /// <summary>An upload's temporary file, deleted when its stream closes (and again, in case it never opened).</summary>
    public static AnalysisSource FromTempFile(string path, string? fileName) => new(
        () => new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan | FileOptions.DeleteOnClose,
        }),
        () => File.Delete(path),
        new FileInfo(path).Length,
        fileName);
}

/// <summary>
/// The /data page's analyses, run in the background so a large sample shows progress: the report page refreshes
/// itself (meta refresh, no script) and each refresh marks the job as watched. A job nobody has watched for
/// <see cref="AbandonedAfter"/> is cancelled; a finished one is forgotten after <see cref="KeptFor"/>. Jobs live in
/// this process's memory (a restart forgets them) and keep only the report: the upload's temporary file is
/// deleted when the analysis ends, fails or is cancelled.
/// </summary>
public sealed partial class AnalysisJobs(DatasetAnalyzer analyzer, AnalysisSlots slots, TimeProvider time, ILogger<AnalysisJobs> logger)
    : BackgroundService
{
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, AnalysisJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>Where uploads wait for their analysis: readable by this user only.</summary>
    public static string UploadFolder { get; } = Path.Combine(Path.GetTempPath(), "ftadvisor-uploads");

    public int Count => _jobs.Count;

    /// <summary>Starts analysing <paramref name="source"/>; null when every analysis slot is taken (the source is then deleted).</summary>
    public AnalysisJob? Start(AnalysisSource source, TargetModel model, string owner, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(source);
        var lease = slots.TryEnter();
        if (lease is null)
        {
            source.Delete();
            return null;
        }

        var now = time.GetUtcNow();
        var job = new AnalysisJob
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Owner = owner,
            Model = model,
            FileName = source.FileName,
            TotalBytes = source.Length,
            StartedAt = now,
            LastSeen = now,
        };
        _jobs[job.Id] = job;
        job.Completion = Task.Run(() => RunAsync(job, source, lease, maxBytes));
        return job;
    }

    /// <summary>The job, if it exists and belongs to <paramref name="owner"/>; finding it counts as watching it.</summary>
    public AnalysisJob? Find(string id, string? owner)
    {
        if (owner is null || !_jobs.TryGetValue(id, out var job) || !string.Equals(job.Owner, owner, StringComparison.Ordinal))
        {
            return null;
        }

        job.LastSeen = time.GetUtcNow();
        return job;
    }

    private async Task RunAsync(AnalysisJob job, AnalysisSource source, IDisposable lease, long maxBytes)
    {
        using (lease)
        {
            try
            {
                await using var stream = source.Open();
                var progress = new Progress(job);
                job.Report = await analyzer.AnalyzeAsync(PipeReader.Create(stream),
                    new AnalysisRequest(job.Model, maxBytes, job.TotalBytes), progress, job.Cancellation.Token);
                job.State = JobState.Done;
                LogDone(logger, job.Report.Format, job.Report.Examples, job.Report.Bytes);
            }
            catch (OperationCanceledException)
            {
                job.State = JobState.Cancelled;
                LogAbandoned(logger);
            }
            catch (DatasetInputException e)
            {
                job.Error = e.Message;
                job.State = JobState.Failed;
                LogRefused(logger, e.Line);
            }
            catch (UploadTooLargeException e)
            {
                job.Error = e.Message;
                job.TooLarge = true;
                job.State = JobState.Failed;
            }
            catch (Exception e)
            {
                job.Error = "The analysis failed unexpectedly. Try again; if it keeps failing, tell us the time it happened.";
                job.State = JobState.Failed;
                LogFailed(logger, e);
            }
            finally
            {
                // DeleteOnClose removed an upload when its stream closed; this covers a file that never opened.
                try
                {
                    source.Delete();
                }
                catch (IOException)
                {
                    // Already gone.
                }

                job.FinishedAt = time.GetUtcNow();
            }
        }
    }

    /// <summary>Cancels jobs nobody watches and forgets old ones. Called by the timer; public so tests drive it.</summary>
    public void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var job in _jobs.Values)
        {
            if (job.State == JobState.Running && now - job.LastSeen > AbandonedAfter)
            {
                job.Cancellation.Cancel();
            }
            else if (job.FinishedAt is { } finished && now - finished > KeptFor && _jobs.TryRemove(job.Id, out _))
            {
                job.Cancellation.Dispose();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DeleteLeftoverUploads();
        using var timer = new PeriodicTimer(SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Sweep();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        finally
        {
            foreach (var job in _jobs.Values.Where(j => j.State == JobState.Running))
            {
                await job.Cancellation.CancelAsync();
            }
        }
    }

    /// <summary>Uploads left by a process that stopped mid-analysis (an hour old: another instance may share the folder).</summary>
    private void DeleteLeftoverUploads()
    {
        try
        {
            if (!Directory.Exists(UploadFolder))
            {
                return;
            }

            var cutoff = time.GetUtcNow().UtcDateTime - TimeSpan.FromHours(1);
            foreach (var file in new DirectoryInfo(UploadFolder).EnumerateFiles())
            {
                if (file.LastWriteTimeUtc < cutoff)
                {
                    file.Delete();
                }
            }
        }
        catch (IOException e)
        {
            LogFailed(logger, e);
        }
        catch (UnauthorizedAccessException e)
        {
            LogFailed(logger, e);
        }
    }

    /// <summary>A new private file in <see cref="UploadFolder"/> (mode 0600 in a 0700 folder).</summary>
    public static FileStream CreateUploadFile(out string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(UploadFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        else
        {
            Directory.CreateDirectory(UploadFolder);
        }

        path = Path.Combine(UploadFolder, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + ".upload");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    private sealed class Progress(AnalysisJob job) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => job.Progress = value;
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Page analysis of a {Format} sample done: {Examples} examples, {Bytes} bytes")]
    private static partial void LogDone(ILogger logger, string format, int examples, long bytes);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Page analysis cancelled: nobody was waiting for it")]
    private static partial void LogAbandoned(ILogger logger);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "Page analysis refused a sample: unreadable at line {Line}")]
    private static partial void LogRefused(ILogger logger, long line);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Error, Message = "Page analysis failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
