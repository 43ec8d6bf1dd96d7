namespace Dispatch.Pipeline.Hosted;

/// <summary>An upgrade waiting for a free worker; completed (under the pool lock) with a lease or a failure.</summary>
internal sealed class LeaseWaiter
{
    private readonly TaskCompletionSource<LeaseResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LinkedListNode<LeaseWaiter>? Node { get; set; }

    public Task<LeaseResult> Task => _result.Task;

    public bool Complete(LeaseResult result) => _result.TrySetResult(result);
}
