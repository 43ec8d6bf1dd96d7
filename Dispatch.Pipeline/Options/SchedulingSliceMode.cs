namespace Dispatch.Pipeline.Options;

/// <summary>When the PHP workers run with <see cref="WorkersOptions.SchedulingSlice"/>.</summary>
public enum SchedulingSliceMode
{
    /// <summary>Only while large fan-outs keep the gateway's threads busy (message-dispatch mode); the kernel's default
    /// slice otherwise.</summary>
    FanOut,

    /// <summary>For the workers' whole life, from their start.</summary>
    Always,
}
