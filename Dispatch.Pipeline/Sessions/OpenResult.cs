namespace Dispatch.Pipeline.Sessions;

/// <summary>
/// The outcome of dispatching an <c>open</c>. <see cref="Session"/> is set only when <see cref="Status"/> is
/// <see cref="OpenStatus.Accepted"/>. <see cref="Reason"/> is safe to show a client (never worker exception text).
/// </summary>
public sealed record OpenResult(OpenStatus Status, int HttpStatus, string? Reason, string? ErrorClass, IConnectionSession? Session);
