namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>Temporary: replaced at merge by the accounts branch's version, which signs in as an admin.</summary>
public static class AdminClients
{
    public static async Task<HttpClient> CreateAdminClientAsync(this AdvisorAppFactory app, string email = "admin@example.test")
    {
        ArgumentNullException.ThrowIfNull(app);
        await Task.CompletedTask;
        return app.CreateBrowserClient();
    }
}
