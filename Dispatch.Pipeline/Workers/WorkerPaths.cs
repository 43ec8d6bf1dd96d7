using Dispatch.Pipeline.Options;

namespace Dispatch.Pipeline.Workers;

/// <summary>
/// Resolves the PHP binary, worker script and app file of <see cref="WorkersOptions"/>. Explicit relative paths resolve
/// against the content root (or the current directory). Unset script/app are searched for as
/// <c>php-worker/bin/dispatch-worker</c> and <c>php-worker/examples/chat.php</c> in <see cref="AppContext.BaseDirectory"/>
/// and its parents, then in the current directory and its parents.
/// </summary>
internal sealed record WorkerPaths(string? Php, string Script, string App)
{
    public const string DefaultScript = "php-worker/bin/dispatch-worker";
    public const string DefaultApp = "php-worker/examples/chat.php";

    public static WorkerPaths Resolve(WorkersOptions options, string? contentRoot) => new(
        FindPhp(options.Php, contentRoot),
        ResolveFile(options.WorkerScript, DefaultScript, contentRoot),
        ResolveFile(options.App, DefaultApp, contentRoot));

    /// <summary>The absolute path of <paramref name="configured"/>, or where the default was found (or expected).</summary>
    public static string ResolveFile(string? configured, string defaultRelative, string? contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot ?? Directory.GetCurrentDirectory());
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, defaultRelative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.GetFullPath(defaultRelative, contentRoot ?? Directory.GetCurrentDirectory());
    }

    /// <summary>The PHP binary's absolute path: as configured when it contains a directory, else searched on PATH.
    /// Null when it does not exist.</summary>
    public static string? FindPhp(string php, string? contentRoot)
    {
        if (string.IsNullOrWhiteSpace(php))
        {
            return null;
        }

        if (php.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || php.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(php, contentRoot ?? Directory.GetCurrentDirectory());
            return File.Exists(full) ? full : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, php);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            if (OperatingSystem.IsWindows() && File.Exists(candidate + ".exe"))
            {
                return candidate + ".exe";
            }
        }

        return null;
    }
}
