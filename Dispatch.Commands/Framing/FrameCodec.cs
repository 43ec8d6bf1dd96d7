using System.Buffers.Binary;

namespace Dispatch.Commands.Framing;

/// <summary>
/// The worker framing of CONTRACT 2: <c>[4-byte big-endian length N][N bytes of UTF-8 JSON]</c>.
/// Lengths are checked before anything is allocated for the payload.
/// </summary>
public static class FrameCodec
{
    public const int HeaderSize = 4;
    public const int DefaultMaxFrameBytes = 16 * 1024 * 1024;

    /// <summary>Writes the header for a payload of <paramref name="length"/> bytes.</summary>
    public static void WriteHeader(Span<byte> destination, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)length);
    }

    /// <summary>Reads and checks a header. Returns <see cref="FrameError.None"/> and the payload length when valid.</summary>
    public static FrameError ReadHeader(ReadOnlySpan<byte> header, int maxFrameBytes, out int length)
    {
        var announced = BinaryPrimitives.ReadUInt32BigEndian(header);
        length = 0;
        if (announced == 0)
        {
            return FrameError.ZeroLength;
        }

        if (announced > (uint)maxFrameBytes)
        {
            return FrameError.TooLarge;
        }

        length = (int)announced;
        return FrameError.None;
    }

    /// <summary>Returns a new array holding header plus payload, ready for a single write.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderSize + payload.Length];
        WriteHeader(frame, payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }
}
