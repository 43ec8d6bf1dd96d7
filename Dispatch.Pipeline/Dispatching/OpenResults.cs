using Dispatch.Commands.Contract;
using Dispatch.Pipeline.Sessions;

namespace Dispatch.Pipeline.Dispatching;

/// <summary>The <see cref="OpenResult"/> values an open can end in. Reasons are safe for clients.</summary>
internal static class OpenResults
{
    public const int SwitchingProtocols = 101;
    public const int Forbidden = 403;
    public const int InternalServerError = 500;
    public const int ServiceUnavailable = 503;

    public const string FailedReason = "WebSocket open failed";
    public const string UnavailableReason = "No worker available";

    /// <summary>Not a worker's fault: a bug of ours. Counted and logged, never shown to a client.</summary>
    public const string InternalErrorClass = "internal_error";

    public static OpenResult Accepted(IConnectionSession session) =>
        new(OpenStatus.Accepted, SwitchingProtocols, null, null, session);

    public static OpenResult Rejected(int httpStatus, string? reason) =>
        new(OpenStatus.Rejected, httpStatus, reason, null, null);

    /// <summary>The worker's own error text never reaches the client: only the class, for logs and metrics.</summary>
    public static OpenResult Failed(string errorClass) =>
        new(OpenStatus.Failed, InternalServerError, FailedReason, errorClass, null);

    public static OpenResult Unavailable() =>
        new(OpenStatus.Unavailable, ServiceUnavailable, UnavailableReason, ErrorClasses.WorkerUnavailable, null);
}
