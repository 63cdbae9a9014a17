using System.Net;
using FineTuneAdvisor.Web.Datasets;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Datasets;

public sealed class TokenizerWarmUpTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task StartUp_LoadsTheTokenizersOnce_ReadinessWaitsForThem_AndRequestsShareThem()
    {
        var client = _app.CreateClient();
        var warmUp = _app.Services.GetRequiredService<TokenizerWarmUp>();

        // Start-up began the load (Program.cs); ready means loaded, so no analysis on a ready instance waits for a vocabulary.
        using var health = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(warmUp.Completion.IsCompletedSuccessfully);

        var provider = _app.Services.GetRequiredService<TokenizerProvider>();
        Assert.True(provider.GetAsync(TargetModels.O200kBase).IsCompletedSuccessfully);
        Assert.True(provider.GetAsync(TargetModels.Cl100kBase).IsCompletedSuccessfully);
        using var content = new StringContent(Samples.Chat("hi", "hello") + "\n", System.Text.Encoding.UTF8, "application/jsonl");
        using var analysed = await client.PostAsync("/api/datasets/analyze", content);

        Assert.Equal(HttpStatusCode.OK, analysed.StatusCode);
        Assert.Same(await provider.GetAsync(TargetModels.O200kBase), await new TokenizerProvider().GetAsync(TargetModels.O200kBase));
        Assert.True(TokenizerProvider.CreatedCount <= TargetModels.Encodings.Count, $"built {TokenizerProvider.CreatedCount} times");
    }

    [Fact]
    public async Task Liveness_DoesNotWaitForTheTokenizers()
    {
        using var live = await _app.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
