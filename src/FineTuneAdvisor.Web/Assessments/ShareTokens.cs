using System.Buffers.Text;
using System.Security.Cryptography;

namespace FineTuneAdvisor.Web.Assessments;

/// <summary>
/// Capability secrets: 32 bytes from the cryptographic generator, base64url (43 characters). Only their
/// SHA-256 is stored; at 256 bits an unsalted hash is enough (ASVS 6.5.2).
/// </summary>
public static class ShareTokens
{
    public const int TokenLength = 43;

    public static (string Token, byte[] Hash) Create()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));

    /// <summary>Rejects anything that cannot be a token before it costs a database look-up.</summary>
    public static bool IsWellFormed(string? token)
    {
        if (token is null || token.Length != TokenLength)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A short random public id for API clients (96 bits).</summary>
    public static string CreatePublicId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
}
