using FineTuneAdvisor.Web.Admin;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Questionnaire;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace FineTuneAdvisor.Web.Infrastructure;

public static class ServiceSetup
{
    public const string SharePagesPolicy = "share-pages";
    public const string SharePagesTag = "share-pages";

    public static IServiceCollection AddAdvisorServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ActiveRuleSet>();
        services.AddSingleton<WriteGate>();
        services.AddScoped<AssessmentService>();
        services.AddScoped<DraftStore>();
        services.AddScoped<AuditLog>();
        services.AddScoped<RuleSetStore>();
        services.Configure<AdminOptions>(configuration.GetSection("Admin"));
        services.Configure<DraftOptions>(configuration.GetSection("Drafts"));
        services.AddHostedService<DraftCleanup>();
        services.AddValidatorsFromAssemblyContaining<AnswersValidator>(ServiceLifetime.Singleton);

        services.AddRazorPages();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "advisor-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // frame-ancestors 'none' in the CSP does this job; the header is set there too.
            options.SuppressXFrameOptionsHeader = true;
        });
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<AdvisorDbContext>("database");
        services.AddAdvisorRateLimiting(configuration);
        services.AddOutputCache(options =>
        {
            // A saved assessment never changes, so its rendered page is kept (bounded) instead of rebuilt per read.
            // Only 200s without cookies are stored: unknown tokens cost nothing here. Anything that changes what
            // a share page shows must evict SharePagesTag.
            options.SizeLimit = 64 * 1024 * 1024;
            // Tokens are case-sensitive: /a/abc and /a/ABC are different links, and only one of them exists.
            options.UseCaseSensitivePaths = true;
            options.AddPolicy(SharePagesPolicy, policy => policy.Expire(TimeSpan.FromMinutes(10)).Tag(SharePagesTag));
        });
        return services;
    }

    /// <summary>
    /// Outside Development an exception never shows its details: pages get a friendly error page with a
    /// reference, the API gets problem+json. 404s and other bare status codes get the same friendly page.
    /// </summary>
    public static WebApplication UseAdvisorErrorHandling(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

        if (!app.Environment.IsDevelopment())
        {
            // problem+json for the API, with no exception detail.
            app.UseWhen(IsApi, api => api.UseExceptionHandler());
            app.UseWhen(c => !IsApi(c), pages => pages.UseExceptionHandler("/error"));
            app.UseHsts();
        }

        app.UseWhen(c => !IsApi(c), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        return app;
    }

    public static WebApplication MapAdvisorHealthChecks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The body stays a bare Healthy/Unhealthy: no exception text reaches the caller.
        app.MapHealthChecks("/healthz", new HealthCheckOptions());
        return app;
    }
}
