using System.Text;
using BenchmarkDotNet.Attributes;
using Dispatch.Commands.Execution;
using Dispatch.Commands.Hub;
using Dispatch.Commands.Validation;

namespace Dispatch.Bench.Micro;

/// <summary>
/// A broadcast to a room of <see cref="Members"/> connections through <see cref="ConnectionHub"/> and
/// <see cref="LocalMessageRouter"/> (public API, fake connections), and the whole apply step of broadcast.php's reply
/// (validate + execute). Excludes the sockets: each fake <c>TrySend</c> only counts.
/// </summary>
[MemoryDiagnoser]
public class FanOutBenchmarks
{
    private ConnectionHub _hub = null!;
    private LocalMessageRouter _router = null!;
    private CommandValidator _validator = null!;
    private CommandExecutor _executor = null!;
    private OutboundMessage _message = null!;
    private byte[] _reply = [];

    [Params(1000)]
    public int Members { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var limits = new LimitsOptions();
        _hub = new ConnectionHub(limits);
        _router = new LocalMessageRouter(_hub);
        _validator = new CommandValidator(limits);
        _executor = new CommandExecutor(_hub, _router, TimeProvider.System);
        _message = new OutboundMessage(Encoding.UTF8.GetBytes(BenchPayloads.Message), isBinary: false);
        _reply = BenchPayloads.BroadcastReply();
        Register(BenchPayloads.ConnectionId, join: false);
        for (var index = 0; index < Members; index++)
        {
            Register($"member-{index:D6}", join: true);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _executor.Dispose();

    [Benchmark(Description = "router broadcast to room")]
    public int Broadcast() => _router.Broadcast("bench", _message, BenchPayloads.ConnectionId);

    [Benchmark(Description = "validate + execute broadcast.php reply")]
    public int ValidateAndExecute()
    {
        var outcome = _validator.Validate(_reply, "message", BenchPayloads.ConnectionId);
        _executor.Execute(BenchPayloads.ConnectionId, outcome.Commands);
        return outcome.Commands.Count;
    }

    private void Register(string id, bool join)
    {
        _hub.TryRegister(new FakeClientConnection(id), new ConnectionInfo(id, "/ws", "127.0.0.1", 1_770_000_000_000));
        if (join)
        {
            _hub.Join(id, "bench");
        }
    }
}
