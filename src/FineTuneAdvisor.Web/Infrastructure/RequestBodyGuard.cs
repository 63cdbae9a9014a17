using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace FineTuneAdvisor.Web.Infrastructure;

/// <summary>
/// Requests whose body cannot be read as what it claims to be get a 4xx that says so, never a 500 with a stack
/// trace: a broken chunked encoding or a form over the server's limits (400), a body trickling in slower than
/// Kestrel's minimum data rate (408), a form in a charset other than UTF-8 (415). A form is read here, before
/// antiforgery and model binding, so that its problems surface as themselves (antiforgery would report any of them
/// as a missing token) and so that a field sent twice is refused instead of silently taking its first value.
/// Pages show the reason on the friendly error page; the API answers problem+json.
/// </summary>
public static partial class RequestBodyGuard
{
    /// <summary>The reason shown on the error page, kept in <see cref="HttpContext.Items"/> for the re-executed request.</summary>
    public static readonly object ProblemKey = new();

    public static IApplicationBuilder UseRequestBodyGuard(this IApplicationBuilder app) =>
        app.Use(static async (context, next) =>
        {
            var request = context.Request;
            // The error page re-executed for this request: its body was judged already.
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
            {
                await next(context);
                return;
            }

            // The API takes JSON only and answers any form with its own 415; forms are read for pages.
            var isPage = !request.Path.StartsWithSegments("/api");
            if (isPage && UnsupportedCharset(request) is { } charset)
            {
                await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType,
                    $"The form was sent in the '{charset}' character set; this site reads forms in UTF-8 only, as browsers send them. Nothing was saved: reload the page and send it again.");
                return;
            }

            try
            {
                if (isPage && request.HasFormContentType && !DeclaredOverLimit(context) && (await request.ReadFormAsync(context.RequestAborted)) is var form
                    && RepeatedField(form) is { } repeated)
                {
                    await RefuseAsync(context, StatusCodes.Status400BadRequest,
                        $"The field '{Quote(repeated)}' was sent more than once; a form sends each field once. Nothing was saved: reload the page and try again.");
                    return;
                }

                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                await RefuseAsync(context, e.StatusCode, MessageFor(e.StatusCode), e.Message);
            }
            catch (InvalidDataException e) when (!context.Response.HasStarted && e.InnerException is InvalidOperationException)
            {
                // The URL decoder refuses %00 (and broken escapes) in a form: no field may hold a NUL.
                await RefuseAsync(context, StatusCodes.Status400BadRequest,
                    "The form holds a character that text cannot hold, such as NUL (%00). Nothing was saved: go back, remove it and send the form again.", e.Message);
            }
            catch (InvalidDataException e) when (!context.Response.HasStarted)
            {
                // Form limits (more than 1,024 fields, a value over 4 MiB) and malformed multipart bodies.
                await RefuseAsync(context, StatusCodes.Status400BadRequest,
                    "The form could not be read: it is malformed, or has more fields or longer values than this site accepts. Nothing was saved.", e.Message);
            }
        });

    /// <summary>
    /// A body whose Content-Length is already over this endpoint's limit is left unread: the endpoint says so in its
    /// own words (the /data form states its upload limit beside the file field), or reading it later answers 413 here.
    /// </summary>
    private static bool DeclaredOverLimit(HttpContext context) =>
        context.Request.ContentLength > (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize);

    /// <summary>The charset a form or JSON body declares, when it is not UTF-8 (or its ASCII subset); null when it is or none is named.</summary>
    private static string? UnsupportedCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.Charset.Length == 0)
        {
            return null;
        }

        var isForm = type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (!isForm)
        {
            return null;
        }

        var charset = type.Charset.Value!.Trim('"', ' ');
        return charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)
            ? null
            : charset;
    }

    /// <summary>
    /// A field that came more than once. Model binding would take the first copy and drop the others unseen, which
    /// lets a crafted request say one thing to one reader and another to the next; no form of this site repeats a name.
    /// </summary>
    private static string? RepeatedField(IFormCollection form)
    {
        foreach (var (name, values) in form)
        {
            if (values.Count > 1)
            {
                return name;
            }
        }

        return form.Files.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
    }

    private static string MessageFor(int status) => status switch
    {
        StatusCodes.Status408RequestTimeout =>
            "The request arrived too slowly and was stopped before it was complete. Nothing was saved: check your connection and try again.",
        StatusCodes.Status413PayloadTooLarge => "The request is larger than this site accepts. Nothing was saved.",
        _ => "The request could not be read: its body was malformed or cut short. Nothing was saved: reload the page and try again.",
    };

    private static async Task RefuseAsync(HttpContext context, int status, string message, string? detail = null)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestBodyGuard));
        LogRefused(logger, status, detail ?? message);
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Detail = message },
            });
            return;
        }

        // The friendly error page (status code pages re-execute /error/{status}) shows this message.
        context.Items[ProblemKey] = message;
    }

    /// <summary>Field names come from the request: quoted back short and without line breaks.</summary>
    private static string Quote(string name)
    {
        var oneLine = name.ReplaceLineEndings(" ");
        return oneLine.Length <= 60 ? oneLine : oneLine[..60] + "…";
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Refused an unreadable request with {StatusCode}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int statusCode, string reason);

}
