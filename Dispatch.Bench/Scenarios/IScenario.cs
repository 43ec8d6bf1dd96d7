using Dispatch.Bench.Results;
using Dispatch.Bench.Targets;

namespace Dispatch.Bench.Scenarios;

/// <summary>One kind of load. A run is bounded in time and in count, and ends with every connection closed.</summary>
public interface IScenario
{
    string Name { get; }

    /// <summary>The server behaviour the scenario needs.</summary>
    BenchApp App { get; }

    Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken);
}
