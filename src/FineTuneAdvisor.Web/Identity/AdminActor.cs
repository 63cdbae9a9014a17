using System.Security.Claims;

namespace FineTuneAdvisor.Web.Identity;

/// <summary>Who an audit entry names: the signed-in admin's user name (an email), or "unknown".</summary>
public static class AdminActor
{
    public const string Unknown = "unknown";
    public const string System = "system";

    public static string Of(ClaimsPrincipal? user)
    {
        var name = user?.Identity?.Name;
        return string.IsNullOrWhiteSpace(name) ? Unknown : name;
    }
}
