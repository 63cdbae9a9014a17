using FineTuneAdvisor.Web.Datasets;
using Microsoft.ML.Tokenizers;

namespace FineTuneAdvisor.Web.Tests.Datasets;

/// <summary>The cookbook's golden values (How_to_count_tokens_with_tiktoken.ipynb), reproduced exactly.</summary>
public sealed class TokenCounterTests
{
    private static readonly TokenizerProvider Provider = new();

    // The cookbook's six-message example; the API reported 129 prompt tokens for gpt-3.5/gpt-4 and 124 for gpt-4o.
    private static readonly ChatMessage[] CookbookMessages =
    [
        new("system", "You are a helpful, pattern-following assistant that translates corporate jargon into plain English."),
        new("system", "New synergies will help drive top-line growth.", "example_user"),
        new("system", "Things working well together will increase revenue.", "example_assistant"),
        new("system", "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.", "example_user"),
        new("system", "Let's talk later when we're less busy about how to do better.", "example_assistant"),
        new("user", "This late pivot means we don't have time to boil the ocean for the client deliverable."),
    ];

    private static async Task<Tokenizer> Get(string encoding) => await Provider.GetAsync(encoding);

    [Fact]
    public async Task O200k_TiktokenIsGreat_HasTheCookbooksIds()
    {
        var tokenizer = await Get(TargetModels.O200kBase);

        Assert.Equal([83, 8251, 2488, 382, 2212, 0], tokenizer.EncodeToIds("tiktoken is great!"));
    }

    [Theory]
    [InlineData(TargetModels.Cl100kBase, "antidisestablishmentarianism", new[] { 519, 85342, 34500, 479, 8997, 2191 })]
    [InlineData(TargetModels.O200kBase, "antidisestablishmentarianism", new[] { 493, 129901, 376, 160388, 21203, 2367 })]
    public async Task Encodings_LongWord_HaveTheCookbooksIds(string encoding, string text, int[] ids)
    {
        var tokenizer = await Get(encoding);

        Assert.Equal(ids, tokenizer.EncodeToIds(text));
    }

    [Theory]
    [InlineData(TargetModels.Cl100kBase, "2 + 2 = 4", 7)]
    [InlineData(TargetModels.O200kBase, "2 + 2 = 4", 7)]
    [InlineData(TargetModels.Cl100kBase, "お誕生日おめでとう", 9)]
    [InlineData(TargetModels.O200kBase, "お誕生日おめでとう", 8)]
    public async Task Encodings_CookbookStrings_CountAsTheCookbookSays(string encoding, string text, int count)
    {
        var counter = new TokenCounter(await Get(encoding));

        Assert.Equal(count, counter.Count(text));
    }

    [Theory]
    [InlineData(TargetModels.Cl100kBase, 129)]
    [InlineData(TargetModels.O200kBase, 124)]
    public async Task CountExample_CookbookMessages_MatchesTheApisPromptTokens(string encoding, int expected)
    {
        var counter = new TokenCounter(await Get(encoding));

        var (total, assistant) = counter.CountExample(CookbookMessages);

        Assert.Equal(expected, total);
        Assert.Equal(0, assistant);
    }

    [Fact]
    public async Task CountExample_AddsThreePerMessageOnePerNameAndThreePriming()
    {
        var counter = new TokenCounter(await Get(TargetModels.O200kBase));
        var content = counter.Count("Hello there");

        var (plain, _) = counter.CountExample([new ChatMessage("user", "Hello there")]);
        var (named, _) = counter.CountExample([new ChatMessage("user", "Hello there", "bob")]);
        var (withReply, assistant) = counter.CountExample([new ChatMessage("user", "Hello there"), new ChatMessage("assistant", "Hello there")]);

        Assert.Equal(3 + 1 + content + 3, plain);
        Assert.Equal(plain + 1 + counter.Count("bob"), named);
        Assert.Equal(plain + 3 + 1 + content, withReply);
        Assert.Equal(content, assistant);
    }

    [Fact]
    public async Task Provider_ManyRequests_BuildEachVocabularyOnce()
    {
        var before = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Provider.GetAsync(TargetModels.O200kBase)));
        var again = await new TokenizerProvider().GetAsync(TargetModels.O200kBase);

        Assert.All(before, t => Assert.Same(again, t));
        Assert.True(TokenizerProvider.CreatedCount <= TargetModels.Encodings.Count, $"built {TokenizerProvider.CreatedCount} times");
    }
}
