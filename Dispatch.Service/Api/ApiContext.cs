using Dispatch.Commands.Hub;
using Dispatch.Pipeline.Workers;
using Microsoft.Extensions.Logging;

namespace Dispatch.Service.Api;

/// <summary>The main application's singletons the API handlers act on, plus the API's own settings.</summary>
internal sealed record ApiContext(
    IConnectionHub Hub,
    IMessageRouter Router,
    ApiCommands Commands,
    IWorkerSupervisor Supervisor,
    int MaxBodyBytes,
    ILogger Logger);
