namespace Dispatch.Commands.Validation;

/// <summary>
/// The result of validating one worker response. Either the whole response is rejected (<see cref="RejectedWhole"/>,
/// nothing applies, the client gets an <c>app_contract_error</c> frame), or it is a worker error response
/// (<see cref="WorkerErrorClass"/> set), or it is a list of valid commands plus every problem found in the others.
/// </summary>
public sealed class ValidationOutcome
{
    public bool RejectedWhole { get; init; }

    /// <summary>Set when the worker answered <c>{"event":"error"}</c>: its <c>error_class</c>, normalised.</summary>
    public string? WorkerErrorClass { get; init; }

    /// <summary>The worker's error text: for logs only, never sent to a client.</summary>
    public string? WorkerErrorText { get; init; }

    public IReadOnlyList<ValidCommand> Commands { get; init; } = [];
    public IReadOnlyList<CommandProblem> Problems { get; init; } = [];

    /// <summary>For <c>open</c>: false when <c>accepted:false</c> or a self <c>close</c> command rejects it.</summary>
    public bool Accepted { get; init; } = true;

    /// <summary>For a rejected <c>open</c>: the HTTP status (default 403) and reason of its close command.</summary>
    public int RejectStatus { get; init; } = 403;
    public string? RejectReason { get; init; }

    public bool IsWorkerError => WorkerErrorClass is not null;
}
