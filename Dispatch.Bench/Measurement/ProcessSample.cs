namespace Dispatch.Bench.Measurement;

/// <summary>CPU time and resident memory of a process tree at one instant (Linux <c>/proc</c>).</summary>
/// <param name="CpuMicroseconds">utime+stime of the process and its live descendants, plus the cutime+cstime of the
/// children they already reaped; clock-tick resolution (10 ms).</param>
/// <param name="RssKilobytes">VmRSS of the process plus that of its live descendants.</param>
/// <param name="Processes">How many processes were summed.</param>
public readonly record struct ProcessSample(long CpuMicroseconds, long RssKilobytes, int Processes);
