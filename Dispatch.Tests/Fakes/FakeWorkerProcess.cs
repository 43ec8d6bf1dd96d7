using Dispatch.Pipeline.Workers;

namespace Dispatch.Tests.Fakes;

/// <summary>
/// An <see cref="IWorkerProcess"/> backed by an in-process <see cref="FakeWorker"/> (or by nothing, for a launch that
/// failed). It "exits" when the fake stops serving: 0 after the client closed the connection, 255 after a crash,
/// 137 after <see cref="Kill"/>.
/// </summary>
public sealed class FakeWorkerProcess : IWorkerProcess
{
    private static int s_nextPid = 900_000;

    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _killed;

    /// <summary>A process serving <paramref name="worker"/>.</summary>
    public FakeWorkerProcess(FakeWorker worker, int slot = 0)
    {
        Worker = worker;
        Slot = slot;
        SocketPath = worker.SocketPath;
        ProcessId = Interlocked.Increment(ref s_nextPid);
        RecentErrorOutput = [];
        _ = worker.Completion.ContinueWith(t => _exited.TrySetResult(t.Result), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>A process that already exited with <paramref name="exitCode"/> without opening its socket.</summary>
    public FakeWorkerProcess(int slot, string socketPath, int exitCode, IReadOnlyList<string> stderr)
    {
        Slot = slot;
        SocketPath = socketPath;
        ProcessId = Interlocked.Increment(ref s_nextPid);
        RecentErrorOutput = stderr;
        _exited.TrySetResult(exitCode);
    }

    /// <summary>The fake serving this "process"; null for a failed launch.</summary>
    public FakeWorker? Worker { get; }

    public int Slot { get; }

    public string SocketPath { get; }

    public int ProcessId { get; }

    public string Description => $"fake worker for slot {Slot} on {SocketPath}";

    public Task<int> Exited => _exited.Task;

    public IReadOnlyList<string> RecentErrorOutput { get; }

    /// <summary>True once the supervisor or pool called <see cref="Kill"/>.</summary>
    public bool Killed => Volatile.Read(ref _killed) != 0;

    /// <summary>True once the "process" has exited (clean close, crash or kill).</summary>
    public bool HasExited => _exited.Task.IsCompleted;

    public void Kill()
    {
        Interlocked.Exchange(ref _killed, 1);
        if (Worker is null)
        {
            _exited.TrySetResult(FakeWorker.KilledExitCode);
            return;
        }

        Worker.Kill();
    }

    /// <summary>Simulates the PHP process crashing (its connection closes, exit code 255).</summary>
    public void Crash() => Worker?.Crash();

    public async ValueTask DisposeAsync()
    {
        if (Worker is not null)
        {
            await Worker.DisposeAsync();

            // Like the real process: once disposed, it has exited.
            await _exited.Task;
        }
    }
}
