using System.Globalization;

namespace Dispatch.Bench.Measurement;

/// <summary>
/// Reads <c>/proc/&lt;pid&gt;/stat</c> (utime, stime, cutime, cstime) and <c>/proc/&lt;pid&gt;/status</c> (VmRSS)
/// for a process and, optionally, every descendant (Dispatch's PHP workers). Linux only; elsewhere every sample is
/// empty and the tool reports no server CPU or memory.
/// </summary>
public static class ProcStats
{
    // USER_HZ: the unit of the stat times. It is 100 on every Linux architecture .NET runs on.
    private const long ClockTicksPerSecond = 100;

    public static bool IsAvailable => File.Exists("/proc/self/stat");

    public static ProcessSample Sample(int pid, bool includeDescendants)
    {
        if (!IsAvailable)
        {
            return default;
        }

        var pids = includeDescendants ? Descendants(pid).Prepend(pid).ToList() : [pid];
        long ticks = 0;
        long rss = 0;
        var counted = 0;
        foreach (var each in pids)
        {
            if (ReadStat(each) is { } stat)
            {
                ticks += stat.Ticks;
                rss += ReadRssKilobytes(each);
                counted++;
            }
        }

        return new ProcessSample(ticks * (1_000_000 / ClockTicksPerSecond), rss, counted);
    }

    /// <summary>CPU time (µs) the whole machine spent busy (everything but idle and iowait), from <c>/proc/stat</c>.
    /// Includes steal.</summary>
    public static long MachineBusyMicroseconds() => MachineTimes().Busy;

    /// <summary>
    /// The machine's busy and steal times (µs) from the first line of <c>/proc/stat</c>. Steal is time the hypervisor
    /// ran other guests while this one had work: on a shared VM it is the main reason one run differs from the next.
    /// </summary>
    public static (long Busy, long Steal) MachineTimes()
    {
        if (!IsAvailable)
        {
            return (0, 0);
        }

        var line = File.ReadLines("/proc/stat").First();
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long busy = 0;
        // cpu user nice system idle iowait irq softirq steal ...: skip idle (4) and iowait (5); guest time is already
        // inside user.
        for (var field = 1; field < Math.Min(fields.Length, 9); field++)
        {
            if (field is not 4 and not 5)
            {
                busy += long.Parse(fields[field], CultureInfo.InvariantCulture);
            }
        }

        var steal = fields.Length > 8 ? long.Parse(fields[8], CultureInfo.InvariantCulture) : 0;
        return (busy * (1_000_000 / ClockTicksPerSecond), steal * (1_000_000 / ClockTicksPerSecond));
    }

    /// <summary>Every live process whose parent chain leads to <paramref name="root"/>.</summary>
    public static IReadOnlyList<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ReadStat(pid) is { } stat)
            {
                parents[pid] = stat.ParentPid;
            }
        }

        var result = new List<int>();
        var frontier = new Queue<int>();
        frontier.Enqueue(root);
        while (frontier.Count > 0 && result.Count < 10_000)
        {
            var parent = frontier.Dequeue();
            foreach (var (pid, ppid) in parents)
            {
                if (ppid == parent && pid != root)
                {
                    result.Add(pid);
                    frontier.Enqueue(pid);
                }
            }
        }

        return result;
    }

    private static (long Ticks, int ParentPid)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may contain spaces: parse after the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = text[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17.
        if (fields.Length < 15)
        {
            return null;
        }

        var ppid = int.Parse(fields[1], CultureInfo.InvariantCulture);
        long ticks = 0;
        for (var field = 11; field <= 14; field++)
        {
            ticks += long.Parse(fields[field], CultureInfo.InvariantCulture);
        }

        return (ticks, ppid);
    }

    private static long ReadRssKilobytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var digits = line.AsSpan(6).Trim();
                    var space = digits.IndexOf(' ');
                    return long.Parse(space < 0 ? digits : digits[..space], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process exited between the stat and the status read.
        }

        return 0;
    }
}
