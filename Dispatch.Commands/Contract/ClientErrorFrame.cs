namespace Dispatch.Commands.Contract;

/// <summary>
/// The frame a client receives when its event could not be handled (CONTRACT 4.5):
/// <c>{"type":"error","error_class":"..."}</c>. Never carries worker exception text.
/// </summary>
public sealed class ClientErrorFrame
{
    public string Type { get; set; } = "error";
    public string ErrorClass { get; set; } = "";

    /// <summary>The event that failed (<c>message</c>, <c>open</c>, ...).</summary>
    public string? Event { get; set; }
}
