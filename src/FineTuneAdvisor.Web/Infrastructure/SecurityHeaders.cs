namespace FineTuneAdvisor.Web.Infrastructure;

/// <summary>
/// Headers every response carries, error pages and static files included. The CSP allows no inline script or
/// style: all script and CSS are local files, and charts are SVG drawn with attributes.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>Paths that carry a secret (or links holding one): every answer there, errors and 429s included, is kept out of caches and indexes.</summary>
    private static readonly string[] SecretLinkPaths = ["/a", "/manage", "/assess/resume", "/api/assessments", "/compare", "/api/compare"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            // Decided on the path as asked: an error page re-executed later runs under /error/….
            if (IsSecretLinkPath(context.Request.Path))
            {
                context.Response.OnStarting(static state =>
                {
                    ((HttpContext)state).Response.MarkAsCapability();
                    return Task.CompletedTask;
                }, context);
            }

            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpContext)state).Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            }, context);
            return next(context);
        });

    private static bool IsSecretLinkPath(PathString path)
    {
        foreach (var prefix in SecretLinkPaths)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For pages reached through a secret link (share, resume, compare, exports): never stored by caches on the
    /// way, never indexed. Referrer-Policy: no-referrer is already on every response.
    /// </summary>
    public static void MarkAsCapability(this HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
    }
}
