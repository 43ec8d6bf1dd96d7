namespace Dispatch.Pipeline.Hosted;

/// <summary>The outcome of <see cref="HostedWorkerPool.LeaseAsync"/>; <see cref="Lease"/> is set only when leased.</summary>
internal readonly record struct LeaseResult(LeaseStatus Status, HostedLease? Lease)
{
    public static LeaseResult Failed(LeaseStatus status) => new(status, null);
}
