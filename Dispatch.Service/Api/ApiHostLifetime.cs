using Microsoft.Extensions.Hosting;

namespace Dispatch.Service.Api;

/// <summary>
/// The API application is started and stopped by <see cref="ApiServer"/>, inside the main host; it must not also
/// listen for Ctrl+C or SIGTERM itself (the main host's console lifetime does, and stops it in order).
/// </summary>
internal sealed class ApiHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
