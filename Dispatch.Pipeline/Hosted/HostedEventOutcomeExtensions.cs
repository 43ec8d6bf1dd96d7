using Dispatch.Commands.Contract;

namespace Dispatch.Pipeline.Hosted;

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
