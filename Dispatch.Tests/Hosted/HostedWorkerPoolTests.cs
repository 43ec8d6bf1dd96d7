using Dispatch.Pipeline.Hosted;
using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Workers;
using Dispatch.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Dispatch.Tests.Hosted;

/// <summary>The exclusive lease pool of connection-hosted mode, over FakeWorkers (real sockets) and a manual clock.</summary>
public sealed class HostedWorkerPoolTests : IAsyncDisposable
{
    private static readonly TimeSpan QueueTimeout = TimeSpan.FromSeconds(5);
    private readonly List<(FakeWorker Worker, WorkerInstance Instance)> _workers = [];
    private readonly ManualTimeProvider _time = new();
    private HostedWorkerPool _pool = null!;

    private HostedWorkerPool CreatePool(int queueLimit = 10, long maxJobs = 0) => _pool = new HostedWorkerPool(
        MsOptions.Create(new HostedPoolOptions { QueueTimeout = QueueTimeout, QueueLimit = queueLimit }),
        MsOptions.Create(new WorkersOptions { MaxJobs = maxJobs }),
        _time,
        NullLogger<HostedWorkerPool>.Instance);

    private async Task<WorkerInstance> AddWorkerAsync()
    {
        var worker = FakeWorker.Start();
        var process = new FakeWorkerProcess(worker, _workers.Count);
        var connection = await WorkerConnection.ConnectAsync(worker.SocketPath, 1024 * 1024, process.Slot, process.ProcessId, NullLogger.Instance, null, CancellationToken.None);
        var instance = new WorkerInstance(process.Slot, worker.SocketPath, process, connection, _time.GetTimestamp());
        _workers.Add((worker, instance));
        _pool.Add(instance);
        return instance;
    }

    private async Task<HostedLease> LeaseAsync()
    {
        var result = await _pool.LeaseAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(LeaseStatus.Leased, result.Status);
        return result.Lease!;
    }

    [Fact]
    public async Task EachWorkerIsLeasedToOneWebsocket_TheNextWaitsAndGetsTheFirstReleasedInFifoOrder()
    {
        CreatePool();
        var w0 = await AddWorkerAsync();
        await AddWorkerAsync();
        var a = await LeaseAsync();
        var b = await LeaseAsync();
        Assert.NotSame(a.Worker, b.Worker);
        Assert.Equal(2, _pool.Leased);
        Assert.Equal(1, _pool.InFlightOf(w0));

        var first = _pool.LeaseAsync(CancellationToken.None);
        var second = _pool.LeaseAsync(CancellationToken.None);
        Assert.False(first.IsCompleted);
        Assert.Equal(2, _pool.Waiting);

        _pool.Release(b);
        var got = await first.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Same(b.Worker, got.Lease!.Worker);
        Assert.False(second.IsCompleted);
        _pool.Release(a);
        Assert.Same(a.Worker, (await second.WaitAsync(TimeSpan.FromSeconds(10))).Lease!.Worker);
        Assert.Equal(2, _pool.LiveWorkers);
    }

    [Fact]
    public async Task WaitingUpgrade_GivesUpAfterTheQueueTimeout()
    {
        CreatePool();
        await AddWorkerAsync();
        await LeaseAsync();
        var waiting = _pool.LeaseAsync(CancellationToken.None);
        await _time.WaitForTimerAsync(QueueTimeout);
        _time.Advance(QueueTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(LeaseStatus.QueueTimedOut, (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Status);
        Assert.Equal(0, _pool.Waiting);
    }

    [Fact]
    public async Task FullQueue_RefusesAtOnce_CancelledWaiterLeavesTheQueue()
    {
        CreatePool(queueLimit: 1);
        await AddWorkerAsync();
        await LeaseAsync();
        using var cts = new CancellationTokenSource();
        var waiting = _pool.LeaseAsync(cts.Token);
        Assert.Equal(LeaseStatus.QueueFull, (await _pool.LeaseAsync(CancellationToken.None)).Status);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, _pool.Waiting);
    }

    [Fact]
    public async Task WorkerRemovedWhileLeased_TellsItsSession_AndIsNeverLeasedAgain()
    {
        CreatePool();
        var worker = await AddWorkerAsync();
        var lease = await LeaseAsync();
        var lost = new TaskCompletionSource();
        lease.WhenLost(() => lost.TrySetResult());

        _pool.Remove(worker);
        await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(lease.IsLost);
        _pool.Release(lease);
        Assert.Equal(0, _pool.LiveWorkers);
    }

    [Fact]
    public async Task KilledWorker_IsNotReturnedOnRelease()
    {
        CreatePool();
        await AddWorkerAsync();
        var lease = await LeaseAsync();
        lease.Kill("test");
        _pool.Release(lease);
        var waiting = _pool.LeaseAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
    }

    [Fact]
    public async Task Close_AnswersWaitersAndLaterUpgradesClosed()
    {
        CreatePool();
        await AddWorkerAsync();
        await LeaseAsync();
        var waiting = _pool.LeaseAsync(CancellationToken.None);
        _pool.Close();
        Assert.Equal(LeaseStatus.Closed, (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Status);
        Assert.Equal(LeaseStatus.Closed, (await _pool.LeaseAsync(CancellationToken.None)).Status);
    }

    [Fact]
    public async Task WorkerAtMaxJobs_IsRetiredOnRelease_NotLeasedAgain()
    {
        CreatePool(maxJobs: 1);
        var worker = await AddWorkerAsync();
        var lease = await LeaseAsync();
        worker.CountHandled();
        _pool.Release(lease);
        await worker.Retired.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(_pool.LeaseAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Retire_IdleWorker_IsRetiredAtOnceAndNeverLeased()
    {
        CreatePool();
        var idle = await AddWorkerAsync();
        var other = await AddWorkerAsync();

        _pool.Retire(idle);

        Assert.True(idle.Retired.IsCompleted);
        Assert.Same(other, (await LeaseAsync()).Worker);
        Assert.False(_pool.LeaseAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Retire_LeasedWorker_KeepsItsWebsocket_AndIsRetiredWhenReleased()
    {
        CreatePool();
        var worker = await AddWorkerAsync();
        var lease = await LeaseAsync();

        _pool.Retire(worker);
        Assert.False(worker.Retired.IsCompleted);
        Assert.Equal(1, _pool.InFlightOf(worker));

        _pool.Release(lease);
        Assert.True(worker.Retired.IsCompleted);
        Assert.Equal(0, _pool.Leased);
    }

    public async ValueTask DisposeAsync()
    {
        _pool?.Close();
        foreach (var (worker, instance) in _workers)
        {
            await instance.Connection.DisposeAsync();
            await worker.DisposeAsync();
        }
    }
}
