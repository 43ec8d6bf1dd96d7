namespace Dispatch.Service.Api;

/// <summary>How many members a kick removed from the room.</summary>
internal sealed record RemovedResponse(int Removed);
