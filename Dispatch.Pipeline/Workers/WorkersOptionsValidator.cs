using Dispatch.Pipeline.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dispatch.Pipeline.Workers;

/// <summary>Start-up checks of <see cref="WorkersOptions"/>; reports every problem with its setting name.</summary>
internal sealed class WorkersOptionsValidator : IValidateOptions<WorkersOptions>
{
    private const string Prefix = "Dispatch:Workers:";

    // sockaddr_un.sun_path is 108 bytes on Linux, 104 on macOS; leave room for "/w255-99999.sock".
    private const int MaxSocketDirectoryLength = 104 - 17;

    private readonly string? _contentRoot;

    public WorkersOptionsValidator(IHostEnvironment? environment = null) => _contentRoot = environment?.ContentRootPath;

    public ValidateOptionsResult Validate(string? name, WorkersOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        Range(builder, "Count", options.Count, 1, 256);
        Range(builder, "PipelineDepth", options.PipelineDepth, 1, 256);
        Range(builder, "CrashLoopThreshold", options.CrashLoopThreshold, 1, 1000);
        if (options.MaxMemoryMb < 0)
        {
            builder.AddError($"{Prefix}MaxMemoryMb must be 0 (never recycle) or positive; got {options.MaxMemoryMb}.");
        }

        if (options.MemoryCheckInterval < TimeSpan.FromMilliseconds(100))
        {
            builder.AddError($"{Prefix}MemoryCheckInterval must be at least 100 ms; got {options.MemoryCheckInterval}.");
        }

        if (options.MaxJobs < 0)
        {
            builder.AddError($"{Prefix}MaxJobs must be 0 (never recycle) or positive; got {options.MaxJobs}.");
        }

        Positive(builder, "StartTimeout", options.StartTimeout);
        Positive(builder, "RestartBackoff", options.RestartBackoff);
        Positive(builder, "RestartBackoffMax", options.RestartBackoffMax);
        Positive(builder, "RestartBackoffResetAfter", options.RestartBackoffResetAfter);
        Positive(builder, "UnavailableTimeout", options.UnavailableTimeout);
        Positive(builder, "StopTimeout", options.StopTimeout);
        Positive(builder, "CrashLoopWindow", options.CrashLoopWindow);
        if (options.SchedulingSlice != TimeSpan.Zero && (options.SchedulingSlice < SchedulingSlice.Min || options.SchedulingSlice > SchedulingSlice.Max))
        {
            builder.AddError($"{Prefix}SchedulingSlice must be 0 (the kernel's default) or between 100 µs and 100 ms; got {options.SchedulingSlice}.");
        }

        if (!Enum.IsDefined(options.SchedulingSliceMode))
        {
            builder.AddError($"{Prefix}SchedulingSliceMode must be FanOut or Always; got {options.SchedulingSliceMode}.");
        }

        if (options.FanOutSliceThreshold < 10)
        {
            builder.AddError($"{Prefix}FanOutSliceThreshold must be at least 10 frames per second (it is sampled per 100 ms); got {options.FanOutSliceThreshold}.");
        }

        if (options.RestartBackoffMax < options.RestartBackoff)
        {
            builder.AddError($"{Prefix}RestartBackoffMax ({options.RestartBackoffMax}) must not be below RestartBackoff ({options.RestartBackoff}).");
        }

        if (!string.IsNullOrWhiteSpace(options.SocketDirectory) && Path.GetFullPath(options.SocketDirectory, _contentRoot ?? Directory.GetCurrentDirectory()).Length > MaxSocketDirectoryLength)
        {
            builder.AddError($"{Prefix}SocketDirectory '{options.SocketDirectory}' is too long for unix socket paths (at most {MaxSocketDirectoryLength} characters).");
        }

        if (WorkerPaths.FindPhp(options.Php, _contentRoot) is null)
        {
            builder.AddError($"{Prefix}Php: the PHP binary '{options.Php}' was not found (give an absolute path, or put it on PATH).");
        }

        var script = WorkerPaths.ResolveFile(options.WorkerScript, WorkerPaths.DefaultScript, _contentRoot);
        if (!File.Exists(script))
        {
            builder.AddError(options.WorkerScript is null
                ? $"{Prefix}WorkerScript is not set and {WorkerPaths.DefaultScript} was not found next to the application or above it (expected at '{script}')."
                : $"{Prefix}WorkerScript: the worker script '{script}' does not exist.");
        }

        foreach (var variable in options.Environment.Keys)
        {
            if (variable.Length == 0 || variable.Contains('=', StringComparison.Ordinal) || variable.Contains('\0', StringComparison.Ordinal))
            {
                builder.AddError($"{Prefix}Environment: '{variable}' is not a valid environment variable name.");
            }
            else if (variable is "DISPATCH_PARENT_PID" or "DISPATCH_APP")
            {
                builder.AddError($"{Prefix}Environment: {variable} is set by Dispatch itself (use {Prefix}App for the handler file).");
            }
        }

        foreach (var (setting, value) in options.Ini)
        {
            // One argv element each, never a shell; but PHP joins every -d into one php.ini text, where a line break
            // (\n or \r) would start another setting and a quote or bracket would end or break the rest of them.
            if (setting.Length == 0 || setting.Any(static c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '=' or ';' or '"' or '[' or ']'))
            {
                builder.AddError($"{Prefix}Ini: '{setting}' is not a valid php.ini setting name.");
            }
            else if (value.Any(static c => char.IsControl(c) || c == '"'))
            {
                builder.AddError($"{Prefix}Ini: the value of {setting} must be one line without control characters or double quotes.");
            }
        }

        var app = WorkerPaths.ResolveFile(options.App, WorkerPaths.DefaultApp, _contentRoot);
        if (!File.Exists(app))
        {
            builder.AddError(options.App is null
                ? $"{Prefix}App is not set and the demo app {WorkerPaths.DefaultApp} was not found (expected at '{app}'); set {Prefix}App to your handler file."
                : $"{Prefix}App: the handler file '{app}' does not exist.");
        }

        return builder.Build();
    }

    private static void Range(ValidateOptionsResultBuilder builder, string setting, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            builder.AddError($"{Prefix}{setting} must be between {min} and {max}; got {value}.");
        }
    }

    private static void Positive(ValidateOptionsResultBuilder builder, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            builder.AddError($"{Prefix}{setting} must be positive; got {value}.");
        }
    }
}
