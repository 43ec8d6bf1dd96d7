using Dispatch.Commands.Framing;

namespace Dispatch.Pipeline.Workers;

/// <summary>The outcome of one request on a <see cref="WorkerConnection"/>; <see cref="Frame"/> is set only when replied.</summary>
internal readonly record struct ConnectionResult(ConnectionOutcome Outcome, Frame Frame)
{
    public static ConnectionResult NotStarted => new(ConnectionOutcome.NotStarted, default);
}
