using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>
/// The real app on Kestrel (real limits, real sockets) on a free port of the loopback interface only: a browser can reach it
/// and nothing else on the network can.
/// </summary>
public sealed class KestrelAppFactory : AdvisorAppFactory
{
    public KestrelAppFactory() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    /// <summary>Starts the server and returns the address Kestrel bound, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new Uri(addresses.Single());
    }
}
