namespace Dispatch.Pipeline.Dispatching;

/// <summary>The events a worker sees: the three websocket events of CONTRACT 4.1, and presence (issue 6).</summary>
internal enum EventKind
{
    Open,
    Message,
    Close,
    Presence,
}
