using System.Net.Sockets;
using System.Text;

namespace FineTuneAdvisor.Web.Tests.Support;

/// <summary>
/// HTTP/1.1 written by hand on a socket, for requests HttpClient refuses to send: a broken chunked body, a body
/// trickled byte by byte. Loopback only; every read and write is bounded.
/// </summary>
public static class RawHttp
{
    public sealed record Response(int Status, string Head, string Body);

    /// <summary>
    /// Sends <paramref name="head"/> (request line and headers, without the blank line), then lets
    /// <paramref name="sendBody"/> write the body, and reads the whole response (the connection is closed after it).
    /// </summary>
    public static async Task<Response> SendAsync(Uri server, string head, Func<NetworkStream, CancellationToken, Task> sendBody, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(sendBody);
        using var timeout = new CancellationTokenSource(limit);
        using var socket = new TcpClient();
        await socket.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = socket.GetStream();
        var request = head.TrimEnd('\r', '\n') + $"\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);

        // The server may answer (and stop reading) before the body is all sent: read while writing.
        var reading = ReadAllAsync(stream, timeout.Token);
        using var answered = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        _ = reading.ContinueWith(_ => answered.Cancel(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await sendBody(stream, answered.Token);
        }
        catch (IOException)
        {
            // The server closed its side after answering: what it said is what counts.
        }
        catch (OperationCanceledException) when (reading.IsCompleted)
        {
        }

        var text = await reading;
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headText = split < 0 ? text : text[..split];
        var status = headText.Length >= 12 && int.TryParse(headText.AsSpan(9, 3), out var code) ? code : 0;
        return new Response(status, headText, split < 0 ? "" : text[(split + 4)..]);
    }

    /// <summary>Writes <paramref name="text"/> as it is.</summary>
    public static Func<NetworkStream, CancellationToken, Task> Body(string text) =>
        (stream, token) => stream.WriteAsync(Encoding.UTF8.GetBytes(text), token).AsTask();

    /// <summary>Writes <paramref name="text"/> one byte at a time, <paramref name="interval"/> apart, until the server answers.</summary>
    public static Func<NetworkStream, CancellationToken, Task> Trickle(string text, TimeSpan interval) =>
        async (stream, token) =>
        {
            foreach (var b in Encoding.UTF8.GetBytes(text))
            {
                await stream.WriteAsync(new[] { b }, token);
                await Task.Delay(interval, token);
            }
        };

    private static async Task<string> ReadAllAsync(NetworkStream stream, CancellationToken token)
    {
        using var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // Reset after the response: keep what arrived.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }
}
