using System.Net.Sockets;
using System.Text;
using Dispatch.Commands.Framing;
using Dispatch.Tests.Fakes;

namespace Dispatch.Tests.Workers;

public sealed class FakeWorkerTests
{
    [Fact]
    public async Task Echo_AnswersInOrder_AndRecordsFrames()
    {
        await using var worker = FakeWorker.Start();
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(worker.SocketPath));
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(FrameCodec.Encode("""{"id":"a","data":"1"}"""u8));
        await stream.WriteAsync(FrameCodec.Encode("""{"id":"b","data":"2"}"""u8));
        var reader = new FrameReader(stream);

        using var first = (await reader.ReadAsync(CancellationToken.None)).Frame;
        using var second = (await reader.ReadAsync(CancellationToken.None)).Frame;

        Assert.Equal("""{"mode":"websocket_dispatch","id":"a","commands":[{"event":"send","data":"1"}]}""", Encoding.UTF8.GetString(first.Payload.Span));
        Assert.Contains("\"id\":\"b\"", Encoding.UTF8.GetString(second.Payload.Span), StringComparison.Ordinal);
        Assert.Equal(["a", "b"], worker.Received.Select(f => f.Id));
        socket.Shutdown(SocketShutdown.Send);
        Assert.Equal(FakeWorker.CleanExitCode, await worker.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task After_HoldsLaterFramesBehindTheGate_ButRecordsThemOnArrival()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var worker = FakeWorker.Start(f => f.Index == 0 ? FakeWorkerAction.After(gate.Task) : FakeWorkerAction.Echo);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(worker.SocketPath));
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(FrameCodec.Encode("""{"id":"a"}"""u8));
        await stream.WriteAsync(FrameCodec.Encode("""{"id":"b"}"""u8));

        await worker.WaitForFramesAsync(2);
        Assert.Equal(0, worker.Answered);
        gate.SetResult();
        var reader = new FrameReader(stream);
        using var first = (await reader.ReadAsync(CancellationToken.None)).Frame;
        using var second = (await reader.ReadAsync(CancellationToken.None)).Frame;

        Assert.Equal(2, worker.MaxOutstanding);
        Assert.Contains("\"id\":\"a\"", Encoding.UTF8.GetString(first.Payload.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crash_ClosesTheConnection()
    {
        await using var worker = FakeWorker.Start(_ => FakeWorkerAction.Crash);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(worker.SocketPath));
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(FrameCodec.Encode("""{"id":"a"}"""u8));

        var result = await new FrameReader(stream).ReadAsync(CancellationToken.None);

        Assert.Equal(FrameError.EndOfStream, result.Error);
        Assert.Equal(FakeWorker.CrashExitCode, await worker.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
