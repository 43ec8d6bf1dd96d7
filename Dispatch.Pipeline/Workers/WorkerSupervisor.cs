using System.Collections.Concurrent;
using Dispatch.Commands.Hub;
using Dispatch.Commands.Validation;
using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Log = Dispatch.Pipeline.Workers.WorkerSupervisorLog;

namespace Dispatch.Pipeline.Workers;

/// <summary>
/// Starts <c>Count</c> workers (each on its own socket in a private directory), hands them to the pool (an
/// <see cref="IWorkerSink"/>: the dispatch pool, or the hosted lease pool),
/// restarts crashed, hung or recycled ones, and stops them all. Launching is in <c>WorkerSupervisor.Launch.cs</c>, the
/// per-slot restart loop in <c>WorkerSupervisor.Slots.cs</c>.
/// </summary>
public sealed partial class WorkerSupervisor : IWorkerSupervisor, IAsyncDisposable, IDisposable
{
    private const int NotStarted = 0;
    private const int Running = 1;
    private const int Stopped = 2;

    private readonly WorkersOptions _options;
    private readonly int _maxFrameBytes;
    private readonly IWorkerSink _pool;
    private readonly IWorkerLauncher _launcher;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WorkerSupervisor> _logger;
    private readonly PipelineMetrics? _metrics;
    private readonly WorkerSlot[] _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<IWorkerProcess, byte> _processes = new();
    private readonly bool _ownsDirectory;
    private readonly FanOutActivity? _fanOuts;
    private FanOutSlice? _fanOutSlice;
    private Task[] _slotLoops = [];
    private int _state;

    internal WorkerSupervisor(
        IOptions<WorkersOptions> options,
        IOptions<LimitsOptions> limits,
        IWorkerSink pool,
        IWorkerLauncher launcher,
        TimeProvider timeProvider,
        ILogger<WorkerSupervisor> logger,
        PipelineMetrics? metrics = null,
        FanOutActivity? fanOuts = null)
    {
        _metrics = metrics;
        _fanOuts = fanOuts;
        _options = options.Value;
        _maxFrameBytes = limits.Value.MaxWorkerFrameBytes;
        _pool = pool;
        _launcher = launcher;
        _timeProvider = timeProvider;
        _logger = logger;
        _slots = [.. Enumerable.Range(0, _options.Count).Select(i => new WorkerSlot(i, _options))];
        _ownsDirectory = string.IsNullOrWhiteSpace(_options.SocketDirectory);
        SocketDirectory = _ownsDirectory
            ? Path.Combine(Path.GetTempPath(), $"{StaleSocketDirectories.Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..32])
            : Path.GetFullPath(_options.SocketDirectory!);
    }

    /// <summary>Where the workers' unix sockets live.</summary>
    public string SocketDirectory { get; }

    public int LiveWorkers => _pool.LiveWorkers;

    /// <summary>True while some worker slot has crashed <c>CrashLoopThreshold</c> times within <c>CrashLoopWindow</c>.
    /// It keeps being restarted at <c>RestartBackoffMax</c>.</summary>
    public bool IsCrashLooping
    {
        get
        {
            var now = _timeProvider.GetUtcNow();
            return _slots.Any(s => s.IsCrashLooping(now));
        }
    }

    public IReadOnlyList<WorkerStatus> GetStatus() =>
    [
        .. _slots.Select(slot =>
        {
            var current = slot.Current;
            var ready = current is not null && !current.Connection.IsDead && !current.Retiring;
            return new WorkerStatus(
                slot.Index, current?.ProcessId, ready, slot.Restarts, slot.EventsHandled, current is null ? 0 : _pool.InFlightOf(current), current?.Retiring ?? false);
        }),
    ];

    public bool RequestRestart(int slot)
    {
        if (slot < 0 || slot >= _slots.Length)
        {
            return false;
        }

        // No current worker: the slot's loop is already starting the next one.
        if (_slots[slot].Current is { } worker && Volatile.Read(ref _state) == Running)
        {
            Log.RestartRequested(_logger, slot, worker.ProcessId);
            _pool.Retire(worker);
        }

        return true;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Running, NotStarted) != NotStarted)
        {
            throw new InvalidOperationException("The worker supervisor can be started once.");
        }

