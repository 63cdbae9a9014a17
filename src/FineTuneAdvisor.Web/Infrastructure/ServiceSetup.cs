using FineTuneAdvisor.Web.Admin;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Questionnaire;
using FineTuneAdvisor.Web.Sharing;
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
        services.AddScoped<OwnerService>();
        services.AddScoped<DraftStore>();
        services.AddScoped<AuditLog>();
        services.AddScoped<RuleSetStore>();
        services.Configure<DraftOptions>(configuration.GetSection("Drafts"));
        services.AddHostedService<DraftCleanup>();
        services.AddValidatorsFromAssemblyContaining<AnswersValidator>(ServiceLifetime.Singleton);

        services.AddRazorPages(options =>
        {
            options.Conventions.AddPageRoute("/Results/Show", Pages.Results.ShowModel.FamilyRoute);
            options.Conventions.AddPageRoute("/Results/Revise", Pages.Results.ReviseModel.FamilyRoute);
            // The fallback policy already requires an admin; the folder says so explicitly, and the public pages
            // are opened one by one.
            options.Conventions.AuthorizeFolder("/Admin", AdminPolicy.Name);
            options.Conventions.AllowAnonymousToPage("/Admin/SignIn");
            options.Conventions.AllowAnonymousToPage("/Index");
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AllowAnonymousToFolder("/Assess");
            options.Conventions.AllowAnonymousToFolder("/Results");
            options.Conventions.AllowAnonymousToFolder("/Compare");
            options.Conventions.AllowAnonymousToFolder("/Manage");
            options.Conventions.AllowAnonymousToFolder("/Data");
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "advisor-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // frame-ancestors 'none' in the CSP does this job; the header is set there too.
            options.SuppressXFrameOptionsHeader = true;
        });
        // The manage page's one-time messages (a new share link, for one) travel in an encrypted cookie.
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = "advisor-tempdata";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<AdvisorDbContext>("database");
        services.AddAdvisorForwardedHeaders(configuration);
        // A year, the length browsers' preload lists expect; the default 30 days lets a lapse reopen plain HTTP.
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        services.AddAdvisorRateLimiting(configuration);
        services.AddOutputCache(options =>
        {
            // A saved assessment never changes, so its rendered page is kept (bounded) instead of rebuilt per read.
            // Only 200s without cookies are stored: unknown tokens cost nothing here. Anything that changes what
            // a share page shows must evict them through SharePageCache.
            options.SizeLimit = 64 * 1024 * 1024;
            // Tokens are case-sensitive: /a/abc and /a/ABC are different links, and only one of them exists.
            options.UseCaseSensitivePaths = true;
            // An owner's browser sees its own "Manage" panel, so it never shares a cached page with viewers.
            options.AddPolicy(SharePagesPolicy, policy => policy
                .Expire(TimeSpan.FromMinutes(10))
                .Tag(SharePagesTag)
                .VaryByValue(context => new KeyValuePair<string, string>("generation", context.RequestServices.GetRequiredService<SharePageCache>().Generation))
                .With(context => !OwnerCookie.IsPresent(context.HttpContext.Request)));
        });
        services.AddSingleton<SharePageCache>();
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
        app.MapHealthChecks("/healthz", new HealthCheckOptions()).AllowAnonymous();
        return app;
    }
}
