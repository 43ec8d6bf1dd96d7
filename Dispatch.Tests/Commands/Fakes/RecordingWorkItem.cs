namespace Dispatch.Tests.Commands.Fakes;

/// <summary>A thread-pool work item that only records that it ran.</summary>
internal sealed class RecordingWorkItem : IThreadPoolWorkItem
{
    public bool Ran { get; private set; }

    public void Execute() => Ran = true;
}
