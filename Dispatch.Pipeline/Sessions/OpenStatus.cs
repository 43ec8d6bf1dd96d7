namespace Dispatch.Pipeline.Sessions;

/// <summary>How an <c>open</c> ended (CONTRACT 4.2 and 4.5).</summary>
public enum OpenStatus
{
    /// <summary>Accepted: complete the handshake, register the connection, then call <see cref="IConnectionSession.Activate"/>.</summary>
    Accepted,

    /// <summary>The handler rejected it: answer <see cref="OpenResult.HttpStatus"/> (default 403).</summary>
    Rejected,

    /// <summary>The handler threw, the response was invalid, the worker crashed or timed out: HTTP 500.</summary>
    Failed,

    /// <summary>No worker could take it: HTTP 503.</summary>
    Unavailable,
}
