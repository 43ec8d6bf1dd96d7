using System.Buffers;
using System.Net.Sockets;
using Dispatch.Commands.Framing;
using Microsoft.Extensions.Logging;
using Log = Dispatch.Pipeline.Workers.WorkerConnectionLog;

namespace Dispatch.Pipeline.Workers;

/// <summary>
/// The persistent connection to one worker (CONTRACT 2). One writer at a time (header and payload in one write), one
/// read loop matching replies to requests in FIFO order, since the worker answers strictly in order; several requests
/// may be in flight (pipelining; the pool bounds how many). When the connection ends abnormally the request at the
/// head fails and the ones behind it come back as <see cref="ConnectionOutcome.NotStarted"/>. A dead connection is
/// never reused.
/// </summary>
internal sealed class WorkerConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly FrameReader _reader;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource<ConnectionResult>> _pending = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource<WorkerFailure> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readLoop;
    private bool _dead;
    private bool _writesCompleted;

    private readonly Action<WorkerFailure>? _onFailed;

    private WorkerConnection(Socket socket, int maxFrameBytes, int slot, int workerPid, ILogger logger, Action<WorkerFailure>? onFailed)
    {
        _onFailed = onFailed;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new FrameReader(_stream, maxFrameBytes);
        Slot = slot;
        WorkerPid = workerPid;
        _logger = logger;
        _readLoop = ReadLoopAsync();
    }

    public int Slot { get; }

    public int WorkerPid { get; }

    /// <summary>Completes when the connection is dead: <see cref="WorkerFailure.None"/> after a clean close we asked for
    /// (<see cref="CompleteWrites"/>), otherwise why it died.</summary>
    public Task<WorkerFailure> Closed => _closed.Task;

    /// <summary>The request the worker is working on now (the head of the queue), or null when idle. Compared by
    /// identity by the pool's timeout watchdog.</summary>
    public object? Head
    {
        get { lock (_gate) { return _pending.TryPeek(out var head) ? head : null; } }
    }

    public bool IsDead
    {
        get { lock (_gate) { return _dead; } }
    }

    /// <summary>Connects to a worker's socket. Socket errors (no such file, refused) propagate; the caller retries.
    /// <paramref name="onFailed"/> runs once, synchronously, when the connection fails (not on a close we asked for),
    /// before any pending request is completed.</summary>
    public static async Task<WorkerConnection> ConnectAsync(string socketPath, int maxFrameBytes, int slot, int workerPid, ILogger logger, Action<WorkerFailure>? onFailed, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return new WorkerConnection(socket, maxFrameBytes, slot, workerPid, logger, onFailed);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes one event. Returns the task of its reply, which never faults. Throws <see cref="OperationCanceledException"/>
    /// only while waiting for the write turn, i.e. before anything of this event reached the worker. A dead or closing
    /// connection answers <see cref="ConnectionOutcome.NotStarted"/> at once.
    /// </summary>
    public Task<Task<ConnectionResult>> WriteAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        WriteCoreAsync(payload, new TaskCompletionSource<ConnectionResult>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);

    /// <summary>
    /// Writes one event whose answer is a stream of frames ending with one for which <paramref name="onFrame"/> returns
    /// true (connection-hosted mode). Otherwise as <see cref="WriteAsync"/>; the reply carries no frame.
    /// </summary>
    public Task<Task<ConnectionResult>> WriteStreamingAsync(ReadOnlyMemory<byte> payload, Func<Frame, bool> onFrame, CancellationToken cancellationToken) =>
        WriteCoreAsync(payload, new StreamingReply(onFrame), cancellationToken);

    private async Task<Task<ConnectionResult>> WriteCoreAsync(ReadOnlyMemory<byte> payload, TaskCompletionSource<ConnectionResult> reply, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                if (_dead || _writesCompleted)
                {
                    return Task.FromResult(ConnectionResult.NotStarted);
                }

                // Enqueued under the write lock, so the queue order is the order on the wire.
                _pending.Enqueue(reply);
            }

            var length = FrameCodec.HeaderSize + payload.Length;
            var buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                FrameCodec.WriteHeader(buffer, payload.Length);
                payload.Span.CopyTo(buffer.AsSpan(FrameCodec.HeaderSize));

                // Never the caller's token: a write abandoned half-way would corrupt the stream for everyone behind it.
                await _stream.WriteAsync(buffer.AsMemory(0, length), _lifetime.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (IsConnectionError(e))
            {
                Fail(WorkerFailure.Crashed, e is OperationCanceledException ? "aborted" : e.Message);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        finally
        {
            _writeLock.Release();
        }

        return reply.Task;
    }

    /// <summary>Graceful close: no more writes; the worker answers what it has, sees EOF and exits 0.</summary>
    public void CompleteWrites()
    {
        lock (_gate)
        {
            if (_dead || _writesCompleted)
            {
                return;
            }

            _writesCompleted = true;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Fail(WorkerFailure.Crashed, e.Message);
        }
    }

    /// <summary>Kills the connection: the head request fails with <paramref name="failure"/>, the rest are NotStarted.</summary>
    public void Abort(WorkerFailure failure, string reason) => Fail(failure, reason);

    public async ValueTask DisposeAsync()
    {
        Fail(WorkerFailure.None, "disposed");
        await _readLoop.ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(_lifetime.Token).ConfigureAwait(false);
                if (!result.Success)
                {
                    OnReadError(result.Error);
                    return;
                }

                TaskCompletionSource<ConnectionResult>? head;
                lock (_gate)
                {
                    if (_dead || !_pending.TryPeek(out head))
                    {
                        head = null;
                    }
                    else if (head is not StreamingReply)
                    {
                        _pending.Dequeue();
                    }
                }

                if (head is StreamingReply streaming)
                {
                    OnStreamedFrame(streaming, result.Frame);
                    continue;
                }

                if (head is null)
                {
                    var dead = IsDead;
                    result.Frame.Dispose();
                    if (!dead)
                    {
                        Log.UnsolicitedFrame(_logger, Slot, WorkerPid);
                        Fail(WorkerFailure.ProtocolError, "unsolicited frame");
                    }

                    return;
                }

                if (!head.TrySetResult(new ConnectionResult(ConnectionOutcome.Replied, result.Frame)))
                {
                    result.Frame.Dispose();
                }
            }
        }
        catch (Exception e) when (IsConnectionError(e))
        {
            Fail(WorkerFailure.Crashed, e is OperationCanceledException ? "aborted" : e.Message);
        }
    }

    /// <summary>A frame of a streamed answer: the last one takes the request off the queue and completes it.</summary>
    private void OnStreamedFrame(StreamingReply streaming, Frame frame)
    {
        bool last;
        try
        {
            last = streaming.OnFrame(frame);
        }
        catch (Exception e)
        {
            Fail(WorkerFailure.ProtocolError, "streamed frame rejected: " + e.Message);
            return;
        }

        if (!last)
        {
            return;
        }

        lock (_gate)
        {
            if (_dead || !_pending.TryPeek(out var head) || head != streaming)
            {
                return;
            }

            _pending.Dequeue();
        }

        streaming.TrySetResult(new ConnectionResult(ConnectionOutcome.Replied, default));
    }

    private void OnReadError(FrameError error)
    {
        if (error == FrameError.EndOfStream)
        {
            bool clean;
            lock (_gate)
            {
                clean = _writesCompleted && _pending.Count == 0;
            }

            Fail(clean ? WorkerFailure.None : WorkerFailure.Crashed, "end of stream");
            return;
        }

        int pending;
        lock (_gate)
        {
            pending = _pending.Count;
        }

        Log.ProtocolError(_logger, Slot, WorkerPid, error, pending);
        Fail(WorkerFailure.ProtocolError, error.ToString());
    }

    private void Fail(WorkerFailure failure, string reason)
    {
        TaskCompletionSource<ConnectionResult>[] pending;
        lock (_gate)
        {
            if (_dead)
            {
                return;
            }

            _dead = true;
            pending = [.. _pending];
            _pending.Clear();
        }

        Log.Ended(_logger, Slot, WorkerPid, reason, pending.Length);
        if (failure != WorkerFailure.None)
        {
            _onFailed?.Invoke(failure);
        }

        for (var i = 0; i < pending.Length; i++)
        {
            pending[i].TrySetResult(i == 0 ? new ConnectionResult(ToOutcome(failure), default) : ConnectionResult.NotStarted);
        }

        _lifetime.Cancel();
        _stream.Dispose();
        _closed.TrySetResult(failure);
    }

    private static ConnectionOutcome ToOutcome(WorkerFailure failure) => failure switch
    {
        WorkerFailure.ProtocolError => ConnectionOutcome.ProtocolError,
        WorkerFailure.TimedOut => ConnectionOutcome.TimedOut,
        _ => ConnectionOutcome.Crashed,
    };

    private static bool IsConnectionError(Exception e) =>
        e is IOException or SocketException or ObjectDisposedException or OperationCanceledException;
}
