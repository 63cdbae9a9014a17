using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using FineTuneAdvisor.Web.Infrastructure.Redis;
using Microsoft.AspNetCore.RateLimiting;
using RedisRateLimiting;

namespace FineTuneAdvisor.Web.Infrastructure;

/// <summary>Per-client request limits (requests per minute, fixed window), from the "RateLimiting" section.</summary>
public sealed class RateLimitingOptions
{
    /// <summary>Share-link reads, page and API: enough for people, far too few to enumerate tokens.</summary>
    public int SharedLinksPerMinute { get; set; } = 120;

    /// <summary>Assessments created through the API.</summary>
    public int ApiWritesPerMinute { get; set; } = 60;

    /// <summary>Admin sign-in attempts (POST /admin/signin): each costs a 210,000-iteration password hash.</summary>
    public int AdminSignInsPerMinute { get; set; } = 10;

    /// <summary>
    /// The questionnaire's writes (next, back, submit, save for later, start over): a person answering quickly posts a
    /// few a minute; 60 leaves room for a shared office address and none for a script filling the disk.
    /// </summary>
    public int QuestionnaireWritesPerMinute { get; set; } = 60;
}

/// <summary>
/// The built-in rate limiter, partitioned by client address. Rejections are 429 with Retry-After (not the
/// default 503). Behind a proxy, configure forwarded headers so clients are told apart.
/// </summary>
public static class RateLimitingSetup
{
    public const string SharedLinks = "shared-links";
    public const string ApiWrites = "api-writes";
    public const string AdminSignIn = "admin-signin";
    public const string Questionnaire = "questionnaire-writes";

    public static IServiceCollection AddAdvisorRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("RateLimiting").Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SharedLinks, context => PerClient(context, SharedLinks, limits.SharedLinksPerMinute));
            options.AddPolicy(ApiWrites, context => PerClient(context, ApiWrites, limits.ApiWritesPerMinute));
            // Only the POST is limited: showing the form costs nothing, checking a password costs a hash.
            options.AddPolicy(AdminSignIn, context => HttpMethods.IsPost(context.Request.Method)
                ? PerClient(context, AdminSignIn, limits.AdminSignInsPerMinute)
                : RateLimitPartition.GetNoLimiter("admin-signin-form"));
            // Reading a step is free; each post writes the draft.
            options.AddPolicy(Questionnaire, context => HttpMethods.IsPost(context.Request.Method)
                ? PerClient(context, Questionnaire, limits.QuestionnaireWritesPerMinute)
                : RateLimitPartition.GetNoLimiter("questionnaire-reads"));
            options.OnRejected = static (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : context.Lease.TryGetMetadata(RedisRateLimiting.RateLimitMetadataName.RetryAfter, out var sharedRetryAfter)
                        ? Math.Max(1, sharedRetryAfter)
                        : 60;
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "global";
                http.RequestServices.GetRequiredService<RateLimitRejections>()
                    .Record(policy, ClientKey(http.Connection.RemoteIpAddress), TimeSpan.FromSeconds(seconds));
                return ValueTask.CompletedTask;
            };
        });
        services.AddSingleton<RateLimitRejections>();
        return services;
    }

    /// <summary>
    /// Who a limit counts: an IPv4 address, or an IPv6 /64 (one subscriber usually holds a whole /64, so counting
    /// single IPv6 addresses would give one person billions of budgets).
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>
    /// A fixed window per client and policy: in this instance's memory, or with <c>ConnectionStrings:Redis</c> set,
    /// counted in Redis for every instance together (this instance's own window standing in while Redis is down).
    /// </summary>
    private static RateLimitPartition<string> PerClient(HttpContext context, string policy, int permitsPerMinute)
    {
        var local = new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        };
        var client = ClientKey(context.Connection.RemoteIpAddress);
        var redis = context.RequestServices.GetService<RedisConnection>();
        if (redis is null)
        {
            return RateLimitPartition.GetFixedWindowLimiter(client, _ => local);
        }

        return RateLimitPartition.Get(client, key => new SharedRateLimiter(
            new RedisFixedWindowRateLimiter<string>($"{redis.Prefix}{policy}:{key}", new RedisFixedWindowRateLimiterOptions
            {
                PermitLimit = permitsPerMinute,
                Window = local.Window,
                ConnectionMultiplexerFactory = () => redis.Multiplexer,
            }),
            new FixedWindowRateLimiter(local),
            redis,
            context.RequestServices.GetRequiredService<ILogger<SharedRateLimiter>>()));
    }
}
