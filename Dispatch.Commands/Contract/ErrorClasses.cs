namespace Dispatch.Commands.Contract;

/// <summary>Values of <c>error_class</c> seen by clients and in logs.</summary>
public static class ErrorClasses
{
    /// <summary>The handler threw something other than a contract error.</summary>
    public const string WorkerRuntimeError = "worker_runtime_error";

    /// <summary>The handler broke the contract, or the worker's response was invalid.</summary>
    public const string AppContractError = "app_contract_error";

    /// <summary>The worker did not answer within the event timeout.</summary>
    public const string WorkerTimeout = "worker_timeout";

    /// <summary>The worker process died or its socket failed while handling the event.</summary>
    public const string WorkerCrashed = "worker_crashed";

    /// <summary>No worker could take the event.</summary>
    public const string WorkerUnavailable = "worker_unavailable";
}
