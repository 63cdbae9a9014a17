using Microsoft.AspNetCore.OutputCaching;

namespace FineTuneAdvisor.Web.Infrastructure.Redis;

public static class RedisSetup
{
    /// <summary>
    /// With <c>ConnectionStrings:Redis</c> set, instances share the output cache, the rate limits and the signals that
    /// keep their memory current. Without it nothing here is registered but the (silent) <see cref="InstanceSignals"/>.
    /// Call after <c>AddOutputCache</c>: the Redis store replaces the in-memory one.
    /// </summary>
    public static IServiceCollection AddAdvisorRedis(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            services.AddSingleton(sp => new InstanceSignals(sp.GetRequiredService<ILogger<InstanceSignals>>()));
            return services;
        }

        var options = configuration.GetSection("Redis").Get<RedisOptions>() ?? new RedisOptions();
        services.AddSingleton(sp => new RedisConnection(connectionString, options, sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddSingleton(sp => new InstanceSignals(sp.GetRequiredService<ILogger<InstanceSignals>>(), sp.GetRequiredService<RedisConnection>()));

        services.AddStackExchangeRedisOutputCache(redis =>
        {
            redis.InstanceName = options.KeyPrefix + "output-cache:";
        });
        services.AddOptions<Microsoft.AspNetCore.OutputCaching.StackExchangeRedis.RedisOutputCacheOptions>()
            .Configure<IServiceProvider>((redis, sp) =>
            {
                var connection = sp.GetRequiredService<RedisConnection>();
                redis.ConnectionMultiplexerFactory = () => Task.FromResult(connection.Multiplexer);
            });

        // ASP.NET Core's Redis store, behind the wrapper that keeps requests working while Redis is down.
        var store = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(store);
        services.AddSingleton<IOutputCacheStore>(sp => new SharedOutputCacheStore(
            Create(sp, store), sp.GetRequiredService<RedisConnection>(), sp.GetRequiredService<ILogger<SharedOutputCacheStore>>()));
        return services;
    }

    private static IOutputCacheStore Create(IServiceProvider services, ServiceDescriptor descriptor) => (IOutputCacheStore)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
