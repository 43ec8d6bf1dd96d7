namespace Dispatch.Service.Api;

internal sealed record WorkersResponse(IReadOnlyList<WorkerView> Workers);
