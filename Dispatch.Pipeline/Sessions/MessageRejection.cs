using Dispatch.Commands.Hub;

namespace Dispatch.Pipeline.Sessions;

/// <summary>
/// A message the service refused before dispatch (for example over the rate limit). It still takes its place in the
/// connection's lane, so its outcome reaches the client in order: <see cref="Frame"/> is sent, or, when
/// <see cref="CloseCode"/> is set, the connection is closed.
/// </summary>
public sealed record MessageRejection(OutboundMessage? Frame, int? CloseCode = null, string CloseReason = "");
