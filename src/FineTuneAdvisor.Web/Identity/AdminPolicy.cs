namespace FineTuneAdvisor.Web.Identity;

/// <summary>The one role and the authorization policy every page under /admin requires.</summary>
public static class AdminPolicy
{
    public const string Name = "Admin";
    public const string Role = "Admin";
}
