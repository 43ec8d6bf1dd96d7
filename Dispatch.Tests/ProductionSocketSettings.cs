using System.Runtime.CompilerServices;
using Dispatch.Service.Hosting;

namespace Dispatch.Tests;

/// <summary>
/// The in-process end-to-end tests run the service with the socket settings its <c>Program</c> applies (inline socket
/// completions and Kestrel's inline scheduling), so what they show holds for the shipped binary.
/// </summary>
internal static class ProductionSocketSettings
{
    [ModuleInitializer]
    internal static void Apply() => SocketCompletions.PreferInline();
}
