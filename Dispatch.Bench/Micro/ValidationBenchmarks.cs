using BenchmarkDotNet.Attributes;
using Dispatch.Commands.Validation;

namespace Dispatch.Bench.Micro;

/// <summary>Parsing and validating a worker reply (CONTRACT 4.2-4.4): what Dispatch does once per event.</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private readonly CommandValidator _validator = new(new LimitsOptions());
    private byte[] _echo = [];
    private byte[] _broadcast = [];

    [GlobalSetup]
    public void Setup()
    {
        _echo = BenchPayloads.EchoReply();
        _broadcast = BenchPayloads.BroadcastReply();
    }

    [Benchmark(Description = "validate echo reply (1 send)")]
    public int Echo() => _validator.Validate(_echo, "message", BenchPayloads.ConnectionId).Commands.Count;

    [Benchmark(Description = "validate broadcast reply (broadcast + send)")]
    public int Broadcast() => _validator.Validate(_broadcast, "message", BenchPayloads.ConnectionId).Commands.Count;
}
