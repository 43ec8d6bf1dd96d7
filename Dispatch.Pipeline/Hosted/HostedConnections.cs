using System.Collections.Concurrent;
using System.Globalization;
using Dispatch.Commands.Contract;
using Dispatch.Commands.Execution;
using Dispatch.Commands.Hub;
using Dispatch.Commands.Validation;
using Dispatch.Pipeline.Dispatching;
using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Pipeline.Hosted;

/// <summary>
/// <see cref="IHostedConnections"/>: leases a worker per websocket from <see cref="HostedWorkerPool"/> and runs a
/// <see cref="HostedSession"/> on it; tracks live sessions so shutdown can wait for their <c>close</c> events.
/// </summary>
internal sealed class HostedConnections : IHostedConnections
{
    private readonly ConcurrentDictionary<string, HostedSession> _sessions = new(StringComparer.Ordinal);
    private readonly HostedDependencies _deps;
    private readonly HostedPoolOptions _poolOptions;
    private readonly int _workers;
    private readonly Action<HostedSession> _onFinished;

    public HostedConnections(
        HostedWorkerPool pool,
        CommandValidator validator,
        ICommandExecutor executor,
        IConnectionHub hub,
        IMessageRouter router,
        ErrorFrames errorFrames,
        IOptions<PipelineOptions> pipelineOptions,
        IOptions<LimitsOptions> limits,
        IOptions<WorkersOptions> workers,
        IOptions<HostedPoolOptions> poolOptions,
        TimeProvider time,
        ILogger<HostedConnections> logger)
    {
        _deps = new HostedDependencies(
            pool,
            validator,
            executor,
            hub,
            router,
            errorFrames,
            time,
            pipelineOptions.Value.EventTimeout,
            pipelineOptions.Value.OnEventFailure == PipelineOptionsValidator.ErrorFrame,
            limits.Value.MaxCommandsPerResponse,
            logger);
        _poolOptions = poolOptions.Value;
        _workers = workers.Value.Count;
        _onFinished = session => _sessions.TryRemove(new KeyValuePair<string, HostedSession>(session.ConnectionId, session));
    }

    public int ActiveSessions => _sessions.Count;

    public async Task<OpenResult> OpenAsync(ConnectionDescriptor connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var lease = await _deps.Pool.LeaseAsync(cancellationToken).ConfigureAwait(false);
        if (lease.Lease is not { } leased)
        {
            return Unavailable(lease.Status);
        }

        var session = new HostedSession(connection, leased, _deps, _onFinished);
        if (!_sessions.TryAdd(connection.Id, session))
        {
            // Ids are generated unguessable and unique; a duplicate is a caller bug and must not reach a worker.
            _deps.Pool.Release(leased);
            return OpenResults.Failed(OpenResults.InternalErrorClass);
        }

        return await session.OpenAsync().ConfigureAwait(false);
    }

    public void StopAccepting() => _deps.Pool.Close();

    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        // Loop: a session admitted while we waited (an open that was already in flight) is waited for too.
        while (!_sessions.IsEmpty)
        {
            var closing = _sessions.Values.Select(static s => s.Closed).ToArray();
            await Task.WhenAll(closing).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private OpenResult Unavailable(LeaseStatus status)
    {
        var reason = status switch
        {
            LeaseStatus.QueueTimedOut => string.Create(
                CultureInfo.InvariantCulture,
                $"All {_workers} workers are busy hosting websockets (connection-hosted mode: one websocket per worker) and none became free within {_poolOptions.QueueTimeout.TotalSeconds:0.###} s. Try again later."),
            LeaseStatus.QueueFull => "Too many websocket upgrades are already waiting for a worker (connection-hosted mode). Try again later.",
            _ => "Server is shutting down.",
        };
        return new OpenResult(OpenStatus.Unavailable, OpenResults.ServiceUnavailable, reason, ErrorClasses.WorkerUnavailable, null);
    }
}
