using FineTuneAdvisor.Web.Api;
using FineTuneAdvisor.Web.Assessments;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Infrastructure.Redis;
using FineTuneAdvisor.Web.Pages.Admin.Rules;
using FineTuneAdvisor.Web.Pages.Assess;
using FineTuneAdvisor.Web.Pages.Manage;
using FineTuneAdvisor.Web.Pages.Results;
using FineTuneAdvisor.Web.VersionedDocuments;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace FineTuneAdvisor.Web.Infrastructure;

public static class ServiceSetup
{
    public static IServiceCollection AddAdvisorServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ActiveRuleSet>();
        services.AddHttpContextAccessor();
        services.AddScoped<Links>();
        services.AddSingleton<Costs.ActiveCatalogue>();
        services.AddSingleton<Costs.AssessmentCosts>();
        services.AddScoped<AssessmentService>();
        services.AddSingleton<AssessmentWriter>();
        services.AddScoped<OwnerService>();
        services.AddScoped<YourAssessments>();
        services.AddScoped<DraftStore>();
        services.AddSingleton<DraftClients>();
        services.AddScoped<AuditLog>();
        services.AddSingleton<RuleSetKind>();
        services.AddScoped<RuleSetStore>();
        services.Configure<DraftOptions>(configuration.GetSection("Drafts"));
        services.AddHostedService<DraftCleanup>();
        services.AddOptions<RuleSetRefreshOptions>()
            .Bind(configuration.GetSection("RuleSets"))
            .Validate(o => o.RefreshSeconds is >= 1 and <= 3600, "RuleSets:RefreshSeconds must be a whole number of seconds from 1 to 3600.")
            .ValidateOnStart();
        services.AddHostedService<RuleSetRefresh>();
        services.AddSingleton<Pages.Admin.Catalogue.CatalogueKind>();
        services.AddScoped<Pages.Admin.Catalogue.CatalogueStore>();
        services.AddHostedService<Pages.Admin.Catalogue.CatalogueRefresh>();
        services.AddValidatorsFromAssemblyContaining<AnswersValidator>(ServiceLifetime.Singleton);

        services.AddRazorPages(options =>
        {
            AddFamilyRoute(options.Conventions, "/Results/Show", ShowModel.FamilyRoute);
            AddFamilyRoute(options.Conventions, "/Results/Revise", ReviseModel.FamilyRoute);
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
        services.AddOpenApi(options => options.AddSchemaTransformer<ApiSchemaTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseReadinessCheck>("database", tags: [ReadyTag]);
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
            options.SizeLimit = 64 * 1024 * 1024;
            // Tokens are case-sensitive: /a/abc and /a/ABC are different links, and only one of them exists.
            options.UseCaseSensitivePaths = true;
            options.AddPolicy(Pages.NotFoundPageCache.PolicyName, new Pages.NotFoundPageCache());
        });
        services.AddAdvisorRedis(configuration);
        services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>().Configure<DatabaseSettings, InstanceSignals>(SharePageCache.AddPolicy);
        services.AddSingleton<SharePageCache>();
        return services;
    }

    /// <summary>
    /// A share page's second address, another revision of its family seen through the same link. Links are made to
    /// both addresses (AddPageRoute would stop links to the page's own route); with a revision's id given, this one
    /// is tried first.
    /// </summary>
    private static void AddFamilyRoute(PageConventionCollection conventions, string page, string template) =>
        conventions.AddPageRouteModelConvention(page, model => model.Selectors.Add(new SelectorModel
        {
            AttributeRouteModel = new AttributeRouteModel { Template = template, Order = -1 },
        }));

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

    /// <summary>The checks <c>/health/ready</c> runs: the database, and the data analyser's tokenizers.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Liveness (<c>/health/live</c>: the process answers; no check runs, so a database outage never gets the process
    /// restarted) and readiness (<c>/health/ready</c>, and <c>/healthz</c> as before: the database can be read and
    /// written, and the data analyser's tokenizers are loaded). Bodies stay a bare Healthy/Unhealthy: no exception text reaches the caller. Not rate limited.
    /// </summary>
    public static WebApplication MapAdvisorHealthChecks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) };
        app.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        app.MapHealthChecks("/healthz", ready).AllowAnonymous();
        return app;
    }
}
