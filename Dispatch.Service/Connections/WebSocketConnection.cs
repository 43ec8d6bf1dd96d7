using System.Net.WebSockets;
using Dispatch.Commands.Hub;
using Dispatch.Pipeline.Sessions;
using Microsoft.Extensions.Logging;

namespace Dispatch.Service.Connections;

/// <summary>
/// One live websocket: a bounded send queue with a single drainer at a time (a <see cref="WebSocket"/> allows one send
/// at a time; see the <c>.Send.cs</c> part), and the receive loop that feeds the pipeline (the <c>.Receive.cs</c> part).
/// Never blocks a caller of <see cref="TrySend"/>: a client that does not drain its queue is closed with 1008 instead
/// of growing memory.
/// </summary>
internal sealed partial class WebSocketConnection : IClientConnection, IDisposable
{
    private readonly WebSocket _socket;
    private readonly SendQueue _sendQueue;
    private readonly CancellationTokenSource _abort = new();
    private readonly TimeSpan _closeTimeout;
    private readonly int _maxMessageBytes;
    private readonly ConnectionSettings _settings;
    private readonly TokenBucket? _rateLimit;
    private readonly ITimer? _idleTimer;

    // A message over the rate limit is not dispatched but still takes its turn in the lane, so its outcome (an error
    // frame, or the 1008 close) reaches the client after the replies to the messages before it.
    private readonly MessageRejection? _rateLimitRejection;
    private readonly ILogger _logger;
    private readonly object _closeGate = new();
    private CloseInfo? _serverClose;
    private bool _discardQueued;

    /// <summary>Under <see cref="_closeGate"/>: the close timeout's abort, and whether the run is over.</summary>
    private CancellationTokenRegistration _abortOnTimeout;
    private bool _runOver;

    public WebSocketConnection(string id, string remoteAddr, WebSocket socket, ConnectionSettings settings, ILogger logger)
    {
        Id = id;
        RemoteAddr = remoteAddr;
        _socket = socket;
        _closeTimeout = settings.CloseTimeout;
        _maxMessageBytes = settings.MaxMessageBytes;
        _settings = settings;
        _rateLimit = settings.RateLimitPerSecond > 0 ? new TokenBucket(settings.Time, settings.RateLimitPerSecond, settings.RateLimitBurst) : null;
        _rateLimitRejection = _rateLimit is null ? null
            : settings.RateLimitAction == RateLimitAction.Close ? new MessageRejection(null, 1008, "rate limit exceeded")
            : new MessageRejection(settings.RateLimitedFrame);
        _idleTimer = settings.IdleTimeout > TimeSpan.Zero
            ? settings.Time.CreateTimer(static state => ((WebSocketConnection)state!).Close(1001, "idle timeout"), this, settings.IdleTimeout, Timeout.InfiniteTimeSpan)
            : null;
        _logger = logger;
        _sendQueue = new SendQueue(settings.SendQueueCapacity);
    }

    public string Id { get; }

    public string RemoteAddr { get; }

    /// <summary>Data messages received from the client (receive loop only; read after <see cref="RunAsync"/>).</summary>
    public long MessagesIn { get; private set; }

    /// <summary>Data messages written to the socket (one drain at a time; read after <see cref="RunAsync"/>).</summary>
    public long MessagesOut { get; private set; }

    /// <summary>Frames waiting in the send queue now.</summary>
    public int QueuedFrames => _sendQueue.Count;

    /// <summary>True once a close was requested by the server side (worker command, limit, shutdown).</summary>
    public bool IsClosing => Volatile.Read(ref _serverClose) is not null;

    public bool TrySend(OutboundMessage message)
    {
        var outcome = Enqueue(message);
        if (outcome == SendOutcome.QueuedDrainOwed)
        {
            Drain();
        }

        return outcome != SendOutcome.Refused;
    }

    public SendOutcome Enqueue(OutboundMessage message)
    {
        if (IsClosing)
        {
            return SendOutcome.Refused;
        }

        var outcome = _sendQueue.TryWrite(message);
        if (outcome != SendOutcome.Refused)
        {
            return outcome;
        }

        // Full queue (or already completed by the receive side): the client is not keeping up.
        ConnectionLog.SlowConsumer(_logger, Id, _sendQueue.Count);
        if (CloseCore(new CloseInfo(1008, "slow consumer"), discardQueued: true))
        {
            _settings.Metrics?.SlowConsumerClosed();
        }

        return SendOutcome.Refused;
    }

    public void Drain() => _ = DrainAsync();

    public void Close(int code, string reason) => CloseCore(new CloseInfo(code, reason), discardQueued: false);

    /// <summary>
    /// Server-side close: frames already queued are flushed (unless the client is too slow to take them), then the close
    /// frame is sent. The socket is aborted if all that takes longer than the close timeout.
    /// </summary>
    /// <returns>True when this call started the close; false when one was already under way.</returns>
    private bool CloseCore(CloseInfo close, bool discardQueued)
    {
        lock (_closeGate)
        {
            if (_serverClose is not null)
            {
                return false;
            }

            _discardQueued = discardQueued;
            Volatile.Write(ref _serverClose, close);

            // Out of time, the socket is aborted: that ends a pending receive (receives carry no token) and a send
            // stuck on a client that stopped reading, and the token ends the rest (a wait for lane room, the close
            // frame's send). Armed only until the connection's run is over (see DisarmCloseTimeout).
            if (!_runOver)
            {
                _abortOnTimeout = _abort.Token.UnsafeRegister(static state => ((WebSocketConnection)state!).AbortOnTimeout(), this);
            }
        }

        _sendQueue.Complete();
        KickDrain();
        try
        {
            _abort.CancelAfter(_closeTimeout);
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }

        return true;
    }

    private void AbortOnTimeout()
    {
        try
        {
            _socket.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request is already over.
        }
    }

    /// <summary>
    /// Once the receive loop and the send side are done nothing is left for the close timeout to end; left armed, it
    /// would abort a connection whose close handshake completed while the worker still handles its close event.
    /// Waits for a callback already running.
    /// </summary>
    private void DisarmCloseTimeout()
    {
        CancellationTokenRegistration registration;
        lock (_closeGate)
        {
            _runOver = true;
            registration = _abortOnTimeout;
            _abortOnTimeout = default;
        }

        registration.Dispose();
    }

    public void Dispose()
    {
        DisarmCloseTimeout();
        _idleTimer?.Dispose();
        _abort.Dispose();
        _socket.Dispose();
    }
}