        CreateSocketDirectory();
        var starts = _slots.Select(slot => StartWorkerAsync(slot, cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(starts).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A worker that cannot start at all fails start-up, with PHP's error from the lowest failing slot.
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await DisposeWorkerAsync(start.Result).ConfigureAwait(false);
            }

            Volatile.Write(ref _state, Stopped);
            DeleteSocketDirectory();
            var failure = starts.First(s => !s.IsCompletedSuccessfully).Exception?.InnerException;
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            throw;
        }

        _slotLoops = new Task[_slots.Length];
        for (var i = 0; i < _slots.Length; i++)
        {
            var worker = starts[i].Result;
            _slots[i].SetCurrent(worker, restart: false);
            _pool.Add(worker);
            _slotLoops[i] = RunSlotAsync(_slots[i], worker, _stopping.Token);
        }

        Log.Started(_logger, _slots.Length, SocketDirectory);
        if (_fanOuts is not null && _options.SchedulingSliceMode == SchedulingSliceMode.FanOut && _options.SchedulingSlice > TimeSpan.Zero)
        {
            _fanOutSlice = new FanOutSlice(_fanOuts, _options.SchedulingSlice, _options.FanOutSliceThreshold, WorkerPids, ApplySlice, _timeProvider, _logger);
        }
    }

    /// <summary>True while fan-outs have the workers on the short scheduling slice (see <see cref="FanOutSlice"/>).</summary>
    internal bool FanOutSliceOn => _fanOutSlice?.IsOn ?? false;

    private IEnumerable<int> WorkerPids() => _slots.Select(static s => s.Current).OfType<WorkerInstance>().Select(static w => w.ProcessId);

    // A worker that exited between the listing and the call is not a reason to give up on the slice.
    private static string? ApplySlice(int pid, TimeSpan slice) =>
        SchedulingSlice.TryApply(pid, slice, out var problem) || (OperatingSystem.IsLinux() && !Directory.Exists($"/proc/{pid}"))
            ? null
            : problem;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _state, Stopped) != Running)
        {
            return;
        }

        _fanOutSlice?.Dispose();
        _pool.Close();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_slotLoops).ConfigureAwait(false);

        var workers = _slots.Select(s => s.Current).OfType<WorkerInstance>().ToArray();
        foreach (var worker in workers)
        {
            worker.Connection.CompleteWrites();
        }

        // Each worker answers what it already has, sees EOF and exits 0; survivors are killed after StopTimeout. The
        // connection must reach EOF too: replies written just before the exit may still be unread in the socket.
        try
        {
            await Task.WhenAll(workers.SelectMany(w => new Task[] { w.Process.Exited, w.Connection.Closed }))
                .WaitAsync(_options.StopTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            foreach (var worker in workers.Where(w => !w.Process.Exited.IsCompleted))
            {
                Log.KilledOnStop(_logger, worker.Slot, worker.ProcessId, _options.StopTimeout.TotalMilliseconds);
            }
        }

        foreach (var worker in workers)
        {
            _pool.Remove(worker);
            await DisposeWorkerAsync(worker).ConfigureAwait(false);
        }

        KillAll();
        DeleteSocketDirectory();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        Dispose();
    }

    /// <summary>Last resort (no StopAsync): kills every worker process this supervisor started.</summary>
    public void Dispose()
    {
        Volatile.Write(ref _state, Stopped);
        _fanOutSlice?.Dispose();
        _pool.Close();
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }

        KillAll();
        DeleteSocketDirectory();
    }

    private void KillAll()
    {
        foreach (var process in _processes.Keys)
        {
            process.Kill();
        }
    }
}
