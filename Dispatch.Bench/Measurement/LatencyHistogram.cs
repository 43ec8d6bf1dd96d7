namespace Dispatch.Bench.Measurement;

/// <summary>
/// A lock-free log-linear histogram of latencies in microseconds: exact below 2,048 µs, then 1,024 sub-buckets per
/// power of two (0.1 % resolution). Fixed size, so recording never allocates; safe to record from many threads.
/// </summary>
public sealed class LatencyHistogram
{
    private const int LinearLimit = 2048;
    private const int LinearBits = 11;
    private const int SubBucketBits = 10;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int Magnitudes = 64 - LinearBits;

    private readonly long[] _counts = new long[LinearLimit + (Magnitudes * SubBuckets)];
    private long _count;
    private long _max;
    private long _sum;

    public long Count => Interlocked.Read(ref _count);

    public long MaxMicroseconds => Interlocked.Read(ref _max);

    public double MeanMicroseconds => Count == 0 ? 0 : (double)Interlocked.Read(ref _sum) / Count;

    public void RecordTicks(long stopwatchTicks) =>
        Record(stopwatchTicks <= 0 ? 0 : (long)(stopwatchTicks * (1_000_000.0 / System.Diagnostics.Stopwatch.Frequency)));

    public void Record(long microseconds)
    {
        if (microseconds < 0)
        {
            microseconds = 0;
        }

        Interlocked.Increment(ref _counts[IndexOf(microseconds)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, microseconds);
        var max = Interlocked.Read(ref _max);
        while (microseconds > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, microseconds, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>The smallest recorded value (bucket lower bound) at or above which <paramref name="percentile"/> % of
    /// the samples lie below; 0 when empty.</summary>
    public double Percentile(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(percentile / 100.0 * total);
        rank = Math.Clamp(rank, 1, total);
        long seen = 0;
        for (var index = 0; index < _counts.Length; index++)
        {
            seen += Interlocked.Read(ref _counts[index]);
            if (seen >= rank)
            {
                return Math.Min(ValueOf(index), MaxMicroseconds);
            }
        }

        return MaxMicroseconds;
    }

    private static int IndexOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var magnitude = 63 - (int)long.LeadingZeroCount(value);
        var sub = (int)((value >> (magnitude - SubBucketBits)) & (SubBuckets - 1));
        return LinearLimit + ((magnitude - LinearBits) * SubBuckets) + sub;
    }

    private static long ValueOf(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var offset = index - LinearLimit;
        var magnitude = (offset / SubBuckets) + LinearBits;
        var sub = offset % SubBuckets;
        return (1L << magnitude) + ((long)sub << (magnitude - SubBucketBits));
    }
}
