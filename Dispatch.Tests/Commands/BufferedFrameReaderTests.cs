using System.Text;
using Dispatch.Commands.Framing;
using Dispatch.Tests.Commands.Fakes;

namespace Dispatch.Tests.Commands;

public sealed class BufferedFrameReaderTests : FrameReaderContractTests
{
    // A small buffer, so the contract cases also cross buffer refills and the large-frame path.
    protected override Func<CancellationToken, ValueTask<FrameReadResult>> Reader(Stream stream, int maxFrameBytes = FrameCodec.DefaultMaxFrameBytes) =>
        new BufferedFrameReader(stream, maxFrameBytes, bufferBytes: 64).ReadAsync;

    [Fact]
    public async Task ReadAsync_SeveralFramesInOneRead_ReadsThemAllFromOneStreamRead()
    {
        var payloads = new[] { "{\"a\":1}", "x", "{\"commands\":[]}" };
        var stream = new TrickleStream(payloads.SelectMany(p => FrameCodec.Encode(Encoding.UTF8.GetBytes(p))).ToArray(), chunk: int.MaxValue);
        var reader = new BufferedFrameReader(stream);

        var read = new List<string>();
        for (var i = 0; i < payloads.Length; i++)
        {
            var result = await reader.ReadAsync(CancellationToken.None);
            Assert.True(result.Success);
            using var frame = result.Frame;
            read.Add(Encoding.UTF8.GetString(frame.Payload.Span));
        }

        Assert.Equal(payloads, read);
        Assert.Equal(1, stream.Reads);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x00, 0x04, 0x01 })] // 1025, one above the limit
    [InlineData(new byte[] { 0x7F, 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF })] // would be negative as a signed int
    public async Task ReadAsync_LengthAboveMax_ReturnsTooLargeWithoutWaitingForThePayload(byte[] header)
    {
        // Only the header and 3 bytes exist: a reader that waited for (or allocated) the payload first would report
        // Truncated instead.
        var reader = new BufferedFrameReader(new TrickleStream([.. header, 1, 2, 3], chunk: 2), maxFrameBytes: 1024);

        var result = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(FrameError.TooLarge, result.Error);
    }

    [Fact]
    public async Task ReadAsync_FrameLargerThanTheBuffer_IsReadWhole()
    {
        var payload = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        var bytes = FrameCodec.Encode(payload).Concat(FrameCodec.Encode("{}"u8)).ToArray();
        var reader = new BufferedFrameReader(new TrickleStream(bytes, chunk: 700), bufferBytes: 256);

        var first = await reader.ReadAsync(CancellationToken.None);
        var second = await reader.ReadAsync(CancellationToken.None);
        var third = await reader.ReadAsync(CancellationToken.None);

        Assert.True(first.Success);
        Assert.Equal(payload, first.Frame.Payload.ToArray());
        Assert.Equal("{}", Encoding.UTF8.GetString(second.Frame.Payload.Span));
        Assert.Equal(FrameError.EndOfStream, third.Error);
        first.Frame.Dispose();
        second.Frame.Dispose();
    }

    [Fact]
    public async Task ReadAsync_TruncatedPayloadLargerThanTheBuffer_ReturnsTruncated()
    {
        var reader = new BufferedFrameReader(new MemoryStream(FrameCodec.Encode("hello"u8)[..7]), bufferBytes: 5);

        var result = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(FrameError.Truncated, result.Error);
    }

}
