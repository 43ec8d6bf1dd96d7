using Dispatch.Commands.Execution;
using Dispatch.Commands.Hub;
using Dispatch.Pipeline.Dispatching;
using Dispatch.Pipeline.Telemetry;
using Microsoft.Extensions.Logging;

namespace Dispatch.Pipeline.Sessions;

/// <summary>What every <see cref="ConnectionSession"/> shares: one instance per pipeline, not per connection.</summary>
internal sealed record SessionDependencies(
    EventGraph Graph,
    ICommandExecutor Executor,
    IConnectionHub Hub,
    IMessageRouter Router,
    SessionRegistry Registry,
    PipelineMetrics Metrics,
    ILogger Logger,
    int QueueCapacity);
