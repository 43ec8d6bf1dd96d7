namespace Dispatch.Tests.Commands;

/// <summary><c>schedule_close</c> on virtual time: no real waiting anywhere.</summary>
public sealed class ScheduledCloseTests : IDisposable
{
    private readonly ExecutorHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void ScheduleClose_ClosesExactlyWhenDue()
    {
        var self = _h.Connect("self");

        _h.Run("self", """{"event":"schedule_close","after_ms":5000,"code":4000,"reason":"idle"}""");
        _h.Time.Advance(TimeSpan.FromMilliseconds(4999));
        var before = self.Closes.Count;
        _h.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(0, before);
        Assert.Equal([(4000, "idle")], self.Closes);
        Assert.Equal(0, _h.Executor.ScheduledCloseCount);
    }

    [Fact]
    public void ScheduleClose_DefaultsToCode1000()
    {
        var self = _h.Connect("self");

        _h.Run("self", """{"event":"schedule_close","after_ms":10}""");
        _h.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([(1000, "")], self.Closes);
    }

    [Fact]
    public void ScheduleClose_AfterMsZero_Cancels()
    {
        var self = _h.Connect("self");

        _h.Run("self", """{"event":"schedule_close","after_ms":1000}""");
        _h.Run("self", """{"event":"schedule_close","after_ms":0}""");
        _h.Time.Advance(TimeSpan.FromHours(25));

        Assert.Empty(self.Closes);
        Assert.Equal(0, _h.Executor.ScheduledCloseCount);
        Assert.Equal(0, _h.Time.ActiveTimerCount);
    }

    [Fact]
    public void ScheduleClose_LaterScheduleReplacesEarlier()
    {
        var self = _h.Connect("self");

        _h.Run("self", """{"event":"schedule_close","after_ms":1000,"reason":"first"}""");
        _h.Time.Advance(TimeSpan.FromMilliseconds(500));
        _h.Run("self", """{"event":"schedule_close","after_ms":2000,"reason":"second"}""");
        _h.Time.Advance(TimeSpan.FromMilliseconds(1000)); // the first would have fired here
        var midway = self.Closes.Count;
        _h.Time.Advance(TimeSpan.FromMilliseconds(1000));

        Assert.Equal(0, midway);
        Assert.Equal([(1000, "second")], self.Closes);
    }

    [Fact]
    public void ScheduleClose_TimerDiesWithUnregister()
    {
        var self = _h.Connect("self");

        _h.Run("self", """{"event":"schedule_close","after_ms":1000}""");
        _h.Hub.Unregister("self");
        _h.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Empty(self.Closes);
        Assert.Equal(0, _h.Executor.ScheduledCloseCount);
        Assert.Equal(0, _h.Time.ActiveTimerCount);
    }

    [Fact]
    public void ScheduleClose_ExplicitCloseCancelsIt()
    {
        var self = _h.Connect("self");

        _h.Run("self", """{"event":"schedule_close","after_ms":1000,"reason":"late"}""", """{"event":"close","reason":"now"}""");
        _h.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([(1000, "now")], self.Closes);
    }

    [Fact]
    public void ScheduleClose_ForUnknownConnection_IsCountedAndSchedulesNothing()
    {
        var result = _h.Run("gone", """{"event":"schedule_close","after_ms":1000}""");

        Assert.Equal(1, result.UnknownTargets);
        Assert.Equal(0, _h.Time.ActiveTimerCount);
    }

    [Fact]
    public void ScheduleClose_EachConnectionHasItsOwnTimer()
    {
        var a = _h.Connect("a");
        var b = _h.Connect("b");

        _h.Run("a", """{"event":"schedule_close","after_ms":100}""");
        _h.Run("b", """{"event":"schedule_close","after_ms":300}""");
        _h.Time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Single(a.Closes);
        Assert.Empty(b.Closes);
        Assert.Equal(1, _h.Executor.ScheduledCloseCount);
    }
}
