namespace Dispatch.Service.Api;

/// <summary>Local connections, non-empty rooms and bound users.</summary>
internal sealed record CountsResponse(int Connections, int Rooms, int Users);
