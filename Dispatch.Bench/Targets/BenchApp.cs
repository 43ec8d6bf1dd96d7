namespace Dispatch.Bench.Targets;

/// <summary>The server-side behaviour a scenario needs: <c>deploy/bench-apps/&lt;name&gt;.php</c> for Dispatch, the same
/// behaviour built into the baseline.</summary>
public enum BenchApp
{
    /// <summary>Every message comes back to its sender.</summary>
    Echo,

    /// <summary><c>?role=sub</c> joins room "bench"; a message is broadcast to the room except its sender, then acked.</summary>
    Broadcast,
}
