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
/// backend. Behaviours answer every event; an <c>open</c> gets a plain accept unless the behaviour says otherwise.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    /// <summary>How long a test waits for a signal before failing. Generous: CI is a noisy 2-core box.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _provider;

    private PipelineHarness(ServiceProvider provider, InMemoryWorkerPool? memoryPool)
    {
        _provider = provider;
        MemoryPool = memoryPool;
        Pipeline = provider.GetRequiredService<IEventPipeline>();
        Hub = provider.GetRequiredService<IConnectionHub>();
        Metrics = provider.GetRequiredService<PipelineMetrics>();
    }

    public IEventPipeline Pipeline { get; }

    public IConnectionHub Hub { get; }

    public PipelineMetrics Metrics { get; }

    public InMemoryWorkerPool? MemoryPool { get; }

    /// <summary>Every frame the workers received (per worker in arrival order).</summary>
    public IReadOnlyList<FakeWorkerFrame> WorkerFrames => MemoryPool?.Received ?? [];

    public static Task<PipelineHarness> StartAsync(
        Func<FakeWorkerFrame, FakeWorkerAction> behaviour,
        IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Dispatch:Workers:Count"] = "4",
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

        var pool = new InMemoryWorkerPool(behaviour);
        services.RemoveAll<IWorkerPool>();
        services.AddSingleton<IWorkerPool>(pool);
        services.Configure<Dispatch.Pipeline.Options.WorkersOptions>(dispatchSection.GetSection("Workers"));

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _ = provider.GetRequiredService<IOptions<Dispatch.Pipeline.Options.PipelineOptions>>().Value;
        return Task.FromResult(new PipelineHarness(provider, pool));
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

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
