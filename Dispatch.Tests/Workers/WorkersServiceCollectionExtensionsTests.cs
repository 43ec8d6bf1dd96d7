using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dispatch.Tests.Workers;

public sealed class WorkersServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddDispatchWorkers_RegistersSingletons_BoundFromTheWorkersSection()
    {
        await using var services = Build(new() { ["Workers:Count"] = "2", ["Workers:PipelineDepth"] = "4" });

        var supervisor = services.GetRequiredService<WorkerSupervisor>();
        Assert.Same(supervisor, services.GetRequiredService<IWorkerSupervisor>());
        Assert.IsType<WorkerPool>(services.GetRequiredService<IWorkerPool>());
        Assert.Same(services.GetRequiredService<IWorkerPool>(), services.GetRequiredService<IWorkerPool>());
        Assert.IsType<PhpWorkerLauncher>(services.GetRequiredService<IWorkerLauncher>());
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
        var options = services.GetRequiredService<IOptions<WorkersOptions>>().Value;
        Assert.Equal(2, options.Count);
        Assert.Equal(4, options.PipelineDepth);
        Assert.Equal(2, supervisor.GetStatus().Count);
    }

    [Fact]
    public async Task AddDispatchWorkers_ValidatesOnStart()
    {
        await using var services = Build(new() { ["Workers:Count"] = "0", ["Workers:App"] = "/nonexistent/app.php" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Dispatch:Workers:Count", error.Message, StringComparison.Ordinal);
        Assert.Contains("Dispatch:Workers:App", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddDispatchWorkers(configuration).BuildServiceProvider();
    }
}
