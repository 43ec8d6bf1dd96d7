using System.Diagnostics.Metrics;

namespace Dispatch.Service.Metrics;

/// <summary>
/// Client messages and their payload bytes in one direction, by message type: running totals that many threads add
/// to at once and that are read only when scraped, through observable counters. Each processor adds to its own
/// stripe, where all four totals share a cache line, so one message costs one processor-id lookup and two adds on a
/// line no other core writes.
/// </summary>
/// <remarks>
/// Counted once per client message and once per delivered frame: a <c>Counter&lt;T&gt;.Add</c> there costs a listener
/// callback, a tag lookup and a contended update each time, which a broadcast profile showed as 2.4% of the server's
/// CPU.
/// </remarks>
internal sealed class MessageTotals
{
    private const int TextMessages = 0;
    private const int BinaryMessages = 1;
    private const int TextBytes = 2;
    private const int BinaryBytes = 3;

    /// <summary>longs per stripe: 128 bytes, so the four used totals of two stripes never share a cache line.</summary>
    private const int Spacing = 16;

    private static readonly KeyValuePair<string, object?> TextTag = new("type", "text");
    private static readonly KeyValuePair<string, object?> BinaryTag = new("type", "binary");

    private readonly long[] _cells;
    private readonly int _mask;

    public MessageTotals()
    {
        var stripes = (int)Math.Min(64, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));
        _mask = stripes - 1;
        _cells = new long[stripes * Spacing];
    }

    public void Add(int bytes, bool binary)
    {
        var stripe = (Thread.GetCurrentProcessorId() & _mask) * Spacing;
        var type = binary ? 1 : 0;
        Interlocked.Increment(ref _cells[stripe + TextMessages + type]);
        Interlocked.Add(ref _cells[stripe + TextBytes + type], bytes);
    }

    /// <summary>Messages by type, for an observable counter.</summary>
    public IEnumerable<Measurement<long>> Messages() => ByType(Sum(TextMessages), Sum(BinaryMessages));

    /// <summary>Payload bytes by type, for an observable counter.</summary>
    public IEnumerable<Measurement<long>> Bytes() => ByType(Sum(TextBytes), Sum(BinaryBytes));

    private long Sum(int total)
    {
        long sum = 0;
        for (var stripe = 0; stripe < _cells.Length; stripe += Spacing)
        {
            sum += Volatile.Read(ref _cells[stripe + total]);
        }

        return sum;
    }

    /// <summary>One series per message type that has counted something (an untagged 0 before anything was), as the
    /// counters these replaced showed.</summary>
    private static List<Measurement<long>> ByType(long texts, long binaries)
    {
        if (texts == 0 && binaries == 0)
        {
            return [new Measurement<long>(0)];
        }

        var measurements = new List<Measurement<long>>(2);
        if (texts != 0)
        {
            measurements.Add(new Measurement<long>(texts, TextTag));
        }

        if (binaries != 0)
        {
            measurements.Add(new Measurement<long>(binaries, BinaryTag));
        }

        return measurements;
    }
}
