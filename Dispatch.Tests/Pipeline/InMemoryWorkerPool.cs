using System.Buffers;
using System.Buffers.Binary;
using Dispatch.Commands.Framing;
using Dispatch.Pipeline.Workers;
using Dispatch.Tests.Fakes;

namespace Dispatch.Tests.Pipeline;

/// <summary>
/// An <see cref="IWorkerPool"/> without sockets that still speaks the real JSON and the real framing: it runs the same
/// <see cref="FakeWorkerAction"/>s as <see cref="FakeWorker"/> and unframes their bytes, so one behaviour drives both.
/// A cancelled in-flight event counts as a killed worker, like the real pool.
/// </summary>
internal sealed class InMemoryWorkerPool : IWorkerPool
{
    private readonly Func<FakeWorkerFrame, FakeWorkerAction> _behaviour;
    private readonly Lock _gate = new();
    private readonly List<FakeWorkerFrame> _received = [];
    private int _killed;

    public InMemoryWorkerPool(Func<FakeWorkerFrame, FakeWorkerAction> behaviour) => _behaviour = behaviour;

    /// <summary>When set, every event is answered <see cref="WorkerFailure.Unavailable"/> without running the behaviour.</summary>
    public bool Unavailable { get; set; }

    public int Killed => Volatile.Read(ref _killed);

    public IReadOnlyList<FakeWorkerFrame> Received
    {
        get { lock (_gate) { return [.. _received]; } }
    }

    public async ValueTask<WorkerReply> ExecuteAsync(ReadOnlyMemory<byte> eventJson, CancellationToken cancellationToken)
    {
        if (Unavailable)
        {
            return new WorkerReply(WorkerFailure.Unavailable, default, null);
        }

        FakeWorkerFrame frame;
        lock (_gate)
        {
            frame = new FakeWorkerFrame(_received.Count, eventJson.ToArray());
            _received.Add(frame);
        }

        FakeWorkerResult result;
        try
        {
            await Task.Yield();
            result = await _behaviour(frame).RunAsync(frame, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _killed);
            throw;
        }

        var bytes = result.Bytes ?? [];
        if (bytes.Length < 4)
        {
            return new WorkerReply(WorkerFailure.Crashed, default, 1);
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (length == 0 || length > bytes.Length - 4)
        {
            return new WorkerReply(result.Close ? WorkerFailure.Crashed : WorkerFailure.ProtocolError, default, 1);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)length);
        bytes.AsSpan(4, (int)length).CopyTo(buffer);
        return new WorkerReply(WorkerFailure.None, new Frame(buffer, (int)length), 1);
    }
}
