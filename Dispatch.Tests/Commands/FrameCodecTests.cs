using System.Text;
using Dispatch.Commands.Framing;
using Dispatch.Tests.Commands.Fakes;

namespace Dispatch.Tests.Commands;

public sealed class FrameCodecTests : FrameReaderContractTests
{
    protected override Func<CancellationToken, ValueTask<FrameReadResult>> Reader(Stream stream, int maxFrameBytes = FrameCodec.DefaultMaxFrameBytes) =>
        new FrameReader(stream, maxFrameBytes).ReadAsync;

    [Fact]
    public void Encode_Payload_WritesBigEndianLength()
    {
        var frame = FrameCodec.Encode(new byte[0x010203]);

        Assert.Equal(new byte[] { 0x00, 0x01, 0x02, 0x03 }, frame[..4]);
        Assert.Equal(4 + 0x010203, frame.Length);
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
    public void WriteHeader_ZeroLength_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameCodec.WriteHeader(new byte[4], 0));
    }
}
