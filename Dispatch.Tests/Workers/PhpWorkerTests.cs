using System.Text.Json;
using Dispatch.Commands.Hub;
using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Workers;
using Dispatch.Tests.EndToEnd;

namespace Dispatch.Tests.Workers;

/// <summary>The supervisor and pool over REAL PHP workers (php on PATH, php-worker/bin/dispatch-worker from the repo).</summary>
public sealed class PhpWorkerTests
{
    private static readonly TimeSpan Patience = PoolHarness.Patience;

    [Fact]
    public async Task RealWorkers_AnswerEvents_AndExitCleanlyOnStop()
    {
        var app = WorkerPaths.ResolveFile(null, "php-worker/examples/echo.php", null);
        await using var harness = SupervisorHarness.ForPhp(o =>
        {
            o.Count = 2;
            o.PipelineDepth = 2;
            o.App = app;
        });
        await harness.StartAsync();
        Assert.Equal(2, harness.Supervisor.LiveWorkers);

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => harness.ExecuteAsync("c" + i, "hello " + i)));

        for (var i = 0; i < replies.Length; i++)
        {
            using var json = JsonDocument.Parse(PoolHarness.Text(replies[i]));
            var root = json.RootElement;
            Assert.Equal("websocket_dispatch", root.GetProperty("mode").GetString());
            Assert.Equal("c" + i, root.GetProperty("id").GetString());
            var send = Assert.Single(root.GetProperty("commands").EnumerateArray());
            Assert.Equal("send", send.GetProperty("event").GetString());
            Assert.Equal("hello " + i, send.GetProperty("data").GetString());
        }

        var pids = harness.Supervisor.GetStatus().Select(s => s.ProcessId!.Value).ToArray();
        await harness.Supervisor.StopAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.False(Directory.Exists(harness.Supervisor.SocketDirectory));
        foreach (var pid in pids)
        {
            Assert.False(IsRunning(pid), $"PHP worker {pid} is still running");
        }
    }

    [Fact]
    public async Task RealWorkers_RunWithTheConfiguredSchedulingSlice()
    {
        await using var harness = SupervisorHarness.ForPhp(o =>
        {
            o.Count = 2;
            o.SchedulingSlice = TimeSpan.FromMicroseconds(300);
            o.SchedulingSliceMode = SchedulingSliceMode.Always;
            o.App = WorkerPaths.ResolveFile(null, "php-worker/examples/echo.php", null);
        });
        await harness.StartAsync();

        var pids = harness.Supervisor.GetStatus().Select(s => s.ProcessId!.Value).ToArray();

        Assert.Equal(2, pids.Length);
        Assert.All(pids, pid => Assert.Equal(300_000, SchedulingSliceTests.SliceNanoseconds(pid)));
    }

    [Fact]
    public async Task RealWorkers_InFanOutMode_GetTheSliceWhileFanOutsRun_AndTheDefaultBack()
    {
        var fanOuts = new FanOutActivity();
        await using var harness = SupervisorHarness.ForPhp(
            o =>
            {
                o.Count = 2;
                o.SchedulingSlice = TimeSpan.FromMicroseconds(300);
                o.FanOutSliceThreshold = 1_000;
                o.App = WorkerPaths.ResolveFile(null, "php-worker/examples/echo.php", null);
            },
            fanOuts);
        await harness.StartAsync();
        var pids = harness.Supervisor.GetStatus().Select(s => s.ProcessId!.Value).ToArray();
        var defaultSlice = SchedulingSliceTests.SliceNanoseconds(Environment.ProcessId);
        Assert.NotEqual(300_000, defaultSlice);
        Assert.All(pids, pid => Assert.Equal(defaultSlice, SchedulingSliceTests.SliceNanoseconds(pid)));

        // 1,000 frames per second is 100 per 100 ms window: keep well above it until the workers have the slice.
        using var busy = new CancellationTokenSource();
        var fanOut = Task.Run(async () =>
        {
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
            while (await tick.WaitForNextTickAsync(busy.Token).ConfigureAwait(false))
            {
                fanOuts.Add(1_000);
            }
        });
        await Poll.UntilAsync(() => pids.All(pid => SchedulingSliceTests.SliceNanoseconds(pid) == 300_000), Patience);
        Assert.True(harness.Supervisor.FanOutSliceOn);

        await busy.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fanOut);
        await Poll.UntilAsync(() => pids.All(pid => SchedulingSliceTests.SliceNanoseconds(pid) == defaultSlice), Patience);
        Assert.False(harness.Supervisor.FanOutSliceOn);
    }

    [Fact]
    public async Task RealWorker_WithBadAppFile_FailsStartWithPhpsError()
    {
        var app = Path.Combine(Path.GetTempPath(), $"dispatch-bad-{Guid.NewGuid():N}.php");
        await File.WriteAllTextAsync(app, "<?php\nreturn function ( {\n");
        try
        {
            await using var harness = SupervisorHarness.ForPhp(o => o.App = app);

            var error = await Assert.ThrowsAsync<WorkerStartException>(harness.StartAsync);

            Assert.Contains(app, error.Message, StringComparison.Ordinal);
            Assert.Contains("dispatch-worker", error.Message, StringComparison.Ordinal);
            Assert.Equal(2, error.ExitCode);
            Assert.NotEmpty(error.ErrorOutput);
            Assert.Contains("syntax error", error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.False(Directory.Exists(harness.Supervisor.SocketDirectory));
        }
        finally
        {
            File.Delete(app);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
