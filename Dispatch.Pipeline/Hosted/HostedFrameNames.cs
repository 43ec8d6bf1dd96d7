namespace Dispatch.Pipeline.Hosted;

/// <summary>The worker frames of CONTRACT 5 that are not hub commands.</summary>
internal static class HostedFrameNames
{
    /// <summary>Ends the worker's reply to one event.</summary>
    public const string Done = "done";

    /// <summary>The handler failed (<c>error_class</c>, <c>error</c>); the text is for logs only.</summary>
    public const string Error = "error";
}
