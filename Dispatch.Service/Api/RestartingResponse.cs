namespace Dispatch.Service.Api;

/// <summary>The worker slot whose graceful restart was requested.</summary>
internal sealed record RestartingResponse(int Restarting);
