using Dispatch.Commands.Contract;

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

/// <summary>Client-safe names of the outcomes.</summary>
internal static class HostedEventOutcomeExtensions
{
    public static string ToErrorClass(this HostedEventOutcome outcome) => outcome switch
    {
        HostedEventOutcome.TimedOut => ErrorClasses.WorkerTimeout,
        HostedEventOutcome.ProtocolError => ErrorClasses.AppContractError,
        _ => ErrorClasses.WorkerCrashed,
    };

    /// <summary>The close reason the websocket gets with 1011.</summary>
    public static string ToCloseReason(this HostedEventOutcome outcome) => outcome switch
    {
        HostedEventOutcome.TimedOut => "worker timeout",
        HostedEventOutcome.ProtocolError => "worker protocol error",
        _ => "worker crashed",
    };
}
