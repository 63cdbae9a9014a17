using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.OutputCaching;

namespace FineTuneAdvisor.Web.Pages;

/// <summary>
/// A 404 page says the same words for every address of its kind (a secret link, a resume link, any other page), so
/// it is rendered once per kind and then served from the output cache: a flood of guessed links costs a look-up and
/// a copy, not a page render each. Only anonymous GETs (no cookie, no Authorization header) are cached, so a signed-in
/// admin's page, which shows the admin navigation, is never kept or handed to anyone else.
/// </summary>
public sealed class NotFoundPageCache : IOutputCachePolicy
{
    public const string PolicyName = "not-found-page";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var reExecuted = http.Features.Get<IStatusCodeReExecuteFeature>();
        var cacheable = HttpMethods.IsGet(request.Method)
            && reExecuted is { OriginalStatusCode: StatusCodes.Status404NotFound }
            && request.Headers.Cookie.Count == 0
            && request.Headers.Authorization.Count == 0
            && !http.Items.ContainsKey(Infrastructure.RequestBodyGuard.ProblemKey);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (cacheable)
        {
            context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
            context.CacheVaryByRules.VaryByValues["kind"] = ErrorModel.NotFoundKind(reExecuted!.OriginalPath).ToString();
        }

        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    /// <summary>Only the 404 itself is kept, never a response that sets a cookie.</summary>
    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status404NotFound || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
