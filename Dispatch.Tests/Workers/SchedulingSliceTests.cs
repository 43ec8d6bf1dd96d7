using System.Diagnostics;
using System.Globalization;
using Dispatch.Pipeline.Workers;

namespace Dispatch.Tests.Workers;

/// <summary>The scheduling slice on real processes, read back from the kernel's <c>/proc/PID/sched</c>.</summary>
public sealed class SchedulingSliceTests
{
    [Fact]
    public void TryApply_SetsTheSlice_AndKeepsTheNiceValue()
    {
        using var child = Process.Start(new ProcessStartInfo("nice", ["-n", "5", "sleep", "60"]))!;
        try
        {
            // nice execs sleep in the same process; wait until it has (the nice value is set by then).
            Assert.True(SpinWait.SpinUntil(() => Comm(child.Id) == "sleep", TimeSpan.FromSeconds(10)));

            Assert.True(SchedulingSlice.TryApply(child.Id, TimeSpan.FromMicroseconds(250), out var problem), problem);

            Assert.Equal(250_000, SliceNanoseconds(child.Id));
            Assert.Equal(5, Nice(child.Id));
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    [Fact]
    public void TryApply_Zero_GivesTheKernelsDefaultBack()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", ["60"]))!;
        try
        {
            var before = SliceNanoseconds(child.Id);
            Assert.True(SchedulingSlice.TryApply(child.Id, TimeSpan.FromMicroseconds(250), out var problem), problem);
            Assert.Equal(250_000, SliceNanoseconds(child.Id));

            Assert.True(SchedulingSlice.TryApply(child.Id, TimeSpan.Zero, out problem), problem);

            Assert.Equal(before, SliceNanoseconds(child.Id));
            Assert.NotEqual(250_000, before);
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    [Fact]
    public void TryApply_ToAProcessThatIsGone_ReportsWhy()
    {
        using var child = Process.Start(new ProcessStartInfo("true"))!;
        child.WaitForExit();

        Assert.False(SchedulingSlice.TryApply(child.Id, TimeSpan.FromMilliseconds(1), out var problem));
        Assert.StartsWith("sched_getattr failed", problem, StringComparison.Ordinal);
    }

    internal static long SliceNanoseconds(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/sched").Single(l => l.StartsWith("se.slice", StringComparison.Ordinal));
        return long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), CultureInfo.InvariantCulture);
    }

    private static string Comm(int pid) => File.ReadAllText($"/proc/{pid}/comm").Trim();

    // /proc/PID/stat: "pid (comm) state ..." — nice is the 19th field, the 17th after the comm.
    private static int Nice(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }
}
