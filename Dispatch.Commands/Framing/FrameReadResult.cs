namespace Dispatch.Commands.Framing;

/// <summary>A frame, or the reason there is none.</summary>
public readonly record struct FrameReadResult(FrameError Error, Frame Frame)
{
    public bool Success => Error == FrameError.None;
}
