using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Dispatch.Pipeline.Workers;

/// <summary>
/// Gives a process a custom time slice under Linux's EEVDF scheduler (Linux 6.12 and later: <c>sched_setattr</c> with
/// <c>sched_runtime</c> on a normal policy), keeping its policy and nice value. When a task with a shorter slice than the
/// running one wakes, the kernel may preempt the running one for it, so a PHP worker woken by an event stops waiting
/// for a busy gateway thread to use up its slice. Its share of the CPU stays the same. No privilege is needed.
/// </summary>
internal static partial class SchedulingSlice
{
    /// <summary>The range the kernel clamps a custom slice to.</summary>
    public static readonly TimeSpan Min = TimeSpan.FromMicroseconds(100);

    public static readonly TimeSpan Max = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Sets the slice of <paramref name="pid"/>'s main thread (<see cref="TimeSpan.Zero"/>: the kernel's default).
    /// False, with the reason, when this OS or architecture has no such call, or the kernel refused it (the process then
    /// keeps the default slice).
    /// </summary>
    public static bool TryApply(int pid, TimeSpan slice, [NotNullWhen(false)] out string? problem)
    {
        if (!OperatingSystem.IsLinux())
        {
            problem = "a custom scheduling slice needs Linux";
            return false;
        }

        // sched_getattr / sched_setattr have no libc wrappers; their numbers differ by architecture.
        var (getNumber, setNumber) = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => (315L, 314L),
            Architecture.Arm64 => (275L, 274L),
            _ => (0L, 0L),
        };
        if (setNumber == 0)
        {
            problem = $"no sched_setattr number is known for {RuntimeInformation.ProcessArchitecture}";
            return false;
        }

        try
        {
            return Apply(pid, slice, getNumber, setNumber, out problem);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc the runtime cannot find by that name (musl-based images, say): no slice, not a crash.
            problem = $"libc's syscall entry could not be loaded ({e.Message})";
            return false;
        }
    }

    private static bool Apply(int pid, TimeSpan slice, long getNumber, long setNumber, [NotNullWhen(false)] out string? problem)
    {
        // Read first, so the policy, nice value and flags the process has are written back unchanged.
        var attr = new SchedAttr { Size = SchedAttr.Bytes };
        if (GetAttr(getNumber, pid, ref attr, SchedAttr.Bytes, 0) != 0)
        {
            problem = $"sched_getattr failed ({Marshal.GetLastPInvokeErrorMessage()})";
            return false;
        }

        attr.Size = SchedAttr.Bytes;
        attr.Runtime = (ulong)(slice.Ticks * 100);
        if (SetAttr(setNumber, pid, ref attr, 0) != 0)
        {
            problem = $"sched_setattr failed ({Marshal.GetLastPInvokeErrorMessage()})";
            return false;
        }

        // A kernel before 6.12 takes the call and ignores the runtime of a normal policy: read it back to know. (Zero
        // asks for the default back, which reads back as the default's length, not zero.)
        var requested = attr.Runtime;
        if (requested != 0 && GetAttr(getNumber, pid, ref attr, SchedAttr.Bytes, 0) == 0 && attr.Runtime != requested)
        {
            problem = $"this kernel ignores a custom slice (it reports {attr.Runtime} ns; Linux 6.12 or later is needed)";
            return false;
        }

        problem = null;
        return true;
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long GetAttr(long number, int pid, ref SchedAttr attr, uint size, uint flags);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long SetAttr(long number, int pid, ref SchedAttr attr, uint flags);

    /// <summary><c>struct sched_attr</c>, its first version (48 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct SchedAttr
    {
        public const uint Bytes = 48;

        public uint Size;
        public uint Policy;
        public ulong Flags;
        public int Nice;
        public uint Priority;
        public ulong Runtime;
        public ulong Deadline;
        public ulong Period;
    }
}
