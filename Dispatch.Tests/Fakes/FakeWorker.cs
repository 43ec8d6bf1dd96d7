using System.Net.Sockets;
using System.Threading.Channels;
using Dispatch.Commands.Framing;

namespace Dispatch.Tests.Fakes;

/// <summary>
/// An in-process stand-in for the PHP worker: listens on a real unix socket, accepts exactly one connection and
/// serves the real framing (CONTRACT 2) strictly in order, deciding per frame with a pluggable behaviour.
/// <code>
/// await using var worker = FakeWorker.Start(frame => frame.Index == 1 ? FakeWorkerAction.Crash : FakeWorkerAction.Echo);
/// // connect a Socket(AddressFamily.Unix, ...) to new UnixDomainSocketEndPoint(worker.SocketPath) ...
/// await worker.WaitForFramesAsync(2);
/// Assert.Equal("c1", worker.Received[0].Id);
/// </code>
/// Frames are recorded as soon as they arrive (even while an earlier one is still being answered), so
/// <see cref="MaxOutstanding"/> shows how deep the client pipelined. Like the real worker, when the client closes its
/// side the fake still answers every frame it already received, then ends (<see cref="ExitCode"/> 0).
/// </summary>
public sealed class FakeWorker : IAsyncDisposable
{
    /// <summary>Exit code the fake reports when the client closed the connection (the real worker exits 0).</summary>
    public const int CleanExitCode = 0;

    /// <summary>Exit code after a <see cref="FakeWorkerAction.Crash"/>-like action or <see cref="Crash"/>.</summary>
    public const int CrashExitCode = 255;

    /// <summary>Exit code after <see cref="Kill"/> (SIGKILL).</summary>
    public const int KilledExitCode = 137;

    private readonly Func<FakeWorkerFrame, FakeWorkerAction> _behaviour;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<FakeWorkerFrame> _toServe = Channel.CreateUnbounded<FakeWorkerFrame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly List<FakeWorkerFrame> _received = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _frameWaiters = [];
    private readonly Lock _gate = new();
    private readonly Task _run;
    private Socket? _connection;
    private int _answered;
    private int _maxOutstanding;
    private int _exitCode = CleanExitCode;

    private FakeWorker(string socketPath, Func<FakeWorkerFrame, FakeWorkerAction> behaviour)
    {
        SocketPath = socketPath;
        _behaviour = behaviour;
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(1);
        _run = RunAsync();
    }

    /// <summary>The unix socket path the fake listens on.</summary>
    public string SocketPath { get; }

    /// <summary>Completes when the client's connection has been accepted.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Completes with the "exit code" when the fake has stopped serving (client EOF: 0, crash: 255, kill: 137).</summary>
    public Task<int> Completion => _completion.Task;

    /// <summary>The most frames that were received but not yet answered at any one time.</summary>
    public int MaxOutstanding
    {
        get { lock (_gate) { return _maxOutstanding; } }
    }

    /// <summary>Frames answered so far (counted as the reply starts to be written).</summary>
    public int Answered
    {
        get { lock (_gate) { return _answered; } }
    }

    /// <summary>A snapshot of the frames received so far, in arrival order.</summary>
    public IReadOnlyList<FakeWorkerFrame> Received
    {
        get { lock (_gate) { return [.. _received]; } }
    }

    /// <summary>Starts a fake worker. <paramref name="behaviour"/> defaults to <see cref="FakeWorkerAction.Echo"/> for every
    /// frame; <paramref name="socketPath"/> defaults to a fresh path under the temp directory.</summary>
    public static FakeWorker Start(Func<FakeWorkerFrame, FakeWorkerAction>? behaviour = null, string? socketPath = null) =>
        new(socketPath ?? NewSocketPath(), behaviour ?? (_ => FakeWorkerAction.Echo));

