using Dispatch.Commands.Hub;
using Dispatch.Commands.Validation;
using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Workers;
using Dispatch.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Dispatch.Tests.Workers;

/// <summary>The real supervisor and pool over a launcher (fake by default), with a per-test socket directory.</summary>
internal sealed class SupervisorHarness : IAsyncDisposable
{
    public SupervisorHarness(IWorkerLauncher launcher, Action<WorkersOptions>? configure = null, TimeProvider? time = null)
        : this(_ => launcher, configure, time)
    {
    }

    public SupervisorHarness(Func<WorkersOptions, IWorkerLauncher> launcherFor, Action<WorkersOptions>? configure = null, TimeProvider? time = null, FanOutActivity? fanOuts = null)
    {
        Time = time ?? TimeProvider.System;
        Options = new WorkersOptions { Count = 1 };
        configure?.Invoke(Options);
        var launcher = launcherFor(Options);
        Launcher = launcher;
        var options = MsOptions.Create(Options);
        Pool = new WorkerPool(options, Time, NullLogger<WorkerPool>.Instance);
        Supervisor = new WorkerSupervisor(options, MsOptions.Create(new LimitsOptions()), Pool, launcher, Time, NullLogger<WorkerSupervisor>.Instance, fanOuts: fanOuts);
    }

    public SupervisorHarness(Func<FakeWorkerFrame, FakeWorkerAction>? behaviour = null, Action<WorkersOptions>? configure = null, TimeProvider? time = null)
        : this(new FakeWorkerLauncher(behaviour), configure, time)
    {
    }

    /// <summary>The real supervisor over real PHP workers (<c>php-worker/bin/dispatch-worker</c>).</summary>
    public static SupervisorHarness ForPhp(Action<WorkersOptions> configure, FanOutActivity? fanOuts = null) =>
        new(options => new PhpWorkerLauncher(MsOptions.Create(options), NullLogger<PhpWorkerLauncher>.Instance), configure, fanOuts: fanOuts);

    public IWorkerLauncher Launcher { get; }

    public FakeWorkerLauncher Fakes => (FakeWorkerLauncher)Launcher;

    public TimeProvider Time { get; }

    public WorkersOptions Options { get; }

    public WorkerPool Pool { get; }

    public WorkerSupervisor Supervisor { get; }

    public Task StartAsync() => Supervisor.StartAsync(CancellationToken.None).WaitAsync(PoolHarness.Patience);

    public Task<WorkerReply> ExecuteAsync(string id, string data = "hi", CancellationToken cancellationToken = default) =>
        Pool.ExecuteAsync(PoolHarness.Event(id, data), cancellationToken).AsTask().WaitAsync(PoolHarness.Patience, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Supervisor.DisposeAsync();
        if (Launcher is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
