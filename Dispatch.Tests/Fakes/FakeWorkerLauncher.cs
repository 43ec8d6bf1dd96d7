using Dispatch.Pipeline.Workers;

namespace Dispatch.Tests.Fakes;

/// <summary>
/// An <see cref="IWorkerLauncher"/> that starts <see cref="FakeWorker"/>s in-process, so supervisor and pool tests need
/// no PHP. Each launch listens on the requested socket path before <see cref="LaunchAsync"/> returns.
/// <code>
/// var launcher = new FakeWorkerLauncher(frame => FakeWorkerAction.Echo);
/// launcher.FailNextLaunches(1, exitCode: 2, "PHP Parse error: ...");    // next start fails like a bad app file
/// var process = await launcher.WaitForLaunchAsync(2);                    // the 2nd process ever launched
/// process.Crash();                                                       // or process.Worker!.Received, .Kill() ...
/// </code>
/// </summary>
public sealed class FakeWorkerLauncher : IWorkerLauncher, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<FakeWorkerProcess> _launched = [];
    private readonly List<(int Count, TaskCompletionSource<FakeWorkerProcess> Signal)> _waiters = [];
    private readonly Queue<(int ExitCode, string[] Stderr)> _failures = new();

    /// <param name="behaviour">How every launched worker answers frames (default: echo).</param>
    public FakeWorkerLauncher(Func<FakeWorkerFrame, FakeWorkerAction>? behaviour = null)
    {
        var fixedBehaviour = behaviour ?? (_ => FakeWorkerAction.Echo);
        BehaviourFor = _ => fixedBehaviour;
    }

    /// <summary>Chooses the behaviour of each launch, given its 1-based launch number (overrides the constructor's).</summary>
    public Func<int, Func<FakeWorkerFrame, FakeWorkerAction>> BehaviourFor { get; set; }

    /// <summary>Every process launched so far (failed launches included), in launch order.</summary>
    public IReadOnlyList<FakeWorkerProcess> Launched
    {
        get { lock (_gate) { return [.. _launched]; } }
    }

    /// <summary>Launched processes that have not exited.</summary>
    public int Running
    {
        get { lock (_gate) { return _launched.Count(p => !p.HasExited); } }
    }

    /// <summary>The next <paramref name="count"/> launches "exit" at once with <paramref name="exitCode"/> and these
    /// stderr lines, without opening their socket (like PHP with a bad app file).</summary>
    public void FailNextLaunches(int count, int exitCode, params string[] stderr)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _failures.Enqueue((exitCode, stderr));
            }
        }
    }

    /// <summary>Returns the <paramref name="launchNumber"/>-th launched process (1-based), waiting for it up to
    /// <paramref name="timeout"/> (default 10 s).</summary>
    public Task<FakeWorkerProcess> WaitForLaunchAsync(int launchNumber, TimeSpan? timeout = null)
    {
        TaskCompletionSource<FakeWorkerProcess> signal;
        lock (_gate)
        {
            if (_launched.Count >= launchNumber)
            {
                return Task.FromResult(_launched[launchNumber - 1]);
            }

            signal = new TaskCompletionSource<FakeWorkerProcess>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((launchNumber, signal));
        }

        return signal.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
    }

    public Task<IWorkerProcess> LaunchAsync(WorkerLaunchRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        FakeWorkerProcess process;
        lock (_gate)
        {
            var launchNumber = _launched.Count + 1;
            process = _failures.TryDequeue(out var failure)
                ? new FakeWorkerProcess(request.Slot, request.SocketPath, failure.ExitCode, failure.Stderr)
                : new FakeWorkerProcess(FakeWorker.Start(BehaviourFor(launchNumber), request.SocketPath), request.Slot);
            _launched.Add(process);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count <= _launched.Count)
                {
                    _waiters[i].Signal.TrySetResult(_launched[_waiters[i].Count - 1]);
                    _waiters.RemoveAt(i);
                }
            }
        }

        return Task.FromResult<IWorkerProcess>(process);
    }

    /// <summary>Kills whatever is still running.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in Launched)
        {
            process.Kill();
            await process.DisposeAsync();
        }
    }
}
