namespace Dispatch.Tests.Pipeline;

/// <summary>What answers the pipeline's events in a <see cref="PipelineHarness"/>.</summary>
internal enum WorkerBackend
{
    /// <summary>The real supervisor and pool over <see cref="Fakes.FakeWorker"/>s: real framing on unix sockets.</summary>
    FakeWorkers,

    /// <summary><see cref="InMemoryWorkerPool"/>: the real JSON without sockets, for states the real pool rarely shows.</summary>
    InMemory,
}
