using Serilog;
using Serilog.Events;

namespace FineTuneAdvisor.Web.Infrastructure;

public static class LoggingSetup
{
    /// <summary>
    /// Serilog from the "Serilog" configuration section plus any sinks registered in DI (tests add a capturing one).
    /// No bootstrap logger: it breaks test hosts. The static <c>Log.Logger</c> is left alone, so each host's
    /// Microsoft.Extensions.Logging events go to that host's own logger, even with several hosts in one process.
    /// </summary>
    public static IServiceCollection AddAdvisorLogging(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSerilog((provider, logger) => logger
            .ReadFrom.Configuration(configuration)
            .ReadFrom.Services(provider)
            .Enrich.FromLogContext()
            .Enrich.With<SecretMaskingEnricher>(), preserveStaticLogger: true);

    /// <summary>
    /// One structured line per request; the path's tokens are masked before the event is built. Placed before error
    /// handling, so a request whose error page is re-executed still logs one line, with the status it got.
    /// </summary>
    public static IApplicationBuilder UseAdvisorRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // This host's own logger, not the global Log.Logger that the last host started would own.
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            // A 429 is counted and logged once per client and window by RateLimitRejections: a flood adds no line per request.
            options.GetLevel = static (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
                : context.Response.StatusCode == StatusCodes.Status429TooManyRequests ? LogEventLevel.Debug
                : LogEventLevel.Information;
            options.GetMessageTemplateProperties = (context, path, elapsed, status) =>
            [
                new("RequestMethod", new Serilog.Events.ScalarValue(context.Request.Method)),
                new("RequestPath", new Serilog.Events.ScalarValue(SecretMaskingEnricher.MaskText(path))),
                new("StatusCode", new Serilog.Events.ScalarValue(status)),
                new("Elapsed", new Serilog.Events.ScalarValue(elapsed)),
            ];
        });
}
