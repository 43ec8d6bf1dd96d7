using System.Text;
using BenchmarkDotNet.Attributes;
using Dispatch.Commands.Hub;
using Dispatch.Pipeline.DependencyInjection;
using Dispatch.Pipeline.Sessions;
using Dispatch.Pipeline.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Bench.Micro;

/// <summary>
/// One message through the whole message-dispatch pipeline, built with the public <c>AddDispatchPipeline</c>: the
/// connection's lane, the bounded dispatch block, the worker pool over a real unix socket to an in-process worker
/// (<see cref="InMemoryWorker"/>, no PHP), reply validation and the hub apply, until the echo reaches the connection.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const string ConnectionId = "bench-connection-0001";

    private string _directory = "";
    private ServiceProvider _services = null!;
    private IWorkerSupervisor _supervisor = null!;
    private IConnectionSession _session = null!;
    private ReplyClientConnection _client = null!;
    private byte[] _message = [];

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "message round trip (in-memory worker)")]
    public async Task<int> RoundTrip()
    {
        await _session.EnqueueMessageAsync(new InboundMessage(_message, IsBinary: false), CancellationToken.None);
        var echo = await _client.NextAsync(CancellationToken.None);
        return echo.Payload.Length;
    }

    private async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("dispatch-bench-").FullName;
        // The options validator wants these files to exist; the in-memory launcher never runs them.
        var script = Path.Combine(_directory, "dispatch-worker");
        var app = Path.Combine(_directory, "app.php");
        await File.WriteAllTextAsync(script, "<?php\n");
        await File.WriteAllTextAsync(app, "<?php\n");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dispatch:Workers:Count"] = "2",
            ["Dispatch:Workers:WorkerScript"] = script,
            ["Dispatch:Workers:App"] = app,
            ["Dispatch:Workers:SocketDirectory"] = Path.Combine(_directory, "s"),
        }).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IWorkerLauncher, InMemoryWorkerLauncher>();
        services.AddDispatchPipeline(configuration.GetSection("Dispatch"));
        _services = services.BuildServiceProvider();
        _supervisor = _services.GetRequiredService<IWorkerSupervisor>();
        await _supervisor.StartAsync(CancellationToken.None);

        var pipeline = _services.GetRequiredService<IEventPipeline>();
        var descriptor = new ConnectionDescriptor(
            ConnectionId, "/ws", new Dictionary<string, string>(), new Dictionary<string, string> { ["host"] = "127.0.0.1" },
            "127.0.0.1", "r-1", "t-1", 1_770_000_000_000);
        var open = await pipeline.OpenAsync(descriptor, CancellationToken.None);
        _session = open.Session ?? throw new InvalidOperationException($"open was not accepted: {open.Status} {open.Reason}");
        _client = new ReplyClientConnection(ConnectionId);
        var hub = _services.GetRequiredService<ConnectionHub>();
        hub.TryRegister(_client, new ConnectionInfo(ConnectionId, "/ws", "127.0.0.1", descriptor.ConnectedAtUnixMs));
        _session.Activate();
        _message = Encoding.UTF8.GetBytes(BenchPayloads.Message);
    }

    private async Task CleanupAsync()
    {
        await _session.CloseAsync(1000, "bench done");
        await _supervisor.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
