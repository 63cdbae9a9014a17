using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace FineTuneAdvisor.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy, the client's address (rate limits) and scheme (Secure cookies, https links, HSTS) come
/// from X-Forwarded-For and X-Forwarded-Proto, but only from the proxies named in configuration: trusting the
/// headers from anyone would let a client pick its own address and escape every per-client limit.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddAdvisorForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var (proxies, networks) = Configured(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // One proxy in front: only the address it saw is believed, not what a client wrote before it.
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"{Section}:KnownProxies: '{proxy}' is not an IP address."));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{Section}:KnownNetworks: '{network}' is not a network such as 10.0.0.0/8."));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, and only when a proxy is configured; without one the headers are ignored.</summary>
    public static WebApplication UseAdvisorForwardedHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var (proxies, networks) = Configured(app.Configuration);
        if (proxies.Count > 0 || networks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    /// <summary>Each setting as a list (<c>KnownProxies:0</c>, <c>KnownProxies:1</c>…) or one comma-separated value.</summary>
    private static (List<string> Proxies, List<string> Networks) Configured(IConfiguration configuration) =>
        (ListOf(configuration.GetSection($"{Section}:KnownProxies")), ListOf(configuration.GetSection($"{Section}:KnownNetworks")));

    private static List<string> ListOf(IConfigurationSection section) =>
        [.. (section.Value ?? "").Split(',')
            .Concat(section.GetChildren().Select(c => c.Value ?? ""))
            .Select(item => item.Trim())
            .Where(item => item.Length > 0)];
}
