namespace Dispatch.Commands.Hub;

/// <summary>A room and how many local members it had when listed.</summary>
public sealed record RoomSummary(string Room, int Members);
