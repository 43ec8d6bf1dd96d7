using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Dispatch.Pipeline.Workers;

/// <summary>A running PHP worker: its stderr goes to the log line by line (and a tail is kept for error messages);
/// anything on stdout is logged as a protocol warning.</summary>
internal sealed class PhpWorkerProcess : IWorkerProcess
{
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly int _slot;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly RecentLines _stderr = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _monitor;

    public PhpWorkerProcess(Process process, int slot, string description, ILogger logger, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _process = process;
        _slot = slot;
        _logger = logger;
        ProcessId = process.Id;
        Description = description;
        _monitor = MonitorAsync();
    }

    public int ProcessId { get; }

    public string Description { get; }

    public Task<int> Exited => _exited.Task;

    public IReadOnlyList<string> RecentErrorOutput => _stderr.Snapshot();

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already exited.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_exited.Task.IsCompleted)
        {
            Kill();
        }

        try
        {
            await _monitor.WaitAsync(TimeSpan.FromSeconds(5), _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The kernel has not reaped it yet; the Process object can still be released.
        }

        _process.Dispose();
    }

    private async Task MonitorAsync()
    {
        var stderr = PumpAsync(_process.StandardError, line =>
        {
            _stderr.Add(line);
            PhpWorkerLog.Stderr(_logger, _slot, ProcessId, line);
        });
        var stdout = PumpAsync(_process.StandardOutput, line => PhpWorkerLog.Stdout(_logger, _slot, ProcessId, line));
        try
        {
            await _process.WaitForExitAsync().ConfigureAwait(false);

            // Let the last stderr lines (PHP's error) arrive before reporting the exit; a grandchild holding the pipe
            // open must not stall this forever.
            await Task.WhenAll(stderr, stdout).WaitAsync(OutputDrainTimeout, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        finally
        {
            _exited.TrySetResult(SafeExitCode());
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                onLine(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
    }

    private int SafeExitCode()
    {
        try
        {
            return _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }
}
