using System.Buffers.Binary;
using System.Net;
using FineTuneAdvisor.Web.Data;
using FineTuneAdvisor.Web.Identity;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FineTuneAdvisor.Web.Tests.Identity;

/// <summary>Password storage and policy (checklist C12, C13).</summary>
public sealed class PasswordTests : IDisposable
{
    private readonly AdvisorAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task SignIn_WithA100kIterationHash_RehashesAt210kPbkdf2Sha512()
    {
        var user = await _app.EnsureAdminAsync("old@example.test");
        var oldHasher = new PasswordHasher<IdentityUser>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        await SetHashAsync(user.Id, oldHasher.HashPassword(user, AdminClients.Password));
        Assert.Equal(100_000, Decode(await StoredHashAsync(user.Id)).Iterations);

        using var signedIn = await _app.CreateBrowserClient().SignInAsync("old@example.test", AdminClients.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var stored = Decode(await StoredHashAsync(user.Id));
        Assert.Equal((byte)0x01, stored.Marker);
        Assert.Equal(2u, stored.Prf); // KeyDerivationPrf.HMACSHA512
        Assert.True(stored.Iterations >= 210_000, $"{stored.Iterations} iterations.");
        Assert.Equal(16, stored.SaltLength);
    }

    [Fact]
    public async Task NewAccount_IsHashedWithTheConfiguredCount()
    {
        var user = await _app.EnsureAdminAsync("new@example.test");

        var stored = Decode(await StoredHashAsync(user.Id));

        Assert.Equal(((byte)0x01, 2u, AdminAuthSetup.PasswordIterations, 16), stored);
    }

    [Theory]
    [InlineData("twelve chars")]
    [InlineData("correct-horse-in-a-meadow")]
    [InlineData("ÄÖÜ äöü ß 漢字かな 🙂🙂 עברית")]
    [InlineData("           a space-only-ish one")]
    public void Policy_LongOrUnicodePasswords_AreAccepted(string password)
    {
        Assert.Empty(PasswordPolicy.Check(password));
    }

    [Fact]
    public void Policy_VeryLongPassword_IsAcceptedAndVerifiedExactly()
    {
        var password = string.Concat(Enumerable.Repeat("長い🙂passphrase ", 60));
        Assert.Empty(PasswordPolicy.Check(password));
        var hasher = _app.Services.GetRequiredService<IPasswordHasher<IdentityUser>>();
        var user = new IdentityUser();
        var hash = hasher.HashPassword(user, password);

        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(user, hash, password));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, hash, password[..^1]));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, hash, password.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("short", PasswordPolicy.TooShort)]
    [InlineData("elevenchars", PasswordPolicy.TooShort)]
    [InlineData("🙂🙂🙂🙂🙂🙂", PasswordPolicy.TooShort)] // 12 UTF-16 units, 6 characters
    [InlineData("Password1234", PasswordPolicy.TooCommon)]
    [InlineData("QWERTYUIOP123", PasswordPolicy.TooCommon)]
    public void Policy_RefusesShortAndCommonPasswords_NamingTheRule(string password, string code)
    {
        Assert.Equal(code, Assert.Single(PasswordPolicy.Check(password)).Code);
    }

    [Fact]
    public void Policy_EveryBundledCommonPassword_IsRefused()
    {
        Assert.True(PasswordPolicy.CommonPasswords.Count > 1000);
        Assert.All(PasswordPolicy.CommonPasswords, password => Assert.NotEmpty(PasswordPolicy.Check(password)));
    }

    private async Task SetHashAsync(string id, string hash)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, hash));
    }

    private async Task<string> StoredHashAsync(string id)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        return await db.Users.Where(u => u.Id == id).Select(u => u.PasswordHash!).SingleAsync();
    }

    /// <summary>Identity's V3 format: 0x01, PRF, iteration count, salt length (big-endian uint32 each), salt, subkey.</summary>
    private static (byte Marker, uint Prf, int Iterations, int SaltLength) Decode(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        return (bytes[0], BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)),
            (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9)));
    }
}
