namespace Dispatch.Service.Api;

/// <summary>How many connections were told to close.</summary>
internal sealed record ClosedResponse(int Closed);
