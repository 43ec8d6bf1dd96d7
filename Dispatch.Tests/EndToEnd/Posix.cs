using System.Runtime.InteropServices;

namespace Dispatch.Tests.EndToEnd;

/// <summary>The two POSIX facilities the process tests need: signals and the process table.</summary>
public static partial class Posix
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    public static void Kill(int pid, int signal)
    {
        if (NativeKill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !IsZombie(pid);

    public static IReadOnlyList<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var fields = ParseStat(File.ReadAllText(Path.Combine(dir, "stat")));
                if (fields.ParentId == parent && fields.State != 'Z')
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return children;
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return ParseStat(File.ReadAllText($"/proc/{pid}/stat")).State == 'Z';
        }
        catch (IOException)
        {
            return true;
        }
    }

    // /proc/PID/stat: "pid (comm) state ppid ..." where comm may contain spaces and parentheses.
    private static (char State, int ParentId) ParseStat(string stat)
    {
        var afterComm = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (afterComm[0][0], int.Parse(afterComm[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int signal);
}
