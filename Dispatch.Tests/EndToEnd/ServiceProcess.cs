using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Dispatch.Tests.EndToEnd;

/// <summary>
/// Dispatch.Service started as its own OS process, configured only through environment variables, the way an operator
/// runs it. Used where the process boundary matters: configuration names, start-up failures, SIGTERM.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    public static ServiceProcess Start(IDictionary<string, string> environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Dispatch.Service.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.Environment["Logging__LogLevel__Default"] = "Information";
        info.Environment["Dispatch__Workers__WorkerScript"] = PhpPaths.WorkerScript;

        // Parallel tests must not fight over the API's default port 8081.
        info.Environment["Dispatch__Api__Url"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(process);
        process.OutputDataReceived += (_, e) => service.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => service.OnLine(e.Data);
        process.Exited += (_, _) => service._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    /// <summary>Waits for Kestrel's "Now listening on" line; fails with the output if the process exits first.</summary>
    public async Task<Uri> WaitListeningAsync(TimeSpan timeout)
    {
        var first = await Task.WhenAny(_listening.Task, _exited.Task).WaitAsync(timeout).ConfigureAwait(false);
        if (first == _exited.Task && !_listening.Task.IsCompleted)
        {
            await WaitForExitAsync(timeout).ConfigureAwait(false);
            throw new InvalidOperationException($"Dispatch exited with {_process.ExitCode} before listening:\n{Output}");
        }

        return await _listening.Task.ConfigureAwait(false);
    }

    /// <summary>Waits for the process to exit and for its output to be read to the end (Exited can come first).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
    }

    /// <summary>Sends SIGTERM, as systemd or Kubernetes would.</summary>
    public void Terminate() => Posix.Kill(_process.Id, Posix.SigTerm);

    /// <summary>Live processes whose parent is this service (its PHP workers).</summary>
    public IReadOnlyList<int> ChildProcessIds() => Posix.ChildrenOf(_process.Id);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
