using System.Buffers;
using Dispatch.Commands.Framing;

namespace Dispatch.Pipeline.Workers;

/// <summary>
/// Frames queued for one worker connection's next write, header and payload, back to back in one pooled buffer.
/// Bounded by the pool: a worker never has more than <c>PipelineDepth</c> events on it. Not thread-safe (the
/// connection's gate).
/// </summary>
internal sealed class OutgoingFrames
{
    private const int MinimumBytes = 4096;

    private byte[]? _buffer;
    private int _length;

    public bool IsEmpty => _length == 0;

    public void Append(ReadOnlySpan<byte> payload)
    {
        var needed = _length + FrameCodec.HeaderSize + payload.Length;
        if (_buffer is null || _buffer.Length < needed)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, MinimumBytes));
            if (_buffer is not null)
            {
                _buffer.AsSpan(0, _length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = bigger;
        }

        FrameCodec.WriteHeader(_buffer.AsSpan(_length), payload.Length);
        payload.CopyTo(_buffer.AsSpan(_length + FrameCodec.HeaderSize));
        _length = needed;
    }

    /// <summary>Hands over everything queued; the taker returns the buffer to the pool after writing it.</summary>
    public Batch Take()
    {
        var batch = new Batch(_buffer!, _length);
        _buffer = null;
        _length = 0;
        return batch;
    }

    /// <summary>Drops what is queued (the connection died).</summary>
    public void Clear()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = null;
        _length = 0;
    }

    public readonly record struct Batch(byte[]? Buffer, int Length);
}
