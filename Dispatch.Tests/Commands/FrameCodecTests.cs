using System.Text;
using Dispatch.Commands.Framing;
using Dispatch.Tests.Commands.Fakes;

namespace Dispatch.Tests.Commands;

public sealed class FrameCodecTests
{
    [Fact]
    public async Task ReadAsync_EncodedFrame_RoundTripsPayload()
    {
        var payload = Encoding.UTF8.GetBytes("{\"event\":\"open\",\"id\":\"é\"}");
        var reader = new FrameReader(new MemoryStream(FrameCodec.Encode(payload)));

        var result = await reader.ReadAsync(CancellationToken.None);

        Assert.True(result.Success);
        using var frame = result.Frame;
        Assert.Equal(payload, frame.Payload.ToArray());
    }

    [Fact]
    public void Encode_Payload_WritesBigEndianLength()
    {
        var frame = FrameCodec.Encode(new byte[0x010203]);

        Assert.Equal(new byte[] { 0x00, 0x01, 0x02, 0x03 }, frame[..4]);
        Assert.Equal(4 + 0x010203, frame.Length);
    }

    [Fact]
    public async Task ReadAsync_ZeroLength_ReturnsZeroLength()
    {
        var reader = new FrameReader(new MemoryStream([0, 0, 0, 0, 1, 2]));

        var result = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(FrameError.ZeroLength, result.Error);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x00, 0x04, 0x01 })] // 1025, one above the limit
    [InlineData(new byte[] { 0x7F, 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF })] // would be negative as a signed int
    public async Task ReadAsync_LengthAboveMax_ReturnsTooLargeWithoutReadingPayload(byte[] header)
    {
        // Only the header exists: a reader that allocated or read the payload first would report Truncated instead.
        var stream = new TrickleStream([.. header, 1, 2, 3], chunk: 64);
        var reader = new FrameReader(stream, maxFrameBytes: 1024);

        var result = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(FrameError.TooLarge, result.Error);
        Assert.Equal(4, stream.BytesConsumed);
    }

    [Fact]
    public async Task ReadAsync_LengthAtMax_IsAccepted()
    {
        var reader = new FrameReader(new MemoryStream(FrameCodec.Encode(new byte[1024])), maxFrameBytes: 1024);

        var result = await reader.ReadAsync(CancellationToken.None);

        Assert.True(result.Success);
        result.Frame.Dispose();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task ReadAsync_TruncatedHeader_ReturnsTruncated(int headerBytes)
    {
        var reader = new FrameReader(new MemoryStream(new byte[] { 0, 0, 0, 5 }[..headerBytes]));

        var result = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(FrameError.Truncated, result.Error);
    }

    [Fact]
    public async Task ReadAsync_TruncatedPayload_ReturnsTruncated()
    {
        var reader = new FrameReader(new MemoryStream(FrameCodec.Encode("hello"u8)[..7]));

        var result = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal(FrameError.Truncated, result.Error);
    }

    [Fact]
    public async Task ReadAsync_EndOfStreamBetweenFrames_ReturnsEndOfStream()
    {
        var reader = new FrameReader(new MemoryStream(FrameCodec.Encode("{}"u8)));

        var first = await reader.ReadAsync(CancellationToken.None);
        first.Frame.Dispose();
        var second = await reader.ReadAsync(CancellationToken.None);

        Assert.True(first.Success);
        Assert.Equal(FrameError.EndOfStream, second.Error);
    }

    [Fact]
    public async Task ReadAsync_StreamReturningOneByteAtATime_ReadsEveryFrame()
    {
        var payloads = new[] { "{\"a\":1}", "x", new string('z', 300) };
        var bytes = payloads.SelectMany(p => FrameCodec.Encode(Encoding.UTF8.GetBytes(p))).ToArray();
        var reader = new FrameReader(new TrickleStream(bytes, chunk: 1));

        var read = new List<string>();
        FrameReadResult result;
        while ((result = await reader.ReadAsync(CancellationToken.None)).Success)
        {
            using var frame = result.Frame;
            read.Add(Encoding.UTF8.GetString(frame.Payload.Span));
        }

        Assert.Equal(payloads, read);
        Assert.Equal(FrameError.EndOfStream, result.Error);
    }

    [Fact]
    public void WriteHeader_ZeroLength_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameCodec.WriteHeader(new byte[4], 0));
    }
}
