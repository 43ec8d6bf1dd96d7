namespace Dispatch.Pipeline.Dispatching;

/// <summary>The three websocket events a worker sees (CONTRACT 4.1).</summary>
internal enum EventKind
{
    Open,
    Message,
    Close,
}
