using System.Net;
using FineTuneAdvisor.Web.Datasets;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FineTuneAdvisor.Web.Tests.Datasets;

public sealed class TokenizerWarmUpTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task StartUp_WarmsTheTokenizersInTheBackgroundOnceAndRequestsShareThem()
    {
        var client = _app.CreateClient();
        var warmUp = _app.Services.GetServices<IHostedService>().OfType<TokenizerWarmUp>().Single();

        // Starting the warm-up returns at once: loading happens off the start-up path.
        Assert.True(warmUp.StartAsync(CancellationToken.None).IsCompleted);
        using var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        var provider = _app.Services.GetRequiredService<TokenizerProvider>();
        await provider.WarmUpAsync();
        using var content = new StringContent(Samples.Chat("hi", "hello") + "\n", System.Text.Encoding.UTF8, "application/jsonl");
        using var analysed = await client.PostAsync("/api/datasets/analyze", content);

        Assert.Equal(HttpStatusCode.OK, analysed.StatusCode);
        Assert.Same(await provider.GetAsync(TargetModels.O200kBase), await new TokenizerProvider().GetAsync(TargetModels.O200kBase));
        Assert.True(TokenizerProvider.CreatedCount <= TargetModels.Encodings.Count, $"built {TokenizerProvider.CreatedCount} times");
    }
}
