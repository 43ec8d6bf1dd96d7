namespace Dispatch.Tests.EndToEnd.PhpClient;

/// <summary>How a <c>php</c> run ended.</summary>
public sealed record PhpScriptResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
