using Dispatch.Commands.Hub;
using Dispatch.Pipeline.Workers;
using Dispatch.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Tests.Workers;

/// <summary>When <see cref="FanOutSlice"/> gives the workers the short slice and when it gives the default back,
/// sampled on a manual clock with a recording slice setter.</summary>
public sealed class FanOutSliceTests : IDisposable
{
    private static readonly TimeSpan Short = TimeSpan.FromMicroseconds(100);

    // 10,000 frames per second: 1,000 per 100 ms window.
    private const int Threshold = 10_000;

    private readonly ManualTimeProvider _time = new();
    private readonly FanOutActivity _activity = new();
    private readonly List<int> _pids = [101, 102];
    private readonly List<(int Pid, TimeSpan Slice)> _applied = [];
    private readonly Dictionary<int, string> _problems = [];
    private readonly FanOutSlice _slice;

    public FanOutSliceTests() =>
        _slice = new FanOutSlice(_activity, Short, Threshold, () => _pids, Apply, _time, NullLogger.Instance);

    public void Dispose() => _slice.Dispose();

    private bool _throws;
    private int _throwsWhenShortening = -1;

    private string? Apply(int pid, TimeSpan slice)
    {
        if (_throws || (pid == _throwsWhenShortening && slice > TimeSpan.Zero))
        {
            throw new InvalidOperationException("setter failed");
        }

        if (_problems.TryGetValue(pid, out var problem))
        {
            return problem;
        }

        _applied.Add((pid, slice));
        return null;
    }

    private void Window(int frames)
    {
        _activity.Add(frames);
        _time.Advance(FanOutSlice.Window);
    }

    [Fact]
    public void BelowTheThreshold_TheWorkersKeepTheDefault()
    {
        for (var i = 0; i < 20; i++)
        {
            Window(999);
        }

        Assert.Empty(_applied);
        Assert.False(_slice.IsOn);
    }

    [Fact]
    public void ABusyWindow_ShortensEveryWorkerOnce()
    {
        Window(1_000);
        Window(5_000);

        Assert.True(_slice.IsOn);
        Assert.Equal([(101, Short), (102, Short)], _applied);
    }

    [Fact]
    public void AfterAQuietSecond_TheDefaultComesBack_NotBefore()
    {
        Window(2_000);
        for (var i = 0; i < FanOutSlice.QuietWindows - 1; i++)
        {
            Window(0);
        }

        Assert.True(_slice.IsOn);
        Assert.Equal(2, _applied.Count);

        Window(0);

        Assert.False(_slice.IsOn);
        Assert.Equal([(101, Short), (102, Short), (101, TimeSpan.Zero), (102, TimeSpan.Zero)], _applied);
    }

    [Fact]
    public void ABusyWindow_RestartsTheQuietCount()
    {
        Window(2_000);
        for (var i = 0; i < FanOutSlice.QuietWindows - 1; i++)
        {
            Window(0);
        }

        Window(2_000);
        for (var i = 0; i < FanOutSlice.QuietWindows - 1; i++)
        {
            Window(0);
        }

        Assert.True(_slice.IsOn);
        Assert.DoesNotContain(_applied, a => a.Slice == TimeSpan.Zero);
    }

    [Fact]
    public void AWorkerStartedWhileOn_GetsTheSliceInTheNextBusyWindow()
    {
        Window(2_000);
        _pids.Add(103);

        Window(2_000);

        Assert.Equal([(101, Short), (102, Short), (103, Short)], _applied);
    }

    [Fact]
    public void WhenTheKernelRefuses_TheDefaultStays_AndItIsNotTriedAgain()
    {
        _problems[102] = "this kernel ignores a custom slice";

        Window(2_000);
        Window(2_000);
        Window(2_000);

        Assert.False(_slice.IsOn);
        Assert.Equal([(101, Short), (101, TimeSpan.Zero)], _applied);
    }

    [Fact]
    public void ASetterThatThrows_DoesNotEscapeTheTimer_AndSamplingStops()
    {
        _throws = true;

        Window(2_000);
        _throws = false;
        Window(2_000);

        Assert.Empty(_applied);
        Assert.False(_slice.IsOn);
    }

    [Fact]
    public void ASetterThatThrowsHalfWay_GivesTheDefaultBackToTheWorkersAlreadyShortened()
    {
        _throwsWhenShortening = 102;

        Window(2_000);
        Window(2_000);

        Assert.False(_slice.IsOn);
        Assert.Equal([(101, Short), (101, TimeSpan.Zero)], _applied);
    }

    [Fact]
    public void AfterDispose_NothingIsSampled()
    {
        _slice.Dispose();

        Window(50_000);

        Assert.Empty(_applied);
        Assert.False(_slice.IsOn);
    }
}
