using Dispatch.Commands.Framing;

namespace Dispatch.Pipeline.Workers;

/// <summary>
/// A request on a <see cref="WorkerConnection"/> whose answer is several frames (connection-hosted mode, CONTRACT 5:
/// commands, then <c>done</c>). The read loop hands every frame to <see cref="OnFrame"/>, which owns (disposes) it and
/// returns true for the answer's last frame; the request then completes <see cref="ConnectionOutcome.Replied"/> with no
/// frame attached. Failures complete it like any request (Crashed, ProtocolError, NotStarted).
/// </summary>
internal sealed class StreamingReply : TaskCompletionSource<ConnectionResult>
{
    public StreamingReply(Func<Frame, bool> onFrame)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        OnFrame = onFrame;
    }

    /// <summary>Runs on the connection's read loop, one frame at a time; must not block. A throw is a protocol error.</summary>
    public Func<Frame, bool> OnFrame { get; }
}
