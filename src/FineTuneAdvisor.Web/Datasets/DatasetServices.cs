using System.Globalization;
using System.Threading.RateLimiting;
using FineTuneAdvisor.Web.Infrastructure;
using FineTuneAdvisor.Web.Pages.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace FineTuneAdvisor.Web.Datasets;

public static class DatasetServices
{
    /// <summary>The page's upload (POST /data) is limited per client like the API's writes; its progress refreshes are not.</summary>
    public const string UploadsPolicy = "data-uploads";

    /// <summary>Room for the multipart framing and the form's other fields around the file.</summary>
    public const long MultipartOverheadBytes = 64 * 1024;

    /// <summary>The analyser and everything around it: options, tokenizers warmed at start-up, slots, the page's jobs, limits.</summary>
    public static IServiceCollection AddDatasetAnalysis(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Datasets");
        var options = section.Get<DatasetOptions>() ?? new DatasetOptions();
        if (options.MaxUploadBytes <= 0 || options.MaxConcurrentAnalyses <= 0)
        {
            throw new InvalidOperationException("Datasets:MaxUploadBytes and Datasets:MaxConcurrentAnalyses must be positive.");
        }

        services.Configure<DatasetOptions>(section);
        services.AddSingleton<TokenizerProvider>();
        services.AddSingleton<TokenizerWarmUp>();
        services.AddHealthChecks().AddCheck<TokenizerReadinessCheck>("tokenizers", tags: [Infrastructure.ServiceSetup.ReadyTag]);
        services.AddSingleton<DatasetAnalyzer>();
        services.AddSingleton<AnalysisSlots>();
        services.AddSingleton<AnalysisJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<AnalysisJobs>());

        var limits = configuration.GetSection("RateLimiting").Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        services.Configure<RateLimiterOptions>(rateLimiter => rateLimiter.AddPolicy(UploadsPolicy, context =>
            HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(RateLimitingSetup.ClientKey(context.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.ApiWritesPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("data-pages")));

        // Kestrel's global body limit is 1 MiB; the upload form alone may send a whole sample.
        var bodyLimit = options.MaxUploadBytes + MultipartOverheadBytes;
        services.Configure<RazorPagesOptions>(pages => pages.Conventions.AddFolderApplicationModelConvention("/Data", model =>
        {
            model.Filters.Add(new RequestSizeLimitAttribute(bodyLimit));
            model.Filters.Add(new UploadSizeFilter(bodyLimit, options.MaxUploadBytes));
            model.Filters.Add(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = bodyLimit, ValueLengthLimit = (int)Math.Min(int.MaxValue, bodyLimit) });
            model.EndpointMetadata.Add(new EnableRateLimitingAttribute(UploadsPolicy));
        }));
        return services;
    }

    /// <summary>Starts loading the tokenizers now, beside the migrations and the rest of start-up; readiness waits for them.</summary>
    public static void StartTokenizerWarmUp(this IServiceProvider services) => services.GetRequiredService<TokenizerWarmUp>().Start();

    public static string Describe(long bytes) => DatasetOptions.Describe(bytes);

    internal static string Seconds(int seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
