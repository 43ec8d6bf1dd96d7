using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Service.Api;

/// <summary>
/// The API application logs through the main application's logging, except the host's lifetime lines: its
/// "Now listening on" would read as the websocket listener's address to anyone (and any script) watching for that
/// line. <see cref="ApiLog.Listening"/> announces the API address instead.
/// </summary>
internal sealed class ApiLoggerFactory : ILoggerFactory
{
    private const string LifetimeCategory = "Microsoft.Hosting.Lifetime";
    private readonly ILoggerFactory _inner;

    public ApiLoggerFactory(ILoggerFactory inner) => _inner = inner;

    public ILogger CreateLogger(string categoryName) =>
        categoryName == LifetimeCategory ? NullLogger.Instance : _inner.CreateLogger(categoryName);

    /// <summary>Providers belong to the main application.</summary>
    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("Add logging providers to the main application.");

    /// <summary>Owned by the main application, which disposes it.</summary>
    public void Dispose()
    {
    }
}
