using System.Globalization;

namespace Dispatch.Pipeline.Hosted;

/// <summary>A process's resident memory from <c>/proc/PID/status</c> (0 when unknown or gone).</summary>
internal static class ResidentMemory
{
    public static long Kilobytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Gone or unreadable: the supervisor handles a dead worker; an unreadable one is not recycled for memory.
        }

        return 0;
    }
}
