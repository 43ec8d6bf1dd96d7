using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Workers;

namespace Dispatch.Tests.Workers;

public sealed class WorkerSlotTests
{
    private static readonly DateTimeOffset Start = new(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RecordCrash_DoublesUpToMax_AndResetsAfterAHealthyRun()
    {
        var slot = new WorkerSlot(0, new WorkersOptions
        {
            RestartBackoff = TimeSpan.FromMilliseconds(100),
            RestartBackoffMax = TimeSpan.FromMilliseconds(500),
            RestartBackoffResetAfter = TimeSpan.FromSeconds(30),
            CrashLoopThreshold = 100,
        });

        var delays = Enumerable.Range(0, 5).Select(i => slot.RecordCrash(Start.AddMinutes(i), TimeSpan.FromSeconds(1), out _, out _).TotalMilliseconds).ToArray();
        var afterHealthyRun = slot.RecordCrash(Start.AddMinutes(10), TimeSpan.FromSeconds(30), out _, out _);

        Assert.Equal([100d, 200d, 400d, 500d, 500d], delays);
        Assert.Equal(TimeSpan.FromMilliseconds(100), afterHealthyRun);
    }

    [Fact]
    public void RecordCrash_ThresholdWithinWindow_IsACrashLoop_UntilTheWindowPasses()
    {
        var options = new WorkersOptions { CrashLoopThreshold = 3, CrashLoopWindow = TimeSpan.FromSeconds(30) };
        var slot = new WorkerSlot(0, options);

        slot.RecordCrash(Start, TimeSpan.Zero, out var first, out _);
        slot.RecordCrash(Start.AddSeconds(10), TimeSpan.Zero, out var second, out _);
        var delay = slot.RecordCrash(Start.AddSeconds(20), TimeSpan.Zero, out var third, out var crashes);

        Assert.False(first);
        Assert.False(second);
        Assert.True(third);
        Assert.Equal(3, crashes);
        Assert.Equal(options.RestartBackoffMax, delay);
        Assert.True(slot.IsCrashLooping(Start.AddSeconds(29)));
        Assert.False(slot.IsCrashLooping(Start.AddSeconds(41)));
    }
}
