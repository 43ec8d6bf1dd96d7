namespace Dispatch.Service.Api;

/// <summary>One room member in a presence listing.</summary>
internal sealed record MemberView(string Id, string? UserId, IReadOnlyDictionary<string, string> Attrs);
