using FineTuneAdvisor.Web.Assessments;

namespace FineTuneAdvisor.Web.Pages.Manage;

/// <summary>
/// Keeps the manage tokens of the assessments this browser created, so their owner finds the way back to
/// "Manage" from the shared page. HttpOnly: page scripts never see the tokens. A second, short-lived cookie
/// marks the assessment just created, whose manage link the result page shows in full once.
/// </summary>
public static class OwnerCookie
{
    public const string Name = "advisor-owner";
    public const string JustCreatedName = "advisor-owner-new";

    /// <summary>The most recent assessments a browser keeps; older ones drop off (their links still work).</summary>
    public const int MaxTokens = 20;

    public static IReadOnlyList<string> Tokens(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Cookies[Name];
        return string.IsNullOrEmpty(value) ? [] : [.. value.Split('.').Where(ShareTokens.IsWellFormed)];
    }

    /// <summary>
    /// The owner's token for the assessment with this manage-token hash, if this browser holds it. A plain comparison
    /// of hashes: how long it takes could at most hint at the stored hash, and a hash leads back to no token.
    /// </summary>
    public static string? TokenFor(HttpRequest request, byte[] manageTokenHash) =>
        Tokens(request).FirstOrDefault(t => ShareTokens.Hash(t).AsSpan().SequenceEqual(manageTokenHash));

    public static void Remember(HttpContext context, string manageToken, string publicId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokens = Tokens(context.Request).Where(t => t != manageToken).Prepend(manageToken).Take(MaxTokens);
        context.Response.Cookies.Append(Name, string.Join('.', tokens), Options(context, TimeSpan.FromDays(365)));
        context.Response.Cookies.Append(JustCreatedName, publicId, Options(context, TimeSpan.FromMinutes(10)));
    }

    public static void Forget(HttpContext context, string manageToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokens = Tokens(context.Request).Where(t => t != manageToken).ToList();
        if (tokens.Count == 0)
        {
            context.Response.Cookies.Delete(Name, Options(context, TimeSpan.Zero));
        }
        else
        {
            context.Response.Cookies.Append(Name, string.Join('.', tokens), Options(context, TimeSpan.FromDays(365)));
        }
    }

    /// <summary>True once, on the first result page shown after creating this assessment.</summary>
    public static bool TakeJustCreated(HttpContext context, string publicId)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies[JustCreatedName] != publicId)
        {
            return false;
        }

        context.Response.Cookies.Delete(JustCreatedName, Options(context, TimeSpan.Zero));
        return true;
    }

    public static bool IsPresent(HttpRequest request) => request?.Cookies.ContainsKey(Name) == true;

    // Lax, not Strict: the owner usually arrives from a chat or a ticket, a cross-site top-level navigation.
    // The cookie only changes what a GET shows to its holder; every change is a POST with antiforgery.
    private static CookieOptions Options(HttpContext context, TimeSpan maxAge) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
        MaxAge = maxAge,
    };
}
