namespace Dispatch.Service.Api;

/// <summary>One page of an admin listing; <paramref name="Total"/> counts every match, not just this page.</summary>
internal sealed record PageResponse<T>(int Total, int Offset, int Limit, IReadOnlyList<T> Items);
