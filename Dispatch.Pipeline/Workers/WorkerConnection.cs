using System.Buffers;
using System.Net.Sockets;
using Dispatch.Commands.Framing;
using Microsoft.Extensions.Logging;
using Log = Dispatch.Pipeline.Workers.WorkerConnectionLog;

namespace Dispatch.Pipeline.Workers;

/// <summary>
/// The persistent connection to one worker (CONTRACT 2). One writer at a time (events queued while a write is under
/// way leave together in the next write), one
/// read loop matching replies to requests in FIFO order, since the worker answers strictly in order; several requests
/// may be in flight (pipelining; the pool bounds how many). When the connection ends abnormally the request at the
/// head fails and the ones behind it come back as <see cref="ConnectionOutcome.NotStarted"/>. A dead connection is
/// never reused.
/// </summary>
internal sealed class WorkerConnection : IAsyncDisposable
{
    private static readonly Task<ConnectionResult> NotStartedReply = Task.FromResult(ConnectionResult.NotStarted);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly BufferedFrameReader _reader;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly OutgoingFrames _outgoing = new();
    private readonly Queue<TaskCompletionSource<ConnectionResult>> _pending = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource<WorkerFailure> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readLoop;
    private bool _dead;
    private bool _writesCompleted;

    /// <summary>True while one caller writes <see cref="_outgoing"/> to the socket (gate); the only writer.</summary>
    private bool _writing;

    private readonly Action<WorkerFailure>? _onFailed;

    private WorkerConnection(Socket socket, int maxFrameBytes, int slot, int workerPid, ILogger logger, Action<WorkerFailure>? onFailed)
    {
        _onFailed = onFailed;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new BufferedFrameReader(_stream, maxFrameBytes);
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
    /// only when <paramref name="cancellationToken"/> is already cancelled, i.e. before anything of this event was queued
    /// for the worker. A dead or closing connection answers <see cref="ConnectionOutcome.NotStarted"/> at once.
    /// </summary>
    /// <remarks>
    /// The reply's continuation runs synchronously on the read loop when the reply arrives. That continuation is short
    /// and never waits (the pool releases the slot, the dispatch block hands the job to the apply block, which runs it
    /// on a thread of its own), so the read loop is held only briefly; a forced hop here would be a second thread-pool
    /// hop per event on top of the apply block's. Streamed replies (hosted mode) still complete asynchronously.
    /// </remarks>
    public ValueTask<Task<ConnectionResult>> WriteAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        WriteCoreAsync(payload, onFrame: null, cancellationToken);

    /// <summary>
    /// Writes one event whose answer is a stream of frames ending with one for which <paramref name="onFrame"/> returns
    /// true (connection-hosted mode). Otherwise as <see cref="WriteAsync"/>; the reply carries no frame.
    /// </summary>
    public ValueTask<Task<ConnectionResult>> WriteStreamingAsync(ReadOnlyMemory<byte> payload, Func<Frame, bool> onFrame, CancellationToken cancellationToken) =>
        WriteCoreAsync(payload, onFrame, cancellationToken);

    /// <summary>
    /// Queues the framed event and, unless a write is already under way (whose writer will take it along), writes
    /// everything queued. Events pipelined while a write is on the socket thus leave together in the next single write,
    /// and an uncontended write costs no lock wait and no thread hop.
    /// </summary>
    private ValueTask<Task<ConnectionResult>> WriteCoreAsync(ReadOnlyMemory<byte> payload, Func<Frame, bool>? onFrame, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(payload.Length);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<Task<ConnectionResult>>(cancellationToken);
        }

        TaskCompletionSource<ConnectionResult> reply;
        lock (_gate)
        {
            if (_dead || _writesCompleted)
            {
                return new ValueTask<Task<ConnectionResult>>(NotStartedReply);
            }

            // Made only for an event that is queued, so a reply's token registration always ends with its completion.
            reply = onFrame is null ? new CancelableReply(cancellationToken) : new StreamingReply(onFrame);

            // Queued together under the gate, so the order of _pending is the order on the wire.
            _pending.Enqueue(reply);
            _outgoing.Append(payload.Span);
            if (_writing)
            {
                return new ValueTask<Task<ConnectionResult>>(reply.Task);
            }

            _writing = true;
        }

        var flushed = FlushAsync();
        return flushed.IsCompletedSuccessfully ? new ValueTask<Task<ConnectionResult>>(reply.Task) : AfterFlushAsync(flushed, reply.Task);

        static async ValueTask<Task<ConnectionResult>> AfterFlushAsync(ValueTask flush, Task<ConnectionResult> reply)
        {
            await flush.ConfigureAwait(false);
            return reply;
        }
    }

