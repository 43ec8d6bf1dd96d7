namespace Dispatch.Commands.Hub;

/// <summary>Outcome of a hub operation that can fail for expected reasons.</summary>
public enum HubResult
{
    Ok,

    /// <summary>No live connection with that id on this node (ignored and counted, never an error to the worker).</summary>
    UnknownConnection,

    /// <summary>The join would exceed <c>MaxRoomsPerConnection</c>.</summary>
    RoomLimitExceeded,

    /// <summary>The change would exceed an attrs limit.</summary>
    AttrsLimitExceeded,
}
