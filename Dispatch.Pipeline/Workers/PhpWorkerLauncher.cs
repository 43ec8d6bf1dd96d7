using System.ComponentModel;
using System.Diagnostics;
using Dispatch.Pipeline.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Pipeline.Workers;

/// <summary>
/// Starts <c>php [-d NAME=VALUE ...] dispatch-worker --socket PATH --app APP</c> (argument list, no shell) with <c>DISPATCH_PARENT_PID</c>
/// and <c>DISPATCH_APP</c> set (plus <c>Dispatch:Workers:Environment</c>), stdout and stderr redirected.
/// </summary>
internal sealed class PhpWorkerLauncher : IWorkerLauncher
{
    private readonly WorkersOptions _options;
    private readonly WorkerPaths _paths;
    private readonly ILogger<PhpWorkerLauncher> _logger;
    private readonly TimeProvider _timeProvider;

    public PhpWorkerLauncher(IOptions<WorkersOptions> options, ILogger<PhpWorkerLauncher> logger, IHostEnvironment? environment = null, TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _options = options.Value;
        _paths = WorkerPaths.Resolve(_options, environment?.ContentRootPath);
        _logger = logger;
    }

    public Task<IWorkerProcess> LaunchAsync(WorkerLaunchRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var php = _paths.Php ?? _options.Php;
        var description = $"PHP binary '{php}', worker script '{_paths.Script}', app '{_paths.App}'";
        var startInfo = new ProcessStartInfo(php)
        {
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var (name, value) in _options.Ini)
        {
            startInfo.ArgumentList.Add("-d");
            startInfo.ArgumentList.Add(name + "=" + value);
        }

        startInfo.ArgumentList.Add(_paths.Script);
        startInfo.ArgumentList.Add("--socket");
        startInfo.ArgumentList.Add(request.SocketPath);
        startInfo.ArgumentList.Add("--app");
        startInfo.ArgumentList.Add(_paths.App);
        foreach (var (name, value) in _options.Environment)
        {
            startInfo.Environment[name] = value;
        }

        startInfo.Environment["DISPATCH_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["DISPATCH_APP"] = _paths.App;

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new WorkerStartException($"PHP worker {request.Slot} could not be launched ({description}): {e.Message}", e) { Slot = request.Slot };
        }

        PhpWorkerLog.Launched(_logger, request.Slot, process.Id, description);
        // In FanOut mode the supervisor gives the slice while fan-outs run (see FanOutSlice).
        if (_options.SchedulingSliceMode == SchedulingSliceMode.Always && _options.SchedulingSlice > TimeSpan.Zero && !SchedulingSlice.TryApply(process.Id, _options.SchedulingSlice, out var problem))
        {
            PhpWorkerLog.SliceNotApplied(_logger, request.Slot, process.Id, _options.SchedulingSlice.TotalMicroseconds, problem);
        }

        return Task.FromResult<IWorkerProcess>(new PhpWorkerProcess(process, request.Slot, description, _logger, _timeProvider));
    }
}
