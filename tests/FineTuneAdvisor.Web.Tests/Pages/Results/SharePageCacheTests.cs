using System.Net;
using FineTuneAdvisor.Web.Pages.Results;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Pages.Results;

/// <summary>
/// An eviction that lands while a share page is being rendered (an owner revoking at that moment) must not leave
/// the page rendered from the old data in the output cache: it would be served for up to ten minutes. Only SQLite
/// keeps share pages in memory (SharePageCache.IsCacheable), so this is a SQLite test.
/// </summary>
[Trait(TestDatabases.Trait, TestDatabases.SqliteOnly)]
public sealed class SharePageCacheTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();
    private readonly EvictWhileRendering _filter = new();
    private readonly WebApplicationFactory<Program> _host;

    public SharePageCacheTests()
    {
        _host = _app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.Configure<MvcOptions>(options => options.Filters.Add(_filter))));
    }

    public void Dispose()
    {
        _host.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task Eviction_WhileAPageRenders_KeepsThatPageFromBeingServedLater()
    {
        var created = await ApiAssessments.CreateAsync(_host.CreateClient());
        var reader = _host.CreateClient();

        _filter.EvictDuringNextRender = true;
        await GetAsync(reader, created.ShareToken);
        await GetAsync(reader, created.ShareToken);
        var afterEviction = _filter.Renders;
        await GetAsync(reader, created.ShareToken);

        // The second read rendered afresh; the third, with no eviction in between, came from the cache.
        Assert.Equal(2, afterEviction);
        Assert.Equal(2, _filter.Renders);
    }

    private static async Task GetAsync(HttpClient client, string token)
    {
        using var response = await client.GetAsync($"/a/{token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Counts share-page renders; once asked, evicts after the page has read its data but before it is stored.</summary>
    private sealed class EvictWhileRendering : IAsyncPageFilter
    {
        private int _renders;

        public bool EvictDuringNextRender { get; set; }

        public int Renders => Volatile.Read(ref _renders);

        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            await next();
            if (context.ActionDescriptor.ViewEnginePath != "/Results/Show")
            {
                return;
            }

            Interlocked.Increment(ref _renders);
            if (EvictDuringNextRender)
            {
                EvictDuringNextRender = false;
                await context.HttpContext.RequestServices.GetRequiredService<SharePageCache>().EvictAsync(CancellationToken.None);
            }
        }
    }
}
