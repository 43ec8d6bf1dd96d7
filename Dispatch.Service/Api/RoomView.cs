namespace Dispatch.Service.Api;

/// <summary>A room and its local member count.</summary>
internal sealed record RoomView(string Room, int Members);
