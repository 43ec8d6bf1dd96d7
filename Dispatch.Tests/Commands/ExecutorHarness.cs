using System.Text;
using Dispatch.Commands.Execution;
using Dispatch.Commands.Hub;
using Dispatch.Commands.Telemetry;
using Dispatch.Commands.Validation;
using Dispatch.Tests.Commands.Fakes;

namespace Dispatch.Tests.Commands;

/// <summary>A real hub, router, validator and executor over fake connections and virtual time.</summary>
internal sealed class ExecutorHarness : IDisposable
{
    public ExecutorHarness(LimitsOptions? limits = null)
    {
        var options = limits ?? new LimitsOptions();
        Hubs = new HubFixture(options);
        Router = new LocalMessageRouter(Hubs.Hub, logger: null, Metrics);
        Validator = new CommandValidator(options);
        Executor = new CommandExecutor(Hubs.Hub, Router, Time, logger: null, Metrics);
    }

    public HubFixture Hubs { get; }
    public ConnectionHub Hub => Hubs.Hub;
    public DispatchMetrics Metrics { get; } = new();
    public ManualTimeProvider Time { get; } = new();
    public LocalMessageRouter Router { get; }
    public CommandValidator Validator { get; }
    public CommandExecutor Executor { get; }

    public FakeClientConnection Connect(string id) => Hubs.Connect(id);

    /// <summary>Validates the command objects as a response to a message of <paramref name="connectionId"/> and applies them.</summary>
    public ExecutionResult Run(string connectionId, params string[] commands)
    {
        var outcome = Validate(connectionId, commands);
        return Executor.Execute(connectionId, outcome.Commands);
    }

    public ValidationOutcome Validate(string connectionId, params string[] commands)
    {
        var json = "{\"commands\":[" + string.Join(",", commands) + "]}";
        var outcome = Validator.Validate(Encoding.UTF8.GetBytes(json), "message", connectionId);
        Assert.Empty(outcome.Problems);
        return outcome;
    }

    public void Dispose() => Executor.Dispose();
}
