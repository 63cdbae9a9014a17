using System.Diagnostics;
using FineTuneAdvisor.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace FineTuneAdvisor.Web.Pages;

/// <summary>
/// The friendly page for errors and bare status codes. A 404 says the same thing whatever was asked for,
/// so it never hints whether a share link exists.
/// </summary>
[IgnoreAntiforgeryToken(Order = 1001)]
[OutputCache(PolicyName = NotFoundPageCache.PolicyName)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "We could not complete your request. Nothing you saved was lost; please try again.";
    public string Reference { get; private set; } = "";
    public bool ShowReference { get; private set; }

    /// <summary>Runs whatever the method (a re-executed PUT or TRACE included), with or without a handler.</summary>
    public override void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var code = int.TryParse(context.RouteData.Values["code"]?.ToString(), out var value) ? value : (int?)null;
        var status = code ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = status;
        // The trace id every log line of this request carries (the console template's {TraceId}, JSON's @tr).
        Reference = Activity.Current is { } activity ? activity.TraceId.ToHexString() : HttpContext.TraceIdentifier;
        switch (status)
        {
            case StatusCodes.Status404NotFound when NotFoundKind(HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath) == MissingAddress.SecretLink:
                // The same words for a link that never existed, was revoked, expired or deleted: nothing to probe.
                Title = "This assessment is not shared";
                Message = "Nothing is shared at this link. It may be mistyped, or its owner may have revoked it, let it expire or deleted the assessment. Ask whoever sent it for a new link.";
                break;
            case StatusCodes.Status404NotFound when NotFoundKind(HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath) == MissingAddress.ResumeLink:
                Title = "These answers are no longer stored";
                Message = "This resume link no longer works. Unfinished answers are removed after some weeks untouched, or sooner when a great many are started from one address. Start the questionnaire again.";
                break;
            case StatusCodes.Status404NotFound:
                Title = "Page not found";
                Message = "There is nothing at this address. If someone shared a link with you, it may be mistyped or no longer shared.";
                break;
            case StatusCodes.Status400BadRequest:
                Title = "We could not accept that";
                Message = "The form may have expired. Go back, reload the page and try again; your saved answers are kept.";
                break;
            case StatusCodes.Status403Forbidden:
                Title = "You do not have access to this page";
                Message = "This part of the site is for administrators. If you need access, ask an administrator.";
                break;
            case StatusCodes.Status405MethodNotAllowed:
                Title = "That is not allowed here";
                Message = "This address only answers ordinary page requests.";
                break;
            case StatusCodes.Status408RequestTimeout:
                Title = "That took too long to arrive";
                Message = "The request arrived too slowly and was stopped. Nothing was saved: check your connection and try again.";
                break;
            case StatusCodes.Status413PayloadTooLarge:
                Title = "That is too large";
                Message = "The request is larger than this site accepts. Nothing was saved.";
                break;
            case StatusCodes.Status415UnsupportedMediaType:
                Title = "We could not read that form";
                Message = "The form was not sent the way this site reads forms. Nothing was saved: reload the page and send it again.";
                break;
            case StatusCodes.Status429TooManyRequests:
                Title = "Too many requests";
                Message = int.TryParse(Response.Headers.RetryAfter.ToString(), out var seconds)
                    ? $"This address sent more requests than this site takes in a minute. Try again in {seconds} seconds; nothing you saved was lost."
                    : "This address sent more requests than this site takes in a minute. Try again in a minute; nothing you saved was lost.";
                break;
            default:
                ShowReference = status >= 500;
                break;
        }

        // A more precise reason, when the request was refused for what its body was (RequestBodyGuard).
        if (status < 500 && HttpContext.Items[RequestBodyGuard.ProblemKey] is string reason)
        {
            Message = reason;
        }
    }

    /// <summary>What a 404's words depend on: the kind of address asked for, never the address itself.</summary>
    public enum MissingAddress
    {
        Page,
        SecretLink,
        ResumeLink,
    }

    public static MissingAddress NotFoundKind(string? originalPath) =>
        originalPath is null ? MissingAddress.Page
        : originalPath.StartsWith("/a/", StringComparison.OrdinalIgnoreCase) || originalPath.StartsWith("/manage/", StringComparison.OrdinalIgnoreCase) ? MissingAddress.SecretLink
        : originalPath.StartsWith("/assess/resume/", StringComparison.OrdinalIgnoreCase) ? MissingAddress.ResumeLink
        : MissingAddress.Page;
}
