using Dispatch.Commands.Hub;
using Dispatch.Pipeline.DependencyInjection;
using Dispatch.Pipeline.Sessions;
using Dispatch.Pipeline.Telemetry;
using Dispatch.Pipeline.Workers;
using Dispatch.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatch.Tests.Pipeline;

/// <summary>
/// The real pipeline from <c>AddDispatchPipeline</c> (real graph, validator, executor and hub) over a chosen worker
/// backend: by default the real supervisor and pool over <see cref="FakeWorker"/>s. One behaviour answers every event
/// (<see cref="AcceptThen"/> gives opens a plain accept).
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    /// <summary>How long a test waits for a signal before failing. Generous: CI is a noisy 2-core box.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _provider;

    private PipelineHarness(ServiceProvider provider, InMemoryWorkerPool? memoryPool, FakeWorkerLauncher? launcher)
    {
        _provider = provider;
        MemoryPool = memoryPool;
        Launcher = launcher;
        Pipeline = provider.GetRequiredService<IEventPipeline>();
        Hub = provider.GetRequiredService<IConnectionHub>();
        Metrics = provider.GetRequiredService<PipelineMetrics>();
    }

    public IEventPipeline Pipeline { get; }

    public IConnectionHub Hub { get; }

    public PipelineMetrics Metrics { get; }

    public InMemoryWorkerPool? MemoryPool { get; }

    /// <summary>A service of the real pipeline (presence metrics, for instance).</summary>
    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public FakeWorkerLauncher? Launcher { get; }

    /// <summary>Every frame the workers received (each worker's in arrival order).</summary>
    public IReadOnlyList<FakeWorkerFrame> WorkerFrames =>
        MemoryPool?.Received ?? [.. Launcher!.Launched.SelectMany(p => p.Worker?.Received ?? [])];

    /// <summary>Workers killed because an event they held was cancelled (timed out).</summary>
    public int WorkersKilled => MemoryPool?.Killed ?? Launcher!.Launched.Count(p => p.Killed);

    public static async Task<PipelineHarness> StartAsync(
        Func<FakeWorkerFrame, FakeWorkerAction> behaviour,
        IDictionary<string, string?>? settings = null,
        WorkerBackend backend = WorkerBackend.FakeWorkers)
    {
        var values = new Dictionary<string, string?>
        {
            ["Dispatch:Workers:Count"] = "4",
            ["Dispatch:Workers:RestartBackoff"] = "00:00:00.010",
            ["Dispatch:Pipeline:EventTimeout"] = "00:00:30",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values["Dispatch:" + key] = value;
        }

        var dispatchSection = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Dispatch");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDispatchPipeline(dispatchSection);

        // Fake workers need no PHP binary, worker script or app file, which is what that validator checks.
        services.RemoveAll<IValidateOptions<Dispatch.Pipeline.Options.WorkersOptions>>();

        InMemoryWorkerPool? pool = null;
        FakeWorkerLauncher? launcher = null;
        if (backend == WorkerBackend.InMemory)
        {
            pool = new InMemoryWorkerPool(behaviour);
            services.RemoveAll<IWorkerPool>();
            services.AddSingleton<IWorkerPool>(pool);
        }
        else
        {
            launcher = new FakeWorkerLauncher(behaviour);
            services.RemoveAll<IWorkerLauncher>();
            services.AddSingleton<IWorkerLauncher>(launcher);
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _ = provider.GetRequiredService<IOptions<Dispatch.Pipeline.Options.PipelineOptions>>().Value;
        if (launcher is not null)
        {
            await provider.GetRequiredService<IWorkerSupervisor>().StartAsync(CancellationToken.None).WaitAsync(Patience);
        }

        return new PipelineHarness(provider, pool, launcher);
    }

    /// <summary>An accept for opens, then <paramref name="onMessage"/> for everything else.</summary>
    public static Func<FakeWorkerFrame, FakeWorkerAction> AcceptThen(Func<FakeWorkerFrame, FakeWorkerAction> onMessage) =>
        frame => frame.Event == "open" ? Replies.Accept(frame.Id!) : onMessage(frame);

    public static ConnectionDescriptor Descriptor(string id) => new(
        id,
        "/ws/chat",
        new Dictionary<string, string> { ["room"] = "lobby" },
        new Dictionary<string, string> { ["host"] = "localhost" },
        "127.0.0.1",
        "req-" + id,
        "trace-" + id,
        1_770_000_000_123);

    /// <summary>Opens, registers the client in the hub and activates, as the service does.</summary>
    public async Task<TestConnection> ConnectAsync(string id)
    {
        var result = await Pipeline.OpenAsync(Descriptor(id), CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(OpenStatus.Accepted, result.Status);
        var session = result.Session!;
        var client = Register(id, session);
        session.Activate();
        return new TestConnection(session, client);
    }

    public RecordingClient Register(string id, IConnectionSession session)
    {
        var client = new RecordingClient(id) { OnClose = (code, reason) => _ = session.CloseAsync(code, reason) };
        var descriptor = Descriptor(id);
        Assert.True(Hub.TryRegister(client, new ConnectionInfo(id, descriptor.Path, descriptor.RemoteAddr, descriptor.ConnectedAtUnixMs)));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (Launcher is not null)
        {
            await _provider.GetRequiredService<IWorkerSupervisor>().StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
        if (Launcher is not null)
        {
            await Launcher.DisposeAsync();
        }
    }
}
