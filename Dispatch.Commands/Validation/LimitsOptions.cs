namespace Dispatch.Commands.Validation;

/// <summary>Limits on client messages and on what a worker may ask for (section <c>Dispatch:Limits</c>).</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>Largest client message and largest command payload, in bytes (after base64 decoding).</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest frame exchanged with a worker, in bytes (CONTRACT 2: default 16 MiB).</summary>
    public int MaxWorkerFrameBytes { get; set; } = 16 * 1024 * 1024;

    public int MaxCommandsPerResponse { get; set; } = 256;
    public int MaxRoomNameLength { get; set; } = 128;
    public int MaxRoomsPerConnection { get; set; } = 64;
    public int MaxAttrsPerConnection { get; set; } = 64;
    public int MaxAttrKeyLength { get; set; } = 64;
    public int MaxAttrValueLength { get; set; } = 4096;
    public int MaxUserIdLength { get; set; } = 256;
    public int MaxCloseReasonBytes { get; set; } = 123;
}
