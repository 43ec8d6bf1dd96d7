using System.Buffers;

namespace Dispatch.Commands.Framing;

/// <summary>
/// Reads frames from a stream. The header is validated before the payload buffer is rented, so a hostile length
/// costs nothing. Not thread-safe: one reader per stream.
/// </summary>
public sealed class FrameReader
{
    private readonly Stream _stream;
    private readonly int _maxFrameBytes;
    private readonly byte[] _header = new byte[FrameCodec.HeaderSize];

    public FrameReader(Stream stream, int maxFrameBytes = FrameCodec.DefaultMaxFrameBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameBytes);
        _stream = stream;
        _maxFrameBytes = maxFrameBytes;
    }

    /// <summary>
    /// Reads one frame. On success the payload is in a buffer rented from <see cref="ArrayPool{T}.Shared"/>; the caller
    /// returns it with <see cref="Frame.Dispose"/>. IO exceptions from the stream propagate.
    /// </summary>
    public async ValueTask<FrameReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        var headerRead = await ReadFullyAsync(_header, cancellationToken).ConfigureAwait(false);
        if (headerRead == 0)
        {
            return new FrameReadResult(FrameError.EndOfStream, default);
        }

        if (headerRead < FrameCodec.HeaderSize)
        {
            return new FrameReadResult(FrameError.Truncated, default);
        }

        var error = FrameCodec.ReadHeader(_header, _maxFrameBytes, out var length);
        if (error != FrameError.None)
        {
            return new FrameReadResult(error, default);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        var payloadRead = await ReadFullyAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        if (payloadRead < length)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return new FrameReadResult(FrameError.Truncated, default);
        }

        return new FrameReadResult(FrameError.None, new Frame(buffer, length));
    }

    private async ValueTask<int> ReadFullyAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var read = await _stream.ReadAsync(destination[total..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
