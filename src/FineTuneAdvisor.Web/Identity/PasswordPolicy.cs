using System.Text;
using Microsoft.AspNetCore.Identity;

namespace FineTuneAdvisor.Web.Identity;

/// <summary>
/// The admin password rules (OWASP ASVS 5.0 6.2): at least <see cref="MinimumLength"/> characters (Unicode code points,
/// so an emoji counts once), at most <see cref="MaximumLength"/>, no composition rules, any Unicode, checked exactly as
/// typed (no trimming, no case folding), and not one of the bundled common passwords. The list is
/// <c>Identity/common-passwords.txt</c>, one password a line, compared case-insensitively; add lines to extend it.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<IdentityUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 1024;

    public const string TooShort = "PasswordTooShort";
    public const string TooLong = "PasswordTooLong";
    public const string TooCommon = "PasswordTooCommon";

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    public static IReadOnlyCollection<string> CommonPasswords => Common.Value;

    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user, string? password) =>
        Task.FromResult(Check(password) is { Count: > 0 } errors ? IdentityResult.Failed([.. errors]) : IdentityResult.Success);

    /// <summary>Every rule the password breaks, each with a code and a message that names the rule.</summary>
    public static IReadOnlyList<IdentityError> Check(string? password)
    {
        var text = password ?? "";
        var length = CountCodePoints(text);
        var errors = new List<IdentityError>();
        if (length < MinimumLength)
        {
            errors.Add(new IdentityError { Code = TooShort, Description = $"Use at least {MinimumLength} characters; a few unrelated words make a good password." });
        }
        else if (length > MaximumLength)
        {
            errors.Add(new IdentityError { Code = TooLong, Description = $"Use at most {MaximumLength} characters." });
        }

        if (length >= MinimumLength && Common.Value.Contains(text))
        {
            errors.Add(new IdentityError { Code = TooCommon, Description = "This password is on the list of commonly used passwords; choose another." });
        }

        return errors;
    }

    private static int CountCodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("FineTuneAdvisor.Web.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line);
            }
        }

        return set;
    }
}
