using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FineTuneAdvisor.Web.Assessments;

namespace FineTuneAdvisor.Web.Tests.Assessments;

public sealed partial class ShareTokensTests
{
    [Fact]
    public void ShareTokens_Create_Gives43CharacterBase64UrlOf32RandomBytes()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => ShareTokens.Create()).ToList();

        Assert.Equal(1000, tokens.Select(t => t.Token).Distinct(StringComparer.Ordinal).Count());
        var ones = 0L;
        foreach (var (token, hash) in tokens)
        {
            Assert.Equal(43, token.Length);
            Assert.Matches(TokenShape(), token);
            Assert.True(ShareTokens.IsWellFormed(token));
            var bytes = Base64Url.DecodeFromChars(token);
            Assert.Equal(32, bytes.Length);
            Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(token)), hash);
            ones += bytes.Sum(b => System.Numerics.BitOperations.PopCount(b));
        }

        // Sanity bound only (checklist C01): a broken generator, not bad luck, lands outside 45-55% ones.
        Assert.InRange(ones / (1000.0 * 32 * 8), 0.45, 0.55);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex TokenShape();
}
