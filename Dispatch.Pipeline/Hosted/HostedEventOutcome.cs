namespace Dispatch.Pipeline.Hosted;

/// <summary>How one event's round trip with the hosting worker ended.</summary>
internal enum HostedEventOutcome
{
    /// <summary>The worker answered up to <c>done</c>.</summary>
    Done,

    /// <summary>The worker died (or its connection failed) before <c>done</c>.</summary>
    Crashed,

    /// <summary>The worker broke the framing or sent a frame that is not a hosted-mode JSON object; it is killed.</summary>
    ProtocolError,

    /// <summary>No <c>done</c> within the event timeout; the worker is killed.</summary>
    TimedOut,
}
