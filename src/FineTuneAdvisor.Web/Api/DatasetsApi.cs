using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using FineTuneAdvisor.Web.Datasets;
using FineTuneAdvisor.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace FineTuneAdvisor.Web.Api;

/// <summary>
/// <c>POST /api/datasets/analyze</c>: a training-data sample as the body or as the multipart field <c>file</c>,
/// streamed into the analyser (never buffered), answered with the report as JSON, or as Server-Sent Events
/// (progress, then the report) when the client accepts <c>text/event-stream</c>. A client that leaves cancels
/// the analysis. Nothing of the content is logged.
/// </summary>
public static partial class DatasetsApi
{
    public static readonly IReadOnlyList<string> BodyContentTypes = ["application/jsonl", "application/x-ndjson", "text/csv"];

    public static IEndpointRouteBuilder MapDatasetsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/datasets/analyze", AnalyzeAsync)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitingSetup.ApiWrites)
            .WithTags("Datasets")
            .WithName("AnalyzeDataset")
            .WithSummary("Measures a training-data sample: format, format errors, tokens, duplicates, personal data, variety and suggested answers.")
            .WithDescription("Send chat JSONL, prompt/completion JSONL or CSV (prompt and completion columns) as the body, or as the multipart field `file`. "
                + "`?model=` picks the target model (default openai:gpt-4o-mini-2024-07-18). With `Accept: text/event-stream` the answer is a stream of "
                + "`progress` events and a final `report` (or `error`) event.")
            .Accepts<string>(BodyContentTypes[0], [.. BodyContentTypes.Skip(1), "multipart/form-data"])
            .Produces<DatasetReport>(StatusCodes.Status200OK, "application/json", "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The multipart form has one binary field; the other bodies are the file itself.
                if (operation.RequestBody?.Content is { } content)
                {
                    content["multipart/form-data"] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { "file" },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                            },
                        },
                    };
                    foreach (var type in BodyContentTypes)
                    {
                        content[type] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
                    }
                }

                return Task.CompletedTask;
            });
        return app;
    }

    private static async Task<IResult> AnalyzeAsync(
        HttpContext context, string? model, DatasetAnalyzer analyzer, AnalysisSlots slots, IOptions<DatasetOptions> options,
        ILogger<DatasetAnalyzer> logger, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxUploadBytes;
        var target = TargetModels.Find(model);
        if (target is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["model"] = [$"Unknown model. Choose one of: {string.Join(", ", TargetModels.All.Select(m => m.Id))}."],
            });
        }

        var request = context.Request;
        var multipart = request.HasFormContentType && MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (!multipart && !IsSampleContentType(request.ContentType))
        {
            return TypedResults.Problem(
                $"Send the sample as the body with Content-Type {string.Join(", ", BodyContentTypes)}, or as the multipart/form-data field \"file\".",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type");
        }

        // Kestrel's global limit is 1 MiB (Program.cs); this endpoint takes a whole sample.
        var bodyLimit = limit + (multipart ? DatasetServices.MultipartOverheadBytes : 0);
        if (request.ContentLength > bodyLimit)
        {
            return TooLarge(limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = bodyLimit;
        }

        var lease = slots.TryEnter();
        if (lease is null)
        {
            context.Response.Headers.RetryAfter = DatasetServices.Seconds(AnalysisSlots.RetryAfterSeconds);
            return TypedResults.Problem(
                $"{slots.Capacity} analyses are already running on this server. Try again in {AnalysisSlots.RetryAfterSeconds} seconds.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many analyses at once");
        }

        var handedOver = false;
        try
        {
            PipeReader input;
            if (multipart)
            {
                var file = await OpenFileSectionAsync(request, cancellationToken);
                if (file is null)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["file"] = ["Required: the sample as the multipart field \"file\"."],
                    });
                }

                input = PipeReader.Create(file);
            }
            else
            {
                input = request.BodyReader;
            }

            var analysis = new AnalysisRequest(target, limit, multipart ? null : request.ContentLength);
            if (request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase)))
            {
                handedOver = true;
                return TypedResults.ServerSentEvents(StreamAsync(analyzer, input, analysis, lease, logger, cancellationToken));
            }

            var watch = Stopwatch.StartNew();
            var report = await analyzer.AnalyzeAsync(input, analysis, null, cancellationToken);
            LogAnalysed(logger, report.Format, report.Examples, report.Bytes, watch.ElapsedMilliseconds);
            return TypedResults.Ok(report);
        }
        catch (Exception e) when (Problem(e, limit, logger) is { } problem)
        {
            return problem;
        }
        finally
        {
            if (!handedOver)
            {
                lease.Dispose();
            }
        }
    }

    /// <summary>Progress events while the sample is read, then one <c>report</c> event (or an <c>error</c> event with a ProblemDetails).</summary>
    private static async IAsyncEnumerable<SseItem<object>> StreamAsync(
        DatasetAnalyzer analyzer, PipeReader input, AnalysisRequest request, IDisposable lease, ILogger logger,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (lease)
        {
            var updates = Channel.CreateUnbounded<AnalysisProgress>(new UnboundedChannelOptions { SingleReader = true });
            var watch = Stopwatch.StartNew();
            var analysis = RunAsync();
            AnalysisProgress? last = null;
            await foreach (var update in updates.Reader.ReadAllAsync(cancellationToken))
            {
                if (update != last)
                {
                    last = update;
                    yield return new SseItem<object>(update, "progress");
                }
            }

            var (report, problem) = await analysis;
            if (report is not null)
            {
                LogAnalysed(logger, report.Format, report.Examples, report.Bytes, watch.ElapsedMilliseconds);
                yield return new SseItem<object>(report, "report");
            }
            else if (problem is not null)
            {
                yield return new SseItem<object>(problem, "error");
            }

            async Task<(DatasetReport?, ProblemDetails?)> RunAsync()
            {
                try
                {
                    return (await analyzer.AnalyzeAsync(input, request, new ChannelProgress(updates.Writer), cancellationToken), null);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    LogCancelled(logger);
                    return (null, null);
                }
                catch (Exception e) when (ProblemDetailsOf(e, request.MaxBytes, logger) is { } problem)
                {
                    return (null, problem);
                }
                finally
                {
                    updates.Writer.Complete();
                }
            }
        }
    }

    private static ProblemHttpResult? Problem(Exception e, long limit, ILogger logger)
    {
        if (e is OperationCanceledException)
        {
            LogCancelled(logger);
            return null;
        }

        var problem = ProblemDetailsOf(e, limit, logger);
        return problem is null ? null : TypedResults.Problem(problem);
    }

    /// <summary>What a failure means for the client; null for failures that are bugs (they stay 500s, logged).</summary>
    private static ProblemDetails? ProblemDetailsOf(Exception e, long limit, ILogger logger)
    {
        switch (e)
        {
            case DatasetInputException input:
                LogRefused(logger, input.Line);
                var problem = new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The file is not a sample we can read",
                    Detail = input.Message,
                };
                problem.Extensions["line"] = input.Line;
                return problem;
            case UploadTooLargeException:
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                LogTooLarge(logger, limit);
                return new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge, Title = "Sample too large", Detail = new UploadTooLargeException(limit).Message };
            case InvalidDataException:
                // MultipartReader: a malformed body or oversized headers.
                return new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Malformed multipart body", Detail = "The multipart/form-data body could not be read. Send the sample as the field \"file\"." };
            case IOException when e is not BadHttpRequestException:
                // The body ended early: a multipart body without its closing boundary. (Kestrel's own refusals, a
                // broken chunk or a body too slow, stay BadHttpRequestException for RequestBodyGuard's 400 and 408.)
                return new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Unreadable body",
                    Detail = "The request body ended before the sample did (a multipart body must end with its closing boundary). Send the whole sample again.",
                };
            default:
                return null;
        }
    }

    private static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(new UploadTooLargeException(limit).Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Sample too large");

    private static bool IsSampleContentType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && BodyContentTypes.Any(t => type.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase));

    /// <summary>Streams the multipart body up to the section named "file" and returns that section's body, unbuffered.</summary>
    private static async Task<Stream?> OpenFileSectionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new InvalidDataException("No multipart boundary.");
        }

        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                && HeaderUtilities.RemoveQuotes(disposition.Name).Equals("file", StringComparison.Ordinal))
            {
                return section.Body;
            }
        }

        return null;
    }

    private sealed class ChannelProgress(ChannelWriter<AnalysisProgress> writer) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => writer.TryWrite(value);
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Analysed a {Format} sample: {Examples} examples, {Bytes} bytes in {ElapsedMs} ms")]
    private static partial void LogAnalysed(ILogger logger, string format, int examples, long bytes, long elapsedMs);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Refused a sample: unreadable at line {Line}")]
    private static partial void LogRefused(ILogger logger, long line);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Refused a sample over the {Limit}-byte limit")]
    private static partial void LogTooLarge(ILogger logger, long limit);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Dataset analysis cancelled: the client left")]
    private static partial void LogCancelled(ILogger logger);
}
