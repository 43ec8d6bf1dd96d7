using Dispatch.Commands.Contract;
using Dispatch.Pipeline.Workers;

namespace Dispatch.Pipeline.Dispatching;

/// <summary>Maps the pool's failure values to the <c>error_class</c> a client sees (CONTRACT 4.5).</summary>
internal static class WorkerFailureClasses
{
    public static string ToErrorClass(this WorkerFailure failure) => failure switch
    {
        WorkerFailure.Unavailable => ErrorClasses.WorkerUnavailable,
        WorkerFailure.TimedOut => ErrorClasses.WorkerTimeout,
        _ => ErrorClasses.WorkerCrashed,
    };
}
