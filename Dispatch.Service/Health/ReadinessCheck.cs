namespace Dispatch.Service.Health;

/// <summary>One health check's verdict in the <c>/readyz</c> body.</summary>
internal sealed record ReadinessCheck(string Status, string? Description);
