namespace Dispatch.Bench.Targets;

/// <summary>A run could not be set up (no service build, bad option, server did not start). The message is for the
/// user, printed without a stack trace.</summary>
public sealed class BenchSetupException : Exception
{
    public BenchSetupException()
    {
    }

    public BenchSetupException(string message)
        : base(message)
    {
    }

    public BenchSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
