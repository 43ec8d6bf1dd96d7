namespace Dispatch.Pipeline.Workers;

/// <summary>An event waiting for a pipeline slot; completed (under the pool lock) with a worker, or null when it gives up.</summary>
internal sealed class PoolWaiter
{
    private readonly TaskCompletionSource<WorkerInstance?> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LinkedListNode<PoolWaiter>? Node { get; set; }

    public Task<WorkerInstance?> Task => _result.Task;

    public void Complete(WorkerInstance? worker) => _result.TrySetResult(worker);
}
