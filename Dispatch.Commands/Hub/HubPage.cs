namespace Dispatch.Commands.Hub;

/// <summary>One page of a listing: <paramref name="Total"/> matches at the time of the call, <paramref name="Items"/>
/// the ones from the requested offset on.</summary>
public sealed record HubPage<T>(int Total, IReadOnlyList<T> Items);
