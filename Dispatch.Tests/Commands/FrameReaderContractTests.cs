using System.Text;
using Dispatch.Commands.Framing;
using Dispatch.Tests.Commands.Fakes;

namespace Dispatch.Tests.Commands;

/// <summary>
/// What every frame reader must do (CONTRACT 2), run against each implementation: <see cref="FrameCodecTests"/> for
/// <see cref="FrameReader"/>, <see cref="BufferedFrameReaderTests"/> for <see cref="BufferedFrameReader"/>.
/// </summary>
public abstract class FrameReaderContractTests
{
    /// <summary>A reader over <paramref name="stream"/>, as its <c>ReadAsync</c>.</summary>
    protected abstract Func<CancellationToken, ValueTask<FrameReadResult>> Reader(Stream stream, int maxFrameBytes = FrameCodec.DefaultMaxFrameBytes);

    [Fact]
    public async Task ReadAsync_EncodedFrame_RoundTripsPayload()
    {
        var payload = Encoding.UTF8.GetBytes("{\"event\":\"open\",\"id\":\"é\"}");
        var read = Reader(new MemoryStream(FrameCodec.Encode(payload)));

        var result = await read(CancellationToken.None);

        Assert.True(result.Success);
        using var frame = result.Frame;
        Assert.Equal(payload, frame.Payload.ToArray());
    }

    [Fact]
    public async Task ReadAsync_ZeroLength_ReturnsZeroLength()
    {
        var read = Reader(new MemoryStream([0, 0, 0, 0, 1, 2]));

        var result = await read(CancellationToken.None);

        Assert.Equal(FrameError.ZeroLength, result.Error);
    }

    [Fact]
    public async Task ReadAsync_LengthAtMax_IsAccepted()
    {
        var read = Reader(new MemoryStream(FrameCodec.Encode(new byte[1024])), maxFrameBytes: 1024);

        var result = await read(CancellationToken.None);

        Assert.True(result.Success);
        result.Frame.Dispose();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task ReadAsync_TruncatedHeader_ReturnsTruncated(int headerBytes)
    {
        var read = Reader(new MemoryStream(new byte[] { 0, 0, 0, 5 }[..headerBytes]));

        var result = await read(CancellationToken.None);

        Assert.Equal(FrameError.Truncated, result.Error);
    }

    [Fact]
    public async Task ReadAsync_TruncatedPayload_ReturnsTruncated()
    {
        var read = Reader(new MemoryStream(FrameCodec.Encode("hello"u8)[..7]));

        var result = await read(CancellationToken.None);

        Assert.Equal(FrameError.Truncated, result.Error);
    }

    [Fact]
    public async Task ReadAsync_EndOfStreamBetweenFrames_ReturnsEndOfStream()
    {
        var read = Reader(new MemoryStream(FrameCodec.Encode("{}"u8)));

        var first = await read(CancellationToken.None);
        first.Frame.Dispose();
        var second = await read(CancellationToken.None);

        Assert.True(first.Success);
        Assert.Equal(FrameError.EndOfStream, second.Error);
    }

    [Fact]
    public async Task ReadAsync_StreamReturningOneByteAtATime_ReadsEveryFrame()
    {
        var payloads = new[] { "{\"a\":1}", "x", new string('z', 300) };
        var bytes = payloads.SelectMany(p => FrameCodec.Encode(Encoding.UTF8.GetBytes(p))).ToArray();
        var read = Reader(new TrickleStream(bytes, chunk: 1));

        var frames = new List<string>();
        FrameReadResult result;
        while ((result = await read(CancellationToken.None)).Success)
        {
            using var frame = result.Frame;
            frames.Add(Encoding.UTF8.GetString(frame.Payload.Span));
        }

        Assert.Equal(payloads, frames);
        Assert.Equal(FrameError.EndOfStream, result.Error);
    }
}
