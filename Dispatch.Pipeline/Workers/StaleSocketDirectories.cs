using System.Diagnostics;
using System.Globalization;

namespace Dispatch.Pipeline.Workers;

/// <summary>
/// Removes <c>dispatch-&lt;pid&gt;-&lt;random&gt;</c> socket directories under the temp path whose Dispatch process is gone
/// (it was SIGKILLed and could not clean up). A directory whose pid is alive is never touched.
/// </summary>
internal static class StaleSocketDirectories
{
    public const string Prefix = "dispatch-";

    public static void Sweep(string tempPath)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateDirectories(tempPath, Prefix + "*-*");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var directory in candidates)
        {
            var parts = Path.GetFileName(directory).Split('-');
            if (parts.Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
            {
                continue;
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else's, or already gone: not ours to fight over.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
