namespace FineTuneAdvisor.Web.Infrastructure;

/// <summary>
/// Headers every response carries, error pages and static files included. The CSP allows no inline script or
/// style: all script and CSS are local files, and charts are SVG drawn with attributes. This is also the one place
/// that keeps answers out of caches and search indexes (<c>no-store</c>, <c>noindex</c>): pages and endpoints never
/// set those headers themselves.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>
    /// Paths whose answers are private: they carry a secret link (share, manage, resume), show one (the saved draft's
    /// resume link, a comparison of two share links), report on someone's training data or belong to the admin area.
    /// </summary>
    private static readonly string[] PrivatePaths =
        ["/a", "/manage", "/assess/resume", "/assess/saved", "/api/assessments", "/compare", "/api/compare", "/admin", "/data/report", "/api/datasets"];

    private static readonly Func<object, Task> SetHeaders = static state =>
    {
        var response = ((HttpContext)state).Response;
        SetBaseline(response);
        // An error page may echo what was asked for; a redirect to a private path carries its token in Location.
        if (response.StatusCode >= StatusCodes.Status400BadRequest || IsPrivate(response.Headers.Location.ToString()))
        {
            KeepPrivate(response);
        }

        return Task.CompletedTask;
    };

    private static readonly Func<object, Task> SetPrivateHeaders = static state =>
    {
        var response = ((HttpContext)state).Response;
        SetBaseline(response);
        KeepPrivate(response);
        return Task.CompletedTask;
    };

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            // Decided on the path as asked: an error page re-executed later runs under /error/….
            context.Response.OnStarting(IsPrivate(context.Request.Path) ? SetPrivateHeaders : SetHeaders, context);
            return next(context);
        });

    private static void SetBaseline(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
        headers.XFrameOptions = "DENY";
    }

    /// <summary>Never stored by a cache on the way, never indexed. Referrer-Policy: no-referrer is already on every response.</summary>
    private static void KeepPrivate(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
    }

    private static bool IsPrivate(PathString path)
    {
        foreach (var prefix in PrivatePaths)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A redirect's target, relative (<c>/a/…</c>) or absolute (<c>https://host/a/…</c>).</summary>
    private static bool IsPrivate(string location)
    {
        var path = location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal) ? location.Split('?', '#')[0]
            : Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsolutePath
            : "";
        return path.Length > 0 && IsPrivate(new PathString(path));
    }
}
