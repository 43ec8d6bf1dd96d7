using Dispatch.Pipeline.Sessions;

namespace Dispatch.Service.Gateway;

/// <summary>Message-dispatch mode: the <c>open</c> goes through the event pipeline like every other event.</summary>
internal sealed class PipelineOpener(IEventPipeline pipeline) : IConnectionOpener
{
    public Task<OpenResult> OpenAsync(ConnectionDescriptor connection, CancellationToken cancellationToken) =>
        pipeline.OpenAsync(connection, cancellationToken);
}
