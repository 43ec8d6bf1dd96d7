using System.Diagnostics;

namespace Dispatch.Bench.Measurement;

/// <summary>
/// Samples the server process tree and the load client itself at the start and end of a measured window: CPU time
/// (µs), elapsed time, and the server's resident memory at each end.
/// </summary>
public sealed class WindowMeter
{
    private readonly int? _serverPid;
    private ProcessSample _serverStart;
    private ProcessSample _mainStart;
    private ProcessSample _clientStart;
    private (long Busy, long Steal) _machineStart;
    private long _started;

    public WindowMeter(int? serverPid)
    {
        _serverPid = serverPid;
    }

    public bool MeasuresServer => _serverPid is not null && ProcStats.IsAvailable;

    public void Start()
    {
        _serverStart = SampleServer();
        _mainStart = SampleMain();
        _clientStart = ProcStats.Sample(Environment.ProcessId, includeDescendants: false);
        _machineStart = ProcStats.MachineTimes();
        _started = Stopwatch.GetTimestamp();
    }

    public WindowStats Stop()
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var server = SampleServer();
        var main = SampleMain();
        var client = ProcStats.Sample(Environment.ProcessId, includeDescendants: false);
        var machine = ProcStats.MachineTimes();
        return new WindowStats(
            elapsed,
            MeasuresServer ? server.CpuMicroseconds - _serverStart.CpuMicroseconds : null,
            client.CpuMicroseconds - _clientStart.CpuMicroseconds,
            MeasuresServer ? _serverStart.RssKilobytes : null,
            MeasuresServer ? server.RssKilobytes : null,
            server.Processes,
            machine.Busy - _machineStart.Busy)
        {
            StealMicroseconds = machine.Steal - _machineStart.Steal,
            ServerMainCpuMicroseconds = MeasuresServer ? main.CpuMicroseconds - _mainStart.CpuMicroseconds : null,
        };
    }

    private ProcessSample SampleMain() =>
        MeasuresServer ? ProcStats.Sample(_serverPid!.Value, includeDescendants: false) : default;

    public ProcessSample SampleServer() =>
        MeasuresServer ? ProcStats.Sample(_serverPid!.Value, includeDescendants: true) : default;
}
