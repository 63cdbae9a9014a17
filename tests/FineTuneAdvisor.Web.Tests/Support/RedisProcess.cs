using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>
/// A redis-server of one test's own on a free loopback port, to take down and bring back: what it holds is saved to
/// a file of its own on shutdown and loaded again on start, as a real outage would leave it.
/// </summary>
public sealed class RedisProcess : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ftadvisor-redis", Path.GetRandomFileName());
    private Process? _process;

    public RedisProcess()
    {
        Directory.CreateDirectory(_directory);
        Port = FreePort();
    }

    public int Port { get; }

    public string Server => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server",
            ["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", _directory,
             "--dbfilename", "dump.rdb", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start");
        await WaitUntilAsync(listening: true);
    }

    /// <summary>Saves what it holds and stops: clients see the connection drop.</summary>
    public async Task StopAsync()
    {
        using (var cli = Process.Start("redis-cli", ["-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "shutdown", "save"]))
        {
            await cli.WaitForExitAsync();
        }

        await _process!.WaitForExitAsync();
        await WaitUntilAsync(listening: false);
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the OS.
        }
    }

    private async Task WaitUntilAsync(bool listening)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (IsListening() == listening)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"redis-server on port {Port} did not {(listening ? "start" : "stop")}");
    }

    private bool IsListening()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
