using Dispatch.Commands.Presence;
using Dispatch.Pipeline.Presence;
using Dispatch.Pipeline.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Pipeline.DependencyInjection;

/// <summary>
/// Registers presence events (section <c>Dispatch:Presence</c>): the validated options and the hub's
/// <see cref="IPresenceObserver"/>, which is disabled (and never called) while no room is watched.
/// </summary>
internal static class PresenceServiceCollectionExtensions
{
    public static IServiceCollection AddDispatchPresence(this IServiceCollection services, IConfiguration dispatchSection)
    {
        var section = dispatchSection.GetSection(PresenceOptions.SectionName);
        services.AddOptionsWithValidateOnStart<PresenceOptions>()
            .Bind(section)
            .PostConfigure(options => AddCommaSeparated(options, section[nameof(PresenceOptions.Rooms)]));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PresenceOptions>, PresenceOptionsValidator>());

        services.TryAddSingleton(sp => new PresenceMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton(sp => new PresenceRooms(sp.GetRequiredService<IOptions<PresenceOptions>>().Value.Rooms));
        services.TryAddSingleton<SessionRegistry>();
        services.TryAddSingleton<IPresenceObserver>(sp => new PresenceTracker(
            sp.GetRequiredService<PresenceRooms>(),
            sp.GetRequiredService<SessionRegistry>(),
            sp.GetRequiredService<PresenceMetrics>(),
            sp.GetRequiredService<IOptions<PresenceOptions>>(),
            sp.GetRequiredService<ILogger<PresenceTracker>>()));
        return services;
    }

    /// <summary>
    /// <c>Dispatch__Presence__Rooms=lobby,chat:*</c>: a single value is a comma-separated list (the binder would ignore
    /// it, silently watching nothing). Room names with commas need the indexed form.
    /// </summary>
    private static void AddCommaSeparated(PresenceOptions options, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            options.Rooms.AddRange(value.Split(',', StringSplitOptions.TrimEntries));
        }
    }
}
