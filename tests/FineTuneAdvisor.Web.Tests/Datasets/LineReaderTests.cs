using System.IO.Pipelines;
using System.Text;
using FineTuneAdvisor.Web.Datasets;

namespace FineTuneAdvisor.Web.Tests.Datasets;

public sealed class LineReaderTests
{
    private static async Task<List<(long Line, string Text)>> ReadAll(byte[] bytes, long maxBytes = 1 << 30, int bufferSize = 16)
    {
        var reader = new LineReader(PipeReader.Create(new MemoryStream(bytes), new StreamPipeReaderOptions(bufferSize: bufferSize, minimumReadSize: bufferSize)), maxBytes);
        var lines = new List<(long, string)>();
        while (true)
        {
            using var batch = new LineBatch(64);
            if (!await reader.FillAsync(batch, 64, 3, CancellationToken.None))
            {
                return lines;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                lines.Add((batch.LineAt(i), Encoding.UTF8.GetString(batch[i].Span)));
            }
        }
    }

    [Fact]
    public async Task FillAsync_MixedLineEndsBomAndBlankLines_ReturnsNumberedLines()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("first\r\n\n  \nsecond line that is longer than the buffer\nlast")).ToArray();

        var lines = await ReadAll(bytes);

        Assert.Equal([(1L, "first"), (4L, "second line that is longer than the buffer"), (5L, "last")], lines);
    }

    [Fact]
    public async Task FillAsync_InvalidUtf8_NamesTheLineAndByte()
    {
        var bytes = Encoding.UTF8.GetBytes("ok\nfine\nbad ").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\n")).ToArray();

        var error = await Assert.ThrowsAsync<DatasetInputException>(() => ReadAll(bytes));

        Assert.Equal(3, error.Line);
        Assert.Equal("Line 3 is not valid UTF-8 (at byte 5). Save the file as UTF-8 and upload it again.", error.Message);
    }

    /// <summary>
    /// Found by tests/load/bad-inputs.sh: a refused line left the request's pipe mid-read, so Kestrel's drain after the
    /// 400 failed ("Reading is already in progress") and the connection was dropped.
    /// </summary>
    [Fact]
    public async Task FillAsync_RefusingALine_HandsThePipeBackForTheNextRead()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes("{}\n").Concat(new byte[] { 0xC3, 0x28, 0x0A }).ToArray());
        await pipe.Writer.CompleteAsync();
        var reader = new LineReader(pipe.Reader, 1 << 20);
        using var batch = new LineBatch(64);

        await Assert.ThrowsAsync<DatasetInputException>(async () => await reader.FillAsync(batch, 64, 3, CancellationToken.None));

        Assert.True(pipe.Reader.TryRead(out var rest));
        pipe.Reader.AdvanceTo(rest.Buffer.End);
    }

    [Fact]
    public async Task FillAsync_BinaryData_IsRefusedNamingTheLine()
    {
        var bytes = Encoding.UTF8.GetBytes("{}\n").Concat(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0x01 }).ToArray();

        var error = await Assert.ThrowsAsync<DatasetInputException>(() => ReadAll(bytes));

        Assert.Equal(2, error.Line);
        Assert.Contains("binary data", error.Message);
    }

    [Fact]
    public async Task FillAsync_LineOverOneMegabyte_IsRefusedNamingTheLine()
    {
        var bytes = Encoding.UTF8.GetBytes("short\n" + new string('x', LineReader.MaxLineBytes + 1) + "\n");

        var error = await Assert.ThrowsAsync<DatasetInputException>(() => ReadAll(bytes, bufferSize: 65536));

        Assert.Equal(2, error.Line);
        Assert.Contains("longer than 1 MB", error.Message);
    }

    [Fact]
    public async Task FillAsync_LineOfExactlyOneMegabyte_IsRead()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('x', LineReader.MaxLineBytes) + "\r\nnext");

        var lines = await ReadAll(bytes, bufferSize: 65536);

        Assert.Equal(2, lines.Count);
    }

    [Fact]
    public async Task FillAsync_OverTheSizeLimit_ThrowsTooLarge()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("0123456789\n", 100)));

        var error = await Assert.ThrowsAsync<UploadTooLargeException>(() => ReadAll(bytes, maxBytes: 500));

        Assert.Equal(500, error.LimitBytes);
    }
}
