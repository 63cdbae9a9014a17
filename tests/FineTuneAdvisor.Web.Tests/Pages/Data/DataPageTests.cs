using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FineTuneAdvisor.Web.Datasets;
using FineTuneAdvisor.Web.Pages.Data;
using FineTuneAdvisor.Web.Tests.Datasets;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FineTuneAdvisor.Web.Tests.Pages.Data;

public sealed class DataPageTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static string Sample => Samples.Lines([.. Samples.VariedChats(25), Samples.Chat("Reach me at ann@example.org", "Noted.")]);

    private static MultipartFormDataContent UploadForm(IHtmlDocument page, byte[]? file, string fileName = "sample.jsonl", string? text = null)
    {
        var token = page.QuerySelector<IHtmlInputElement>("form.data-form input[name=__RequestVerificationToken]")!.Value;
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "Input.File", fileName);
        }

        form.Add(new StringContent(text ?? ""), "Input.Text");
        form.Add(new StringContent(TargetModels.Default.Id), "Input.Model");
        return form;
    }

    [Fact]
    public async Task Get_ShowsAnUploadFormWithAntiforgeryThatWorksWithoutScript()
    {
        var client = _app.CreateBrowserClient();

        var page = await client.GetDocumentAsync("/data");

        var form = page.QuerySelector<IHtmlFormElement>("form.data-form")!;
        Assert.Equal("multipart/form-data", form.Enctype);
        Assert.Equal("post", form.Method);
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.NotNull(form.QuerySelector("input[type=file][name='Input.File']"));
        Assert.NotNull(form.QuerySelector("textarea[name='Input.Text']"));
        Assert.Equal(TargetModels.All.Count, form.QuerySelectorAll("select[name='Input.Model'] option").Length);
        Assert.Contains("Up to 50 MB", page.Body!.TextContent);
    }

    [Fact]
    public async Task Paste_ThroughTheForm_ShowsTheReportWithSuggestionsAndEvidence()
    {
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/data");

        using var posted = await client.SubmitAsync(page, "Analyse", new Dictionary<string, string> { ["Input.Text"] = Sample });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.StartsWith("/data/report/", location, StringComparison.Ordinal);
        using var shown = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.True(shown.Headers.CacheControl?.NoStore);
        var report = await shown.ReadDocumentAsync();
        Assert.Equal("Your training data, measured", report.QuerySelector("h1")!.TextContent);
        Assert.Contains("Pasted sample: 26 examples in Chat JSONL", Squash(report.QuerySelector(".lead")!.TextContent));
        Assert.Equal("26", report.QuerySelector("[data-question=example_count]")!.GetAttribute("data-value"));
        Assert.Equal("Curated", report.QuerySelector("[data-question=data_quality]")!.TextContent);
        Assert.Equal("internal", report.QuerySelector("[data-question=data_sensitivity]")!.GetAttribute("data-value"));
        Assert.Contains("line 26: a***@e***.org", report.QuerySelector(".pii-table")!.TextContent);
        Assert.DoesNotContain("ann@example.org", report.Body!.InnerHtml);
        Assert.False(shown.Headers.Contains("Refresh"));
    }

    [Fact]
    public async Task Upload_AFileThroughTheMultipartForm_ShowsItsReport()
    {
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/data");

        using var posted = await client.PostAsync("/data", UploadForm(page, Encoding.UTF8.GetBytes(Sample), "support-chats.jsonl"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var report = await client.GetDocumentAsync(posted.Headers.Location!.OriginalString);
        Assert.StartsWith("support-chats.jsonl: 26 examples", Squash(report.QuerySelector(".lead")!.TextContent), StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(AnalysisJobs.UploadFolder) ? Directory.GetFiles(AnalysisJobs.UploadFolder, "*.upload").Where(f => File.GetLastWriteTimeUtc(f) > DateTime.UtcNow.AddSeconds(-5) && new FileInfo(f).Length == Encoding.UTF8.GetByteCount(Sample)) : []);
    }

    [Fact]
    public async Task Post_WithoutTheAntiforgeryToken_IsRefused()
    {
        var client = _app.CreateBrowserClient();
        await client.GetDocumentAsync("/data");
        using var form = new MultipartFormDataContent { { new StringContent(Sample), "Input.Text" } };

        using var posted = await client.PostAsync("/data", form);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal(0, _app.Services.GetRequiredService<AnalysisJobs>().Count);
    }

    [Theory]
    [InlineData("", "", "file", "Choose a file to upload, or paste a few examples below.")]
    [InlineData("x", "{}", "file", "Upload a file or paste text, not both")]
    public async Task Post_NothingOrBoth_ShowsTheErrorBesideTheField(string file, string text, string field, string message)
    {
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/data");
        using var form = UploadForm(page, file.Length == 0 ? null : Encoding.UTF8.GetBytes(file), text: text);

        using var posted = await client.PostAsync("/data", form);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var shown = await posted.ReadDocumentAsync();
        Assert.Contains(message, shown.QuerySelector($"#error-{field}")!.TextContent);
        Assert.Equal("true", shown.QuerySelector($"#field-{field}")!.GetAttribute("aria-invalid"));
        Assert.Equal(text, shown.QuerySelector<IHtmlTextAreaElement>("#field-text")!.Value);
    }

    [Fact]
    public async Task Post_AFileOverTheLimit_Is413WithTheLimitBesideTheField()
    {
        _app.WithSetting("Datasets:MaxUploadBytes", "2048");
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/data");

        using var posted = await client.PostAsync("/data", UploadForm(page, Encoding.UTF8.GetBytes(Sample)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, posted.StatusCode);
        var shown = await posted.ReadDocumentAsync();
        Assert.Contains("over the 2 KB limit", shown.QuerySelector("#error-file")!.TextContent);
    }

    [Fact]
    public async Task Post_FarOverTheLimit_IsRefusedUnreadAndTheFormSaysWhy()
    {
        _app.WithSetting("Datasets:MaxUploadBytes", "2048");
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/data");

        // Over the limit plus the room left for the form's framing: refused on its Content-Length, before antiforgery reads it.
        using var posted = await client.PostAsync("/data", UploadForm(page, new byte[200_000]));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        using var shown = await client.GetAsync(posted.Headers.Location);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, shown.StatusCode);
        Assert.Contains("over the 2 KB limit", (await shown.ReadDocumentAsync()).QuerySelector("#error-file")!.TextContent);
        Assert.Equal(0, _app.Services.GetRequiredService<AnalysisJobs>().Count);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x7D, 0x0A, 0xC3, 0x28, 0x0A }, "Line 2 is not valid UTF-8")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x00, 0x0A }, "Line 1 holds binary data")]
    public async Task Post_AnUnreadableFile_ShowsWhyBesideTheFieldNamingTheLine(byte[] file, string message)
    {
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/data");

        using var posted = await client.PostAsync("/data", UploadForm(page, file));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var shown = await posted.ReadDocumentAsync();
        Assert.Contains(message, shown.QuerySelector("#error-file")!.TextContent);
        Assert.Contains(message, shown.QuerySelector("#error-summary")!.TextContent);
        Assert.Equal("#field-file", shown.QuerySelector("#error-summary a")!.GetAttribute("href"));
        Assert.Equal("help-file error-file", shown.QuerySelector("#field-file")!.GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task Report_FromAnotherBrowser_Is404()
    {
        var owner = _app.CreateBrowserClient();
        var page = await owner.GetDocumentAsync("/data");
        using var posted = await owner.SubmitAsync(page, "Analyse", new Dictionary<string, string> { ["Input.Text"] = Sample });
        var stranger = _app.CreateBrowserClient();

        using var response = await stranger.GetAsync(posted.Headers.Location);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Report_WhileRunning_ShowsProgressRefreshesAndIsCancelledOnceNobodyWatches()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        _app.Time = time;
        var owner = new string('o', 43);
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{DataOwnerCookie.Name}={owner}");
        var jobs = _app.Services.GetRequiredService<AnalysisJobs>();
        var slots = _app.Services.GetRequiredService<AnalysisSlots>();
        var head = Encoding.UTF8.GetBytes(Samples.Lines(Samples.VariedChats(3000)));
        var stream = new HeldStream(head);
        var job = jobs.Start(new AnalysisSource(() => stream, () => { }, head.Length * 2L, "slow.jsonl"), TargetModels.Default, owner, 1L << 30)!;
        await WaitUntil(() => job.Progress.Examples > 0);

        using var running = await client.GetAsync($"/data/report/{job.Id}");
        var page = await running.ReadDocumentAsync();

        Assert.Equal(HttpStatusCode.OK, running.StatusCode);
        Assert.Equal("2", Assert.Single(running.Headers.GetValues("Refresh")));
        Assert.Equal("Analysing your sample…", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector(".analysis-progress progress[max='100']"));
        Assert.Contains("examples so far", page.QuerySelector(".analysis-progress")!.TextContent);

        // Watched every 20 s: still running. Then nobody looks for more than 30 s: cancelled, slot freed.
        time.Advance(TimeSpan.FromSeconds(20));
        (await client.GetAsync($"/data/report/{job.Id}")).Dispose();
        time.Advance(TimeSpan.FromSeconds(20));
        jobs.Sweep();
        Assert.Equal(JobState.Running, job.State);
        time.Advance(TimeSpan.FromSeconds(31));
        jobs.Sweep();
        await job.Completion;

        Assert.Equal(JobState.Cancelled, job.State);
        Assert.Equal(0, slots.InUse);
        var stopped = await client.GetDocumentAsync($"/data/report/{job.Id}");
        Assert.Equal("The analysis was stopped", stopped.QuerySelector("h1")!.TextContent);

        // A finished job is forgotten after 30 minutes.
        time.Advance(AnalysisJobs.KeptFor + TimeSpan.FromSeconds(1));
        jobs.Sweep();
        using var gone = await client.GetAsync($"/data/report/{job.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Post_WhenEverySlotIsTaken_Is429AndSaysWhenToComeBack()
    {
        var slots = _app.Services.GetRequiredService<AnalysisSlots>();
        using var first = slots.TryEnter();
        using var second = slots.TryEnter();
        var client = _app.CreateBrowserClient();
        var page = await client.GetDocumentAsync("/data");

        using var posted = await client.SubmitAsync(page, "Analyse", new Dictionary<string, string> { ["Input.Text"] = Sample });

        Assert.Equal(HttpStatusCode.TooManyRequests, posted.StatusCode);
        Assert.NotNull(posted.Headers.RetryAfter);
        var shown = await posted.ReadDocumentAsync();
        Assert.Contains("Try again in 10 seconds", shown.QuerySelector("#error-text")!.TextContent);
        Assert.Equal(Sample.TrimEnd(), shown.QuerySelector<IHtmlTextAreaElement>("#field-text")!.Value.TrimEnd());
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 400 && !condition(); attempt++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "The condition never held.");
    }

    /// <summary>Serves its bytes, then waits (cancellably) as an upload still on its way would.</summary>
    private sealed class HeldStream(byte[] head) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < head.Length)
            {
                var n = Math.Min(buffer.Length, head.Length - _position);
                head.AsMemory(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
