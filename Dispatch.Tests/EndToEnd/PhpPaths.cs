namespace Dispatch.Tests.EndToEnd;

/// <summary>Locates php-worker/ in the repository from the test binaries.</summary>
public static class PhpPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string WorkerScript => Path.Combine(RepositoryRoot, "php-worker", "bin", "dispatch-worker");

    public static string Example(string name) => Path.Combine(RepositoryRoot, "php-worker", "examples", name);

    public static string TestApp(string name) => Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Apps", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dispatch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Dispatch.sln not found above " + AppContext.BaseDirectory);
    }
}
