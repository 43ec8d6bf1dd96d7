using System.Text;
using System.Text.Json;
using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Workers;
using Dispatch.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Tests.Workers;

/// <summary>A <see cref="WorkerPool"/> over FakeWorkers added by hand (no supervisor: nothing restarts).</summary>
internal sealed class PoolHarness : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly List<(FakeWorker Worker, FakeWorkerProcess Process, WorkerInstance Instance)> _workers = [];

    public PoolHarness(int depth = 1, long maxJobs = 0, TimeProvider? time = null, TimeSpan? eventTimeout = null)
    {
        Time = time ?? TimeProvider.System;
        Options = new WorkersOptions { PipelineDepth = depth, MaxJobs = maxJobs };
        Pool = new WorkerPool(Microsoft.Extensions.Options.Options.Create(Options), Time, NullLogger<WorkerPool>.Instance, eventTimeout ?? Timeout.InfiniteTimeSpan);
    }

    public TimeProvider Time { get; }

    public WorkersOptions Options { get; }

    public WorkerPool Pool { get; }

    public static ReadOnlyMemory<byte> Event(string id, string data = "hi") =>
        JsonSerializer.SerializeToUtf8Bytes(new { mode = "websocket_dispatch", @event = "message", id, data });

    /// <summary>The reply's payload as text; disposes its frame.</summary>
    public static string Text(WorkerReply reply)
    {
        Assert.True(reply.Success, $"expected a reply, got {reply.Failure}");
        using (reply.Frame)
        {
            return Encoding.UTF8.GetString(reply.Frame.Payload.Span);
        }
    }

    public static string ExpectedEcho(string id, string data = "hi") =>
        $$"""{"mode":"websocket_dispatch","id":"{{id}}","commands":[{"event":"send","data":"{{data}}"}]}""";

    public async Task<(FakeWorker Worker, FakeWorkerProcess Process, WorkerInstance Instance)> AddWorkerAsync(Func<FakeWorkerFrame, FakeWorkerAction>? behaviour = null, int slot = -1)
    {
        var worker = FakeWorker.Start(behaviour);
        var process = new FakeWorkerProcess(worker, slot < 0 ? _workers.Count : slot);
        var connection = await WorkerConnection.ConnectAsync(worker.SocketPath, 16 * 1024 * 1024, process.Slot, process.ProcessId, NullLogger.Instance, null, CancellationToken.None);
        var instance = new WorkerInstance(process.Slot, worker.SocketPath, process, connection, Time.GetTimestamp());
        _workers.Add((worker, process, instance));
        Pool.Add(instance);
        return (worker, process, instance);
    }

    public async ValueTask DisposeAsync()
    {
        Pool.Close();
        foreach (var (worker, _, instance) in _workers)
        {
            await instance.Connection.DisposeAsync();
            await worker.DisposeAsync();
        }
    }
}
