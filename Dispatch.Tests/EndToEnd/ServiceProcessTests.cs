using System.Net.WebSockets;

namespace Dispatch.Tests.EndToEnd;

/// <summary>Dispatch as an operator runs it: its own process, configured by environment variables, stopped by SIGTERM.</summary>
public sealed class ServiceProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EnvironmentConfiguration_PathsCountAndApp_AreHonoured()
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Dispatch__WebSocket__Mode"] = "message_dispatch",
            ["Dispatch__WebSocket__Paths"] = "/live,/other",
            ["Dispatch__Workers__Count"] = "1",
            ["Dispatch__Workers__App"] = PhpPaths.TestApp("contract.php"),
            ["Dispatch__Workers__Php"] = "php",
        });
        var baseUri = await service.WaitListeningAsync(StartTimeout);

        await using var client = await WsClient.ConnectAsync(new Uri($"ws://{baseUri.Authority}/other/room"));
        Assert.StartsWith("welcome:", await client.ReceiveTextAsync(), StringComparison.Ordinal);
        await client.SendTextAsync("echo:configured");
        Assert.Equal("configured", await client.ReceiveTextAsync());

        using var http = new HttpClient();
        using var notWs = await http.GetAsync(new Uri(baseUri, "/ws"));
        Assert.Equal(404, (int)notWs.StatusCode);
        Assert.Single(service.ChildProcessIds());
    }

    [Fact]
    public async Task MissingAppFile_StartupFailsNamingTheSetting()
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Dispatch__Workers__App"] = "/nonexistent/handler.php",
        });
        await service.WaitForExitAsync(StartTimeout);
        Assert.NotEqual(0, service.ExitCode);
        Assert.Contains("Dispatch:Workers:App", service.Output, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/handler.php", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppWithSyntaxError_StartupFailsWithThePhpError()
    {
        var app = Path.Combine(Path.GetTempPath(), $"dispatch-broken-{Guid.NewGuid():N}.php");
        await File.WriteAllTextAsync(app, "<?php\nreturn function ($frame, $conn) {\n");
        try
        {
            await using var service = ServiceProcess.Start(new Dictionary<string, string> { ["Dispatch__Workers__App"] = app });
            await service.WaitForExitAsync(StartTimeout);
            Assert.NotEqual(0, service.ExitCode);
            Assert.Contains(Path.GetFileName(app), service.Output, StringComparison.Ordinal);
            Assert.Contains("ParseError", service.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(app);
        }
    }

    [Fact]
    public async Task WorkerThatNeverOpensItsSocket_StartupFailsAfterStartTimeout_AndTheProcessIsKilled()
    {
        var dir = Directory.CreateTempSubdirectory("dispatch-silent-");
        var script = Path.Combine(dir.FullName, "silent-worker.php");
        var pids = Path.Combine(dir.FullName, "pids");
        await File.WriteAllTextAsync(script, $"<?php\nfile_put_contents('{pids}', getmypid() . \"\\n\", FILE_APPEND);\nsleep(120);\n");
        try
        {
            await using var service = ServiceProcess.Start(new Dictionary<string, string>
            {
                ["Dispatch__Workers__App"] = PhpPaths.TestApp("contract.php"),
                ["Dispatch__Workers__WorkerScript"] = script,
                ["Dispatch__Workers__Count"] = "1",
                ["Dispatch__Workers__StartTimeout"] = "00:00:02",
            });
            await service.WaitForExitAsync(StartTimeout);

            Assert.Equal(3, service.ExitCode);
            Assert.Contains("did not open its socket", service.Output, StringComparison.Ordinal);
            Assert.Contains("within 2 s", service.Output, StringComparison.Ordinal);
            var started = (await File.ReadAllLinesAsync(pids)).Select(int.Parse).ToList();
            Assert.NotEmpty(started);
            Assert.All(started, pid => Assert.False(Posix.IsAlive(pid), $"the silent worker {pid} outlived Dispatch"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task BadSetting_StartupFailsNamingIt()
    {
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["Dispatch__WebSocket__Mode"] = "bogus",
            ["Dispatch__Pipeline__GlobalQueue"] = "0",
            ["Dispatch__Workers__App"] = PhpPaths.TestApp("contract.php"),
        });
        await service.WaitForExitAsync(StartTimeout);
        Assert.NotEqual(0, service.ExitCode);
        Assert.Contains("Dispatch:WebSocket:Mode", service.Output, StringComparison.Ordinal);
        Assert.Contains("Dispatch:Pipeline:GlobalQueue", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_ClosesClientsWith1001_DeliversEveryCloseEvent_ExitsZero_LeavesNoPhp()
    {
        var closeLog = Path.Combine(Path.GetTempPath(), $"dispatch-closes-{Guid.NewGuid():N}.log");
        try
        {
            await using var service = ServiceProcess.Start(new Dictionary<string, string>
            {
                ["Dispatch__Workers__Count"] = "2",
                ["Dispatch__Workers__App"] = PhpPaths.TestApp("contract.php"),
                ["DISPATCH_TEST_CLOSE_LOG"] = closeLog,
            });
            var baseUri = await service.WaitListeningAsync(StartTimeout);
            var clients = new List<WsClient>();
            var ids = new List<string>();
            for (var i = 0; i < 10; i++)
            {
                var client = await WsClient.ConnectAsync(new Uri($"ws://{baseUri.Authority}/ws"));
                ids.Add((await client.ReceiveTextAsync())["welcome:".Length..]);
                clients.Add(client);
            }

            var workers = service.ChildProcessIds();
            Assert.Equal(2, workers.Count);

            service.Terminate();
            foreach (var client in clients)
            {
                var (status, _, _) = await client.ReceiveCloseAsync();
                Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
                await client.DisposeAsync();
            }

            await service.WaitForExitAsync(StartTimeout);
            Assert.Equal(0, service.ExitCode);
            Assert.All(workers, pid => Assert.False(Posix.IsAlive(pid), $"PHP worker {pid} outlived Dispatch"));

            var closes = await File.ReadAllLinesAsync(closeLog);
            foreach (var id in ids)
            {
                Assert.Single(closes, line => line.StartsWith(id + " 1001 ", StringComparison.Ordinal));
            }
        }
        finally
        {
            File.Delete(closeLog);
        }
    }
}
