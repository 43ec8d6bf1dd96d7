namespace Dispatch.Service.Api;

/// <summary>The local members of a room (count 0 for a room nobody is in).</summary>
internal sealed record MembersResponse(string Room, int Count, IReadOnlyList<MemberView> Members);
