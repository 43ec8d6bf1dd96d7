using System.Buffers;

namespace Dispatch.Commands.Framing;

/// <summary>A received frame payload in a pooled buffer. Dispose exactly once to return the buffer.</summary>
public readonly struct Frame : IDisposable
{
    private readonly byte[]? _buffer;

    public Frame(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Payload => _buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, Length);

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
