using System.Net;
using System.Net.Http.Headers;

namespace FineTuneAdvisor.Web.Tests.Datasets;

/// <summary>
/// A request body that sends its first part at once and the rest only when <see cref="Release"/> is called: an
/// upload still on its way, so tests can hold analyses open, or leave in the middle of one.
/// </summary>
public sealed class SlowContent : HttpContent
{
    private readonly byte[] _head;
    private readonly byte[] _tail;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SlowContent(byte[] head, byte[] tail, string mediaType)
    {
        _head = head;
        _tail = tail;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    public void Release() => _release.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_head);
        await stream.FlushAsync();
        await _release.Task;
        await stream.WriteAsync(_tail);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
