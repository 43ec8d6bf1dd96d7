using System.Net.Sockets;
using System.Text;
using Log = Dispatch.Pipeline.Workers.WorkerSupervisorLog;

namespace Dispatch.Pipeline.Workers;

/// <summary>Launching one worker and connecting to it, bounded by <c>StartTimeout</c>.</summary>
public sealed partial class WorkerSupervisor
{
    private static readonly TimeSpan FirstConnectRetry = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxConnectRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(2);

    /// <summary>Launches the slot's worker and connects; throws <see cref="WorkerStartException"/> (process gone, socket
    /// never opened) or <see cref="OperationCanceledException"/>. Never leaves a process behind on failure.</summary>
    private async Task<WorkerInstance> StartWorkerAsync(WorkerSlot slot, CancellationToken cancellationToken)
    {
        var socketPath = Path.Combine(SocketDirectory, $"w{slot.Index}-{slot.NextGeneration()}.sock");
        TryDeleteFile(socketPath);
        var process = await _launcher.LaunchAsync(new WorkerLaunchRequest(slot.Index, socketPath), cancellationToken).ConfigureAwait(false);
        _processes.TryAdd(process, 0);
        var started = _timeProvider.GetTimestamp();
        try
        {
            var crash = new CrashRecord();
            var connection = await ConnectAsync(slot, process, socketPath, started, _ => RecordCrash(slot, crash, started), cancellationToken).ConfigureAwait(false);
            Log.Ready(_logger, slot.Index, process.ProcessId, socketPath);
            return new WorkerInstance(slot.Index, socketPath, process, connection, _timeProvider.GetTimestamp(), crash);
        }
        catch (Exception e) when (e is WorkerStartException or OperationCanceledException)
        {
            process.Kill();
            await ReleaseProcessAsync(process).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<WorkerConnection> ConnectAsync(WorkerSlot slot, IWorkerProcess process, string socketPath, long started, Action<WorkerFailure> onFailed, CancellationToken cancellationToken)
    {
        var retry = FirstConnectRetry;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (File.Exists(socketPath))
            {
                try
                {
                    return await WorkerConnection.ConnectAsync(socketPath, _maxFrameBytes, slot.Index, process.ProcessId, _logger, onFailed, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException)
                {
                    // Socket file exists but nobody accepts yet (or any more): retry until the deadline or the exit.
                }
            }

            if (process.Exited.IsCompleted)
            {
                throw await StartFailureAsync(slot, process, "the process exited before it opened its socket").ConfigureAwait(false);
            }

            var remaining = _options.StartTimeout - _timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                process.Kill();
                throw await StartFailureAsync(slot, process, $"it did not open its socket {socketPath} within {_options.StartTimeout.TotalSeconds:0.###} s").ConfigureAwait(false);
            }

            var delay = retry < remaining ? retry : remaining;
            await Task.WhenAny(Task.Delay(delay, _timeProvider, cancellationToken), process.Exited).ConfigureAwait(false);
            retry = retry * 2 < MaxConnectRetry ? retry * 2 : MaxConnectRetry;
        }
    }

    private async Task<WorkerStartException> StartFailureAsync(WorkerSlot slot, IWorkerProcess process, string what)
    {
        int? exitCode = null;
        try
        {
            exitCode = await process.Exited.WaitAsync(ExitWait, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        var stderr = process.RecentErrorOutput;
        var message = new StringBuilder()
            .Append("PHP worker ").Append(slot.Index).Append(" failed to start: ").Append(what).Append('.')
            .Append("\n  Command: ").Append(process.Description)
            .Append("\n  Exit code: ").Append(exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none (killed)")
            .Append("\n  PHP stderr:");
        if (stderr.Count == 0)
        {
            message.Append(" (empty)");
        }

        foreach (var line in stderr)
        {
            message.Append("\n    ").Append(line);
        }

        return new WorkerStartException(message.ToString()) { Slot = slot.Index, ExitCode = exitCode, ErrorOutput = stderr };
    }

    private async Task DisposeWorkerAsync(WorkerInstance worker)
    {
        await worker.Connection.DisposeAsync().ConfigureAwait(false);
        if (!worker.Process.Exited.IsCompleted)
        {
            worker.Process.Kill();
        }

        await ReleaseProcessAsync(worker.Process).ConfigureAwait(false);

        // A killed worker leaves its socket file behind; each launch uses a fresh path, so remove the old one.
        TryDeleteFile(worker.SocketPath);
    }

    private async Task ReleaseProcessAsync(IWorkerProcess process)
    {
        _processes.TryRemove(process, out _);
        await process.DisposeAsync().ConfigureAwait(false);
    }

    private void CreateSocketDirectory()
    {
        if (_ownsDirectory)
        {
            StaleSocketDirectories.Sweep(Path.GetDirectoryName(SocketDirectory)!);
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(SocketDirectory);
        }
        else
        {
            // Private: only this user may connect to the workers.
            Directory.CreateDirectory(SocketDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private void DeleteSocketDirectory()
    {
        try
        {
            if (_ownsDirectory)
            {
                if (Directory.Exists(SocketDirectory))
                {
                    Directory.Delete(SocketDirectory, recursive: true);
                }
            }
            else if (Directory.Exists(SocketDirectory))
            {
                foreach (var socket in Directory.EnumerateFiles(SocketDirectory, "w*-*.sock"))
                {
                    File.Delete(socket);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.CleanupFailed(_logger, SocketDirectory, e.Message);
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
