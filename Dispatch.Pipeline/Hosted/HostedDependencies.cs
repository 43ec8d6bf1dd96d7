using Dispatch.Commands.Execution;
using Dispatch.Commands.Hub;
using Dispatch.Commands.Validation;
using Dispatch.Pipeline.Dispatching;
using Microsoft.Extensions.Logging;

namespace Dispatch.Pipeline.Hosted;

/// <summary>What every <see cref="HostedSession"/> shares: one instance per node, not per connection.</summary>
internal sealed record HostedDependencies(
    HostedWorkerPool Pool,
    CommandValidator Validator,
    ICommandExecutor Executor,
    IConnectionHub Hub,
    IMessageRouter Router,
    ErrorFrames ErrorFrames,
    TimeProvider Time,
    TimeSpan EventTimeout,
    bool SendErrorFrames,
    int MaxCommandsPerEvent,
    ILogger Logger);
