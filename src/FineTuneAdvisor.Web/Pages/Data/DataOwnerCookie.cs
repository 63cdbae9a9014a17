using System.Security.Cryptography;

namespace FineTuneAdvisor.Web.Pages.Data;

/// <summary>
/// A random token in an HttpOnly cookie (path /data) that ties a browser to the analyses it started, so a report's
/// address alone (which may end up in a log) opens nothing.
/// </summary>
public static class DataOwnerCookie
{
    public const string Name = "advisor-data";

    public static string? Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = context.Request.Cookies[Name];
        return value is { Length: 43 } ? value : null;
    }

    public static string GetOrCreate(HttpContext context)
    {
        if (Read(context) is { } existing)
        {
            return existing;
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        context.Response.Cookies.Append(Name, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/data",
            IsEssential = true,
        });
        return token;
    }
}
