namespace Dispatch.Service.Admin;

/// <summary>Open handles from <c>/proc</c> (Linux; zero elsewhere).</summary>
internal static class ProcessStats
{
    public static int OpenHandles()
    {
        try
        {
            return Directory.EnumerateFileSystemEntries("/proc/self/fd").Count();
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
