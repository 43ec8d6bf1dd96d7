using Dispatch.Bench.Client;
using Dispatch.Bench.Measurement;
using Dispatch.Bench.Progress;
using Dispatch.Bench.Targets;

namespace Dispatch.Bench.Scenarios;

/// <summary>Everything one run of a scenario needs: the target, the settings, the meter and the live counters.</summary>
public sealed class ScenarioContext
{
    public ScenarioContext(RunningTarget target, ScenarioSettings settings, ProgressState progress)
    {
        Target = target;
        Settings = settings;
        Progress = progress;
        Meter = new WindowMeter(target.MeasuredPid);
    }

    public RunningTarget Target { get; }

    public ScenarioSettings Settings { get; }

    public ProgressState Progress { get; }

    public WindowMeter Meter { get; }

    public string TargetName => Target.Kind.ToString().ToLowerInvariant();

    public WebSocketClientFactory CreateClients(int simultaneousConnections) => new(
        Target.WebSocketUrl,
        Settings.SourceAddresses > 0 ? Settings.SourceAddresses : WebSocketClientFactory.SourceAddressesFor(simultaneousConnections));
}
