using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Dispatch.Tests.Fakes;

/// <summary>
/// What a <see cref="FakeWorker"/> does with one frame. Build one with the static members:
/// <see cref="Echo"/> (the default), <see cref="Reply(string)"/>, <see cref="Raw"/>, <see cref="ZeroLength"/>,
/// <see cref="Oversized"/>, <see cref="Garbage"/>, <see cref="Truncated"/>, <see cref="Crash"/>, <see cref="Hang"/>,
/// <see cref="After"/> and <see cref="Defer"/>.
/// </summary>
public sealed class FakeWorkerAction
{
    private readonly Func<FakeWorkerFrame, CancellationToken, Task<FakeWorkerResult>> _run;

    private FakeWorkerAction(Func<FakeWorkerFrame, CancellationToken, Task<FakeWorkerResult>> run) => _run = run;

    /// <summary>Answers a valid websocket_dispatch response for the event:
    /// <c>{"mode":"websocket_dispatch","id":&lt;id&gt;,"commands":[{"event":"send","data":&lt;data&gt;}]}</c>.</summary>
    public static FakeWorkerAction Echo { get; } = new((frame, _) => Task.FromResult(FakeWorkerResult.Write(Framed(EchoPayload(frame)))));

    /// <summary>Answers with a correctly framed payload.</summary>
    public static FakeWorkerAction Reply(string json) => Reply(Encoding.UTF8.GetBytes(json));

    /// <inheritdoc cref="Reply(string)"/>
    public static FakeWorkerAction Reply(byte[] payload) => new((_, _) => Task.FromResult(FakeWorkerResult.Write(Framed(payload))));

    /// <summary>Writes these bytes verbatim (no header added) and keeps serving.</summary>
    public static FakeWorkerAction Raw(byte[] bytes) => new((_, _) => Task.FromResult(FakeWorkerResult.Write(bytes)));

    /// <summary>Answers a header announcing a length of 0.</summary>
    public static FakeWorkerAction ZeroLength { get; } = Raw(new byte[4]);

    /// <summary>Answers a header announcing <paramref name="length"/> bytes (default: 4 GiB - 1) and nothing else.</summary>
    public static FakeWorkerAction Oversized(uint length = uint.MaxValue)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, length);
        return Raw(header);
    }

    /// <summary>Answers plain text instead of a frame, so the "length" is garbage (<c>"PHP "</c> reads as ~1.3 GB).</summary>
    public static FakeWorkerAction Garbage { get; } = Raw(Encoding.ASCII.GetBytes("PHP Warning: something went wrong\n"));

    /// <summary>Announces a 100-byte payload, writes 3 bytes of it, then closes the connection.</summary>
    public static FakeWorkerAction Truncated { get; } = new((_, _) =>
    {
        var bytes = new byte[7];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 100);
        "abc"u8.CopyTo(bytes.AsSpan(4));
        return Task.FromResult(new FakeWorkerResult(bytes, Close: true));
    });

    /// <summary>Closes the connection without answering (a crash mid-event). The worker serves nothing more.</summary>
    public static FakeWorkerAction Crash { get; } = new((_, _) => Task.FromResult(new FakeWorkerResult(null, Close: true)));

    /// <summary>Never answers; the worker stays stuck until its connection is closed or the worker is disposed.</summary>
    public static FakeWorkerAction Hang { get; } = new(async (_, cancellationToken) =>
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return FakeWorkerResult.Nothing;
    });

    /// <summary>Waits for <paramref name="gate"/> (e.g. a test's TaskCompletionSource) and then does <paramref name="then"/>.
    /// Frames behind this one wait too: the worker serves strictly in order.</summary>
    public static FakeWorkerAction After(Task gate, FakeWorkerAction? then = null) => new(async (frame, cancellationToken) =>
    {
        await gate.WaitAsync(cancellationToken);
        return await (then ?? Echo).RunAsync(frame, cancellationToken);
    });

    /// <summary>Decides asynchronously.</summary>
    public static FakeWorkerAction Defer(Func<FakeWorkerFrame, Task<FakeWorkerAction>> decide) => new(async (frame, cancellationToken) =>
    {
        var action = await decide(frame).WaitAsync(cancellationToken);
        return await action.RunAsync(frame, cancellationToken);
    });

    /// <summary>Builds the payload <see cref="Echo"/> answers with.</summary>
    public static byte[] EchoPayload(FakeWorkerFrame frame)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("mode", "websocket_dispatch");
            writer.WriteString("id", frame.Id);
            writer.WriteStartArray("commands");
            writer.WriteStartObject();
            writer.WriteString("event", "send");
            writer.WriteString("data", frame.Data);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    internal Task<FakeWorkerResult> RunAsync(FakeWorkerFrame frame, CancellationToken cancellationToken) => _run(frame, cancellationToken);

    private static byte[] Framed(byte[] payload)
    {
        var bytes = new byte[4 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)payload.Length);
        payload.CopyTo(bytes, 4);
        return bytes;
    }
}
