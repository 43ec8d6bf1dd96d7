namespace Dispatch.Bench.Targets;

/// <summary>Finds Dispatch.Service.dll, the bench PHP apps and the dotnet host from the tool's location or the working
/// directory, so the tool works from the repository root, from <c>dotnet run</c>, and from its own output folder.</summary>
public static class Locator
{
    private static readonly string[] ServiceDllCandidates =
    [
        Path.Combine("Dispatch.Service", "bin", "Release", "net10.0", "Dispatch.Service.dll"),
        Path.Combine("out", "Dispatch.Service.dll"),
    ];

    public static string? FindServiceDll(string? given)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return File.Exists(given) ? Path.GetFullPath(given) : null;
        }

        return SearchUpwards(ServiceDllCandidates, File.Exists);
    }

    public static string? FindAppsDirectory(string? given)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return Directory.Exists(given) ? Path.GetFullPath(given) : null;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "bench-apps");
        if (File.Exists(Path.Combine(beside, "echo.php")))
        {
            return beside;
        }

        return SearchUpwards([Path.Combine("deploy", "bench-apps")], d => File.Exists(Path.Combine(d, "echo.php")));
    }

    /// <summary>The dotnet host that runs this tool (so children use the same runtime), else <c>dotnet</c> on PATH.</summary>
    public static string DotnetHost()
    {
        var processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return processPath;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    private static string? SearchUpwards(IEnumerable<string> relativePaths, Func<string, bool> exists)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                foreach (var relative in relativePaths)
                {
                    var candidate = Path.Combine(directory.FullName, relative);
                    if (exists(candidate))
                    {
                        return candidate;
                    }
                }
            }
        }

        return null;
    }
}
