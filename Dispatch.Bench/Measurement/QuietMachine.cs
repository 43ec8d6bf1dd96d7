using System.Diagnostics;

namespace Dispatch.Bench.Measurement;

/// <summary>Waits for the machine to be quiet before a run, so other programs disturb the figures less.</summary>
public static class QuietMachine
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    /// <summary>Samples machine-wide busy CPU once a second until it is below <paramref name="maxBusyCores"/> or
    /// <paramref name="timeout"/> passes. Returns the last busy figure (cores).</summary>
    public static async Task<double> WaitAsync(double maxBusyCores, TimeSpan timeout, Action<double> onSample, CancellationToken cancellationToken)
    {
        if (!ProcStats.IsAvailable || timeout <= TimeSpan.Zero)
        {
            return 0;
        }

        var started = Stopwatch.GetTimestamp();
        double busy;
        do
        {
            var before = ProcStats.MachineBusyMicroseconds();
            var sampled = Stopwatch.GetTimestamp();
            await Task.Delay(SampleInterval, cancellationToken).ConfigureAwait(false);
            busy = (ProcStats.MachineBusyMicroseconds() - before) / (Stopwatch.GetElapsedTime(sampled).TotalMilliseconds * 1000);
            onSample(busy);
        }
        while (busy > maxBusyCores && Stopwatch.GetElapsedTime(started) < timeout);

        return busy;
    }
}
