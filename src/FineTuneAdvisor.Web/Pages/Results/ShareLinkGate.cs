using FineTuneAdvisor.Web.Assessments;

namespace FineTuneAdvisor.Web.Pages.Results;

/// <summary>
/// Marks a page whose <c>{token}</c> must open a live share link: <see cref="ShareLinkGate"/> answers 404 for any
/// other before the page runs.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LiveShareLinkAttribute : Attribute;

/// <summary>
/// A share page asked for with a token that opens nothing (guessed, revoked or expired) is answered 404 here, after
/// the output cache and before Razor Pages, and the error page (itself output-cached) is re-executed as for any 404.
/// A guess then costs one indexed look-up of the token's hash instead of a page model, its model binding and its
/// filters as well. A live link goes on to its page, which skips the check it would otherwise make itself.
/// </summary>
public static class ShareLinkGate
{
    /// <summary>Set in <see cref="HttpContext.Items"/> once this request's link was found live; read through <see cref="LinkCheckedLive"/>.</summary>
    private static readonly object CheckedKey = new();

    public static IApplicationBuilder UseShareLinkGate(this IApplicationBuilder app) =>
        app.Use(static async (context, next) =>
        {
            var request = context.Request;
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && context.GetEndpoint()?.Metadata.GetMetadata<LiveShareLinkAttribute>() is not null)
            {
                var assessments = context.RequestServices.GetRequiredService<AssessmentService>();
                if (!await assessments.IsLiveLinkAsync(request.RouteValues["token"] as string, context.RequestAborted))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                context.Items[CheckedKey] = true;
            }

            await next(context);
        });

    /// <summary>True when <see cref="ShareLinkGate"/> found this request's link live.</summary>
    public static bool LinkCheckedLive(HttpContext context) => context?.Items.ContainsKey(CheckedKey) == true;
}
