using System.Buffers;

namespace FineTuneAdvisor.Web.Api;

/// <summary>A JSON endpoint's request body, read whole into pooled memory up to the endpoint's own limit.</summary>
public static class BoundedBody
{
    /// <summary>
    /// Reads at most <paramref name="maxBytes"/>; null when the body is larger. Enforced here, not only by Kestrel,
    /// so the limit holds on every server.
    /// </summary>
    public static async Task<IMemoryOwner<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var owner = MemoryPool<byte>.Shared.Rent(maxBytes + 1);
        var buffer = owner.Memory[..(maxBytes + 1)];
        var total = 0;
        int read;
        try
        {
            while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer[total..], cancellationToken)) > 0)
            {
                total += read;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit stopped a body with no Content-Length first.
            owner.Dispose();
            return null;
        }
        catch
        {
            owner.Dispose();
            throw;
        }

        if (total > maxBytes)
        {
            owner.Dispose();
            return null;
        }

        return new Slice(owner, total);
    }

    private sealed class Slice(IMemoryOwner<byte> owner, int length) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory => owner.Memory[..length];

        public void Dispose() => owner.Dispose();
    }
}
