namespace Dispatch.Pipeline.Workers;

/// <summary>What became of one request written on a <see cref="WorkerConnection"/>.</summary>
internal enum ConnectionOutcome
{
    /// <summary>The worker answered; the reply frame is attached.</summary>
    Replied,

    /// <summary>The connection died (EOF, socket error, killed) while this request was at the head of the queue.</summary>
    Crashed,

    /// <summary>The worker was killed because this request, at the head of the queue, exceeded the event timeout.</summary>
    TimedOut,

    /// <summary>The worker broke the framing while this request was at the head of the queue.</summary>
    ProtocolError,

    /// <summary>The connection died while this request was queued behind the head: the worker never started it, so it
    /// may be sent to another worker.</summary>
    NotStarted,
}