    /// <summary>A fresh, short unix socket path under the temp directory (unix paths are limited to ~100 bytes).</summary>
    public static string NewSocketPath() => Path.Combine(Path.GetTempPath(), $"fw-{Guid.NewGuid():N}"[..15] + ".sock");

    /// <summary>Completes once at least <paramref name="count"/> frames have arrived; throws <see cref="TimeoutException"/>
    /// after <paramref name="timeout"/> (default 10 s).</summary>
    public Task WaitForFramesAsync(int count, TimeSpan? timeout = null)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (_received.Count >= count)
            {
                return Task.CompletedTask;
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _frameWaiters.Add((count, signal));
        }

        return signal.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
    }

    /// <summary>Closes the connection at once, as if the process had crashed (exit code 255).</summary>
    public void Crash() => Stop(CrashExitCode);

    /// <summary>Closes the connection at once, as if the process had been SIGKILLed (exit code 137).</summary>
    public void Kill() => Stop(KilledExitCode);

    public async ValueTask DisposeAsync()
    {
        Stop(CrashExitCode);
        try
        {
            await _run;
        }
        catch (Exception)
        {
            // Teardown: the run loop's fate no longer matters.
        }

        _stop.Dispose();
    }

    private void Stop(int exitCode)
    {
        lock (_gate)
        {
            if (_completion.Task.IsCompleted || _stop.IsCancellationRequested)
            {
                return;
            }

            _exitCode = exitCode;
        }

        _stop.Cancel();
        _listener.Dispose();
        _connection?.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            var connection = await _listener.AcceptAsync(_stop.Token);
            lock (_gate)
            {
                _connection = connection;
            }

            _listener.Dispose();
            if (_stop.IsCancellationRequested)
            {
                connection.Dispose();
            }

            _connected.TrySetResult();
            await using var stream = new NetworkStream(connection, ownsSocket: true);
            var reading = ReadLoopAsync(stream);
            await ServeLoopAsync(stream);
            await reading;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Killed, crashed or the client vanished: all end the fake the same way.
        }
        finally
        {
            _listener.Dispose();
            TryDelete(SocketPath);
            int exitCode;
            lock (_gate)
            {
                exitCode = _exitCode;
            }

            _completion.TrySetResult(exitCode);
        }
    }

    private async Task ReadLoopAsync(NetworkStream stream)
    {
        try
        {
            var reader = new FrameReader(stream);
            while (true)
            {
                var result = await reader.ReadAsync(_stop.Token);
                if (!result.Success)
                {
                    return;
                }

                byte[] payload;
                using (result.Frame)
                {
                    payload = result.Frame.Payload.ToArray();
                }

                FakeWorkerFrame frame;
                lock (_gate)
                {
                    frame = new FakeWorkerFrame(_received.Count, payload);
                    _received.Add(frame);
                    _maxOutstanding = Math.Max(_maxOutstanding, _received.Count - _answered);
                    for (var i = _frameWaiters.Count - 1; i >= 0; i--)
                    {
                        if (_received.Count >= _frameWaiters[i].Count)
                        {
                            _frameWaiters[i].Signal.TrySetResult();
                            _frameWaiters.RemoveAt(i);
                        }
                    }
                }

                _toServe.Writer.TryWrite(frame);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            // Client EOF: serve what was received, then end (like the PHP worker's clean exit).
            _toServe.Writer.TryComplete();
        }
    }

    private async Task ServeLoopAsync(NetworkStream stream)
    {
        await foreach (var frame in _toServe.Reader.ReadAllAsync(_stop.Token))
        {
            var result = await _behaviour(frame).RunAsync(frame, _stop.Token);

            // Counted before the write: once the reply is on the wire the client may send the next frame, which must
            // not look like one more in flight.
            lock (_gate)
            {
                _answered++;
            }

            if (result.Bytes is { Length: > 0 } bytes)
            {
                await stream.WriteAsync(bytes, _stop.Token);
            }

            if (result.Close)
            {
                Stop(CrashExitCode);
                return;
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
