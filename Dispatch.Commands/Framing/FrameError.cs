namespace Dispatch.Commands.Framing;

/// <summary>Why a frame could not be read (CONTRACT 2). Any of these ends the worker connection.</summary>
public enum FrameError
{
    None,

    /// <summary>The peer closed the stream cleanly between frames.</summary>
    EndOfStream,

    /// <summary>The stream ended in the middle of a header or payload.</summary>
    Truncated,

    /// <summary>The header announced a length of 0.</summary>
    ZeroLength,

    /// <summary>The header announced more than the configured maximum; nothing was allocated for it.</summary>
    TooLarge,
}
