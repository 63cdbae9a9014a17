using Microsoft.AspNetCore.Routing.Patterns;

namespace FineTuneAdvisor.Web.Infrastructure;

public static class PageMethods
{
    private static readonly HttpMethodMetadata GetHeadPost = new([HttpMethods.Get, HttpMethods.Head, HttpMethods.Post]);

    /// <summary>
    /// Pages answer GET, HEAD and POST only; OPTIONS, TRACE, PUT and the rest get 405. The error page stays open
    /// to every method, because a failed request is re-executed there with its original method.
    /// </summary>
    public static void AllowOnlyGetHeadPost(EndpointBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint is RouteEndpointBuilder { RoutePattern: RoutePattern pattern } && pattern.RawText?.StartsWith("error", StringComparison.Ordinal) != true)
        {
            endpoint.Metadata.Add(GetHeadPost);
        }
    }
}
