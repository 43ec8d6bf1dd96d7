using System.Diagnostics;

namespace Dispatch.Tests.EndToEnd.PhpClient;

/// <summary>Runs <c>php SCRIPT ARGS…</c> under the php-cli (argument list, no shell) and collects its output.</summary>
public static class PhpScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<PhpScriptResult> RunAsync(string script, IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("php")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"php {script} did not finish within {Timeout.TotalSeconds} s");
        }

        return new PhpScriptResult(process.ExitCode, await stdout, await stderr);
    }
}
