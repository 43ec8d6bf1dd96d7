using System.Buffers;
using System.Runtime.CompilerServices;

namespace Dispatch.Commands.Framing;

/// <summary>
/// Reads frames from a stream through a read-ahead buffer: one read usually brings a header and its payload, and
/// several whole frames when the peer answered several requests at once, so a pipelined connection makes one read per
/// burst rather than two per frame. The same guarantees as <see cref="FrameReader"/>: the header is validated before
/// anything is rented for the payload (a hostile length costs nothing), each frame gets its own pooled buffer, and the
/// errors are the same. A frame larger than the read-ahead buffer is read straight into its own buffer. Not
/// thread-safe: one reader per stream.
/// </summary>
public sealed class BufferedFrameReader
{
    public const int DefaultBufferBytes = 16 * 1024;

    private readonly Stream _stream;
    private readonly int _maxFrameBytes;

    // Held for the reader's life: one per worker connection, and below the large object heap threshold.
    private readonly byte[] _buffer;
    private int _start;
    private int _end;

    public BufferedFrameReader(Stream stream, int maxFrameBytes = FrameCodec.DefaultMaxFrameBytes, int bufferBytes = DefaultBufferBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferBytes, FrameCodec.HeaderSize + 1);
        _stream = stream;
        _maxFrameBytes = maxFrameBytes;
        _buffer = new byte[bufferBytes];
    }

    /// <summary>
    /// Reads one frame. On success the payload is in a buffer rented from <see cref="ArrayPool{T}.Shared"/>; the caller
    /// returns it with <see cref="Frame.Dispose"/>. IO exceptions from the stream propagate.
    /// </summary>
    public ValueTask<FrameReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        if (TryTakeBuffered(out var result))
        {
            return new ValueTask<FrameReadResult>(result);
        }

        return ReadSlowAsync(cancellationToken);
    }

    /// <summary>A whole frame (or a header error) from the buffer alone; false when the stream must be read.</summary>
    private bool TryTakeBuffered(out FrameReadResult result)
    {
        result = default;
        var buffered = _end - _start;
        if (buffered < FrameCodec.HeaderSize)
        {
            return false;
        }

        var error = FrameCodec.ReadHeader(_buffer.AsSpan(_start), _maxFrameBytes, out var length);
        if (error != FrameError.None)
        {
            result = new FrameReadResult(error, default);
            return true;
        }

        if (buffered - FrameCodec.HeaderSize < length)
        {
            return false;
        }

        var payload = ArrayPool<byte>.Shared.Rent(length);
        _buffer.AsSpan(_start + FrameCodec.HeaderSize, length).CopyTo(payload);
        _start += FrameCodec.HeaderSize + length;
        if (_start == _end)
        {
            _start = _end = 0;
        }

        result = new FrameReadResult(FrameError.None, new Frame(payload, length));
        return true;
    }

    // Pooled state machines (here and in FillAsync): a worker's read loop comes here for nearly every reply, and each
    // suspended read would otherwise allocate a box per frame.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<FrameReadResult> ReadSlowAsync(CancellationToken cancellationToken)
    {
        // The header first, never waiting for more than it: a header that fails validation must not wait for bytes
        // that may never come.
        while (_end - _start < FrameCodec.HeaderSize)
        {
            if (await FillAsync(FrameCodec.HeaderSize, cancellationToken).ConfigureAwait(false) == 0)
            {
                return new FrameReadResult(_end == _start ? FrameError.EndOfStream : FrameError.Truncated, default);
            }
        }

        var error = FrameCodec.ReadHeader(_buffer.AsSpan(_start), _maxFrameBytes, out var length);
        if (error != FrameError.None)
        {
            return new FrameReadResult(error, default);
        }

        if (FrameCodec.HeaderSize + length <= _buffer.Length)
        {
            while (_end - _start - FrameCodec.HeaderSize < length)
            {
                if (await FillAsync(FrameCodec.HeaderSize + length, cancellationToken).ConfigureAwait(false) == 0)
                {
                    return new FrameReadResult(FrameError.Truncated, default);
                }
            }

            TryTakeBuffered(out var result);
            return result;
        }

        return await ReadLargeAsync(length, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A frame that does not fit the read-ahead buffer: what is buffered, then the rest read straight into the
    /// frame's own buffer (never past the frame, so nothing after it needs buffering).</summary>
    private async ValueTask<FrameReadResult> ReadLargeAsync(int length, CancellationToken cancellationToken)
    {
        var payload = ArrayPool<byte>.Shared.Rent(length);
        var have = _end - _start - FrameCodec.HeaderSize;
        _buffer.AsSpan(_start + FrameCodec.HeaderSize, have).CopyTo(payload);
        _start = _end = 0;
        try
        {
            while (have < length)
            {
                var read = await _stream.ReadAsync(payload.AsMemory(have, length - have), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(payload);
                    return new FrameReadResult(FrameError.Truncated, default);
                }

                have += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(payload);
            throw;
        }

        return new FrameReadResult(FrameError.None, new Frame(payload, length));
    }

    /// <summary>Reads more into the buffer, first moving the unread bytes to its start when the <paramref name="needed"/>
    /// bytes counted from the first unread one would not fit (needed never exceeds the buffer).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> FillAsync(int needed, CancellationToken cancellationToken)
    {
        if (_start > 0 && _start + needed > _buffer.Length)
        {
            var buffered = _end - _start;
            _buffer.AsSpan(_start, buffered).CopyTo(_buffer);
            _start = 0;
            _end = buffered;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read;
    }
}
