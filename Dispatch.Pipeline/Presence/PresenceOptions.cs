namespace Dispatch.Pipeline.Presence;

/// <summary>Presence events (section <c>Dispatch:Presence</c>; issue 6 item 3). Empty <see cref="Rooms"/> = off.</summary>
public sealed class PresenceOptions
{
    public const string SectionName = "Presence";

    /// <summary>
    /// The rooms whose joins and leaves reach the worker as <c>presence</c> events: exact names, prefixes ending in
    /// <c>*</c> (<c>chat:*</c>), or <c>*</c> alone for every room. Bound as a list (<c>Dispatch__Presence__Rooms__0</c>)
    /// or from one comma-separated value (<c>Dispatch__Presence__Rooms=lobby,chat:*</c>).
    /// </summary>
    public List<string> Rooms { get; set; } = [];

    /// <summary>
    /// Presence events one connection may have waiting for its lane before a further join is not reported (counted and
    /// logged; its leave is then not reported either, so joins and leaves stay paired).
    /// </summary>
    public int MaxPendingPerConnection { get; set; } = 256;
}
