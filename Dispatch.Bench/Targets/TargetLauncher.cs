using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dispatch.Bench.Targets;

/// <summary>Starts the server a run needs on a free loopback port and waits until it is ready.</summary>
public static class TargetLauncher
{
    // Server ports are chosen from outside the ephemeral range (see FreeLoopbackPort); below 10000 are the ports
    // services usually claim, and fewer than 1000 candidates would make a collision with a bound port likely.
    private const int MinServerPort = 10000;
    private const int MinRoom = 1000;
    private const int MaxPort = 65535;

    public static async Task<RunningTarget> StartAsync(TargetOptions options, BenchApp app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Kind)
        {
            case TargetKind.Url:
                var url = options.Url ?? throw new BenchSetupException("--target url needs --url ws://127.0.0.1:PORT/ws");
                return new RunningTarget(TargetKind.Url, url, process: null, options.ServerPid);
            case TargetKind.Baseline:
                return await StartBaselineAsync(options, app, cancellationToken).ConfigureAwait(false);
            default:
                return await StartDispatchAsync(options, app, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<RunningTarget> StartDispatchAsync(TargetOptions options, BenchApp app, CancellationToken cancellationToken)
    {
        var dll = Locator.FindServiceDll(options.ServiceDll) ?? throw new BenchSetupException(
            options.ServiceDll is null
                ? "Dispatch.Service.dll not found; build it first: dotnet build Dispatch.Service -c Release (or pass --service-dll)"
                : $"--service-dll {options.ServiceDll} does not exist");
        var apps = Locator.FindAppsDirectory(options.AppsDirectory) ?? throw new BenchSetupException(
            "deploy/bench-apps not found; run from the repository or pass --apps DIR");
        var appFile = Path.Combine(apps, AppFileName(app));
        if (!File.Exists(appFile))
        {
            throw new BenchSetupException($"bench app {appFile} does not exist");
        }

        var port = FreeLoopbackPort();
        var startInfo = new ProcessStartInfo(Locator.DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        startInfo.ArgumentList.Add(dll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"http://127.0.0.1:{port}");
        startInfo.Environment["Dispatch__Workers__App"] = appFile;
        startInfo.Environment["Dispatch__Workers__Count"] = options.Workers.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // The server API stays on (its cost is part of the product) but on a free port, so runs never collide on 8081.
        startInfo.Environment["Dispatch__Api__Url"] = "http://127.0.0.1:0";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        ApplyEnvironment(startInfo, options.ServerEnvironment);
        return await StartAndWaitAsync(TargetKind.Dispatch, startInfo, port, options.StartTimeout, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RunningTarget> StartBaselineAsync(TargetOptions options, BenchApp app, CancellationToken cancellationToken)
    {
        var port = FreeLoopbackPort();
        var self = typeof(TargetLauncher).Assembly.Location;
        var startInfo = new ProcessStartInfo(Locator.DotnetHost());
        startInfo.ArgumentList.Add(self);
        startInfo.ArgumentList.Add("serve-baseline");
        startInfo.ArgumentList.Add("--port");
        startInfo.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add("--app");
        startInfo.ArgumentList.Add(app == BenchApp.Broadcast ? "broadcast" : "echo");
        // Server GC, the ASP.NET Core default an untuned Kestrel app gets (Dispatch.Service itself opts for workstation
        // GC; see its csproj).
        startInfo.Environment["DOTNET_gcServer"] = "1";
        ApplyEnvironment(startInfo, options.ServerEnvironment);
        return await StartAndWaitAsync(TargetKind.Baseline, startInfo, port, options.StartTimeout, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RunningTarget> StartAndWaitAsync(TargetKind kind, ProcessStartInfo startInfo, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var process = ServerProcess.Start(startInfo);
        try
        {
            var error = await process.WaitReadyAsync(new Uri($"http://127.0.0.1:{port}/readyz"), timeout, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                throw new BenchSetupException($"{kind}: {error}.{Environment.NewLine}{process.RecentOutput}");
            }

            return new RunningTarget(kind, new Uri($"ws://127.0.0.1:{port}/ws"), process, measuredPid: null);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static string AppFileName(BenchApp app) => app == BenchApp.Broadcast ? "broadcast.php" : "echo.php";

    private static void ApplyEnvironment(ProcessStartInfo startInfo, IReadOnlyList<string> pairs)
    {
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new BenchSetupException($"--server-env {pair}: expected KEY=VALUE");
            }

            startInfo.Environment[pair[..equals]] = pair[(equals + 1)..];
        }
    }

    /// <summary>
    /// A free loopback port outside the kernel's ephemeral range (below it, or above it when there is no room below).
    /// Ports from that range are what the kernel hands out for port 0, to the load client's own sockets (thousands per
    /// run, some still in TIME_WAIT from the previous run) and to the service's API listener, which binds port 0 while
    /// the service starts: either can take a port chosen there before the server binds it, and a --compare series
    /// failed with "address already in use" that way.
    /// </summary>
    private static int FreeLoopbackPort()
    {
        var (low, high) = PortsOutsideEphemeralRange();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(low, high);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new BenchSetupException($"no free loopback port between {low} and {high - 1} after 100 tries");
    }

    /// <summary>[low, high) outside <c>net.ipv4.ip_local_port_range</c> (Linux's default 32768–60999 when unreadable).</summary>
    private static (int Low, int High) PortsOutsideEphemeralRange()
    {
        var (start, end) = (32768, 60999);
        try
        {
            var fields = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2
                && int.TryParse(fields[0], System.Globalization.CultureInfo.InvariantCulture, out var first)
                && int.TryParse(fields[1], System.Globalization.CultureInfo.InvariantCulture, out var last))
            {
                (start, end) = (first, last);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or no /proc: keep the default.
        }

        if (start - MinServerPort >= MinRoom)
        {
            return (MinServerPort, start);
        }

        if (MaxPort - end >= MinRoom)
        {
            return (end + 1, MaxPort + 1);
        }

        throw new BenchSetupException($"the ephemeral port range {start}-{end} leaves no room for a server port; narrow net.ipv4.ip_local_port_range");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