    /// <summary>Writes what is queued until nothing is; the caller owns the writer role (<c>_writing</c>).</summary>
    private async ValueTask FlushAsync()
    {
        while (true)
        {
            OutgoingFrames.Batch batch;
            bool shutdown;
            lock (_gate)
            {
                if (_dead || _outgoing.IsEmpty)
                {
                    _outgoing.Clear();
                    _writing = false;
                    shutdown = _writesCompleted && !_dead;
                    batch = default;
                }
                else
                {
                    batch = _outgoing.Take();
                    shutdown = false;
                }
            }

            if (batch.Buffer is null)
            {
                if (shutdown)
                {
                    // CompleteWrites came while this write was under way and left the shutdown to it.
                    ShutdownSend();
                }

                return;
            }

            try
            {
                // Never a caller's token: a write abandoned half-way would corrupt the stream for everyone behind it.
                await _stream.WriteAsync(batch.Buffer.AsMemory(0, batch.Length), _lifetime.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (IsConnectionError(e))
            {
                Fail(WorkerFailure.Crashed, e is OperationCanceledException ? "aborted" : e.Message);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(batch.Buffer);
            }
        }
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
            if (_writing)
            {
                // The writer shuts the socket down once what it has queued is on the wire.
                return;
            }
        }

        ShutdownSend();
    }

    private void ShutdownSend()
    {
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

    /// <summary>
    /// Announces why the connection is about to die (the worker is being killed for it), so that whichever comes first —
    /// <see cref="Abort"/> or the EOF of the dying process — the event at the head gets this failure, not "crashed".
    /// </summary>
    public void ExpectFailure(WorkerFailure failure) => Volatile.Write(ref _expectedFailure, (int)failure);

    private int _expectedFailure;

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

                if (!Complete(head, new ConnectionResult(ConnectionOutcome.Replied, result.Frame)))
                {
                    // The caller gave up (its reply was cancelled): nobody takes the frame.
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
        if (failure == WorkerFailure.Crashed && (WorkerFailure)Volatile.Read(ref _expectedFailure) is var expected and not WorkerFailure.None)
        {
            failure = expected;
        }

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

        // Replies complete synchronously (see WriteAsync), so the failed ones are completed on the thread pool, in one
        // work item: their callers' continuations (re-dispatching the ones never started) must not run inside whoever
        // killed the connection, before it finished (Kill still has the process to kill).
        if (pending.Length > 0)
        {
            var headOutcome = new ConnectionResult(ToOutcome(failure), default);
            ThreadPool.UnsafeQueueUserWorkItem(
                static state =>
                {
                    for (var i = 0; i < state.Pending.Length; i++)
                    {
                        Complete(state.Pending[i], i == 0 ? state.Head : ConnectionResult.NotStarted);
                    }
                },
                (Pending: pending, Head: headOutcome),
                preferLocal: false);
        }

        _lifetime.Cancel();
        _stream.Dispose();
        _closed.TrySetResult(failure);
    }

    private static bool Complete(TaskCompletionSource<ConnectionResult> reply, ConnectionResult result) =>
        reply is CancelableReply cancelable ? cancelable.TryComplete(result) : reply.TrySetResult(result);

    private static ConnectionOutcome ToOutcome(WorkerFailure failure) => failure switch
    {
        WorkerFailure.ProtocolError => ConnectionOutcome.ProtocolError,
        WorkerFailure.TimedOut => ConnectionOutcome.TimedOut,
        _ => ConnectionOutcome.Crashed,
    };

    private static bool IsConnectionError(Exception e) =>
        e is IOException or SocketException or ObjectDisposedException or OperationCanceledException;
}
