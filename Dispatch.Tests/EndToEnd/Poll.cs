namespace Dispatch.Tests.EndToEnd;

/// <summary>For conditions that have no event of their own to await.</summary>
internal static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every 20 ms until it holds; fails with a timeout (default 30 s)
    /// instead of hanging.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!condition())
        {
            await timer.WaitForNextTickAsync(cts.Token);
        }
    }
}
