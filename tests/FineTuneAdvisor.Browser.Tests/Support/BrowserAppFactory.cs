using System.Net;
using FineTuneAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Browser.Tests.Support;

/// <summary>
/// The real app served by Kestrel on a free port of the loopback interface only, so a real browser can reach it
/// and nothing else on the network can.
/// </summary>
public sealed class BrowserAppFactory : AdvisorAppFactory
{
    public BrowserAppFactory() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    /// <summary>Starts the server and returns the address Kestrel bound, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new Uri(addresses.Single());
    }
}
