namespace Dispatch.Tests.Hosted;

/// <summary>A temp file <c>Apps/hosted.php</c> appends "ID CODE REASON" to on every close (query <c>log=PATH</c>).</summary>
public sealed class CloseLog : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dispatch-hosted-closes-{Guid.NewGuid():N}.log");

    public string Query => "log=" + Uri.EscapeDataString(Path);

    /// <summary>Waits until the close of <paramref name="id"/> is logged; returns every line logged for it.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(string id, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (true)
        {
            var lines = File.Exists(Path) ? await File.ReadAllLinesAsync(Path, cts.Token) : [];
            var mine = lines.Where(l => l.StartsWith(id + " ", StringComparison.Ordinal)).ToList();
            if (mine.Count > 0)
            {
                return mine;
            }

            await timer.WaitForNextTickAsync(cts.Token);
        }
    }

    public void Dispose() => File.Delete(Path);
}
