using Microsoft.AspNetCore.Routing.Patterns;

namespace FineTuneAdvisor.Web.Infrastructure;

public static class PageMethods
{
    private static readonly HttpMethodMetadata GetHeadPost = new([HttpMethods.Get, HttpMethods.Head, HttpMethods.Post]);

    /// <summary>
    /// Pages answer GET, HEAD and POST only; OPTIONS, TRACE, PUT and the rest get 405. The error page stays open
    /// to every method, because a failed request is re-executed there with its original method. A page that names
    /// its own methods (<see cref="PostOnlyAttribute"/>) keeps them.
    /// </summary>
    public static void AllowOnlyGetHeadPost(EndpointBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint is RouteEndpointBuilder { RoutePattern: RoutePattern pattern } && pattern.RawText?.StartsWith("error", StringComparison.Ordinal) != true
            && !endpoint.Metadata.OfType<IHttpMethodMetadata>().Any())
        {
            endpoint.Metadata.Add(GetHeadPost);
        }
    }
}

/// <summary>A page that only accepts POST (sign-out): GET and the rest get 405.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PostOnlyAttribute : Attribute, IHttpMethodMetadata
{
    public IReadOnlyList<string> HttpMethods { get; } = [Microsoft.AspNetCore.Http.HttpMethods.Post];

    public bool AcceptCorsPreflight => false;
}
