using System.Buffers.Text;
using System.Diagnostics;

namespace Dispatch.Bench.Scenarios;

/// <summary>
/// The bench messages: printable ASCII of a fixed size. A broadcast publish carries its sequence number and its send
/// timestamp (<see cref="Stopwatch"/> ticks; publisher and subscribers share the client process, so the clocks agree):
/// <c>m SEQUENCE(10) TIMESTAMP(20) ....</c>.
/// </summary>
public static class Payloads
{
    public const int MinimumSize = 33;

    public static byte[] Echo(int size)
    {
        var message = new byte[Math.Max(1, size)];
        message.AsSpan().Fill((byte)'x');
        message[0] = (byte)'e';
        return message;
    }

    /// <summary>Writes a publish into <paramref name="message"/> (already padded); <paramref name="measured"/> false
    /// marks warm-up traffic, which subscribers skip.</summary>
    public static void StampPublish(Span<byte> message, bool measured, long sequence, long timestamp)
    {
        message[0] = measured ? (byte)'m' : (byte)'w';
        message[1] = (byte)' ';
        Utf8Formatter.TryFormat(sequence, message.Slice(2, 10), out _, new System.Buffers.StandardFormat('D', 10));
        message[12] = (byte)' ';
        Utf8Formatter.TryFormat(timestamp, message.Slice(13, 20), out _, new System.Buffers.StandardFormat('D', 20));
    }

    /// <summary>Reads a publish; false for anything else (acks, error frames, warm-up publishes).</summary>
    public static bool TryReadPublish(ReadOnlySpan<byte> message, out long timestamp)
    {
        timestamp = 0;
        return message.Length >= MinimumSize
            && message[0] == (byte)'m'
            && Utf8Parser.TryParse(message.Slice(13, 20), out timestamp, out var consumed)
            && consumed == 20;
    }

    public static byte[] Publish(int size)
    {
        var message = new byte[Math.Max(MinimumSize, size)];
        message.AsSpan().Fill((byte)'.');
        return message;
    }
}
