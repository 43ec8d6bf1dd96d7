using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Dispatch.Service.Logging;

internal static class LoggingBuilderExtensions
{
    /// <summary>
    /// Applies <c>Dispatch:Logging:Format</c> to the console logger the slim builder already has (its formatters are
    /// registered with it; this only picks one). JSON lines get a UTC ISO-8601 timestamp and no scopes.
    /// </summary>
    public static WebApplicationBuilder AddDispatchLogging(this WebApplicationBuilder builder, IConfiguration dispatchSection)
    {
        var section = dispatchSection.GetSection(LoggingOptions.SectionName);
        builder.Services.AddOptions<LoggingOptions>().Bind(section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LoggingOptions>, LoggingOptionsValidator>());

        var format = section[nameof(LoggingOptions.Format)];
        if (format is LoggingOptions.Simple or LoggingOptions.Json or LoggingOptions.Systemd)
        {
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = format);
        }

        if (format == LoggingOptions.Json)
        {
            builder.Services.Configure<JsonConsoleFormatterOptions>(static o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
                o.IncludeScopes = false;
            });
        }

        return builder;
    }
}
