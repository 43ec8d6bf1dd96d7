using BenchmarkDotNet.Attributes;
using Dispatch.Commands.Contract;
using Dispatch.Commands.Framing;

namespace Dispatch.Bench.Micro;

/// <summary>The worker frame codec (CONTRACT 2) and event serialization, per 64-byte client message.</summary>
[MemoryDiagnoser]
public class FramingBenchmarks
{
    private byte[] _eventJson = [];
    private byte[] _frames = [];
    private MemoryStream _stream = new();
    private FrameReader _reader = null!;
    private WorkerEvent _event = null!;
    private ConnectionEventFields _fields = null!;
    private byte[] _message = [];

    [GlobalSetup]
    public void Setup()
    {
        _event = BenchPayloads.MessageEvent();
        _eventJson = ContractJson.SerializeEvent(_event);
        _fields = ConnectionEventFields.Create(
            _event.Id, _event.Path!, _event.Query!, _event.Headers!, _event.RemoteAddr!, _event.RequestId!, _event.TraceId!);
        _message = System.Text.Encoding.UTF8.GetBytes(BenchPayloads.Message);
        var reply = FrameCodec.Encode(BenchPayloads.EchoReply());
        _frames = Enumerable.Repeat(reply, 1024).SelectMany(f => f).ToArray();
        _stream = new MemoryStream(_frames, writable: false);
        _reader = new FrameReader(_stream);
    }

    [GlobalCleanup]
    public void Cleanup() => _stream.Dispose();

    /// <summary>The general path: an event object over the connection's dictionaries, the message as a string.</summary>
    [Benchmark(Description = "serialize message event (JSON)")]
    public byte[] SerializeEvent() => ContractJson.SerializeEvent(new WorkerEvent
    {
        Event = _event.Event,
        Id = _event.Id,
        Path = _event.Path,
        Query = _event.Query,
        Headers = _event.Headers,
        RemoteAddr = _event.RemoteAddr,
        RequestId = _event.RequestId,
        TraceId = _event.TraceId,
        Opcode = _event.Opcode,
        Data = System.Text.Encoding.UTF8.GetString(_message),
        Metadata = _event.Metadata,
    });

    /// <summary>What a text message takes: the same bytes, from the message's UTF-8 and pre-encoded connection fields.</summary>
    [Benchmark(Description = "write message event (pre-encoded fields)")]
    public int WriteMessageEvent()
    {
        MessageEventWriter.TryWrite(WireNames.DispatchMode, _fields, _message, _event.Metadata!, out var json);
        using (json)
        {
            return json.Length;
        }
    }

    [Benchmark(Description = "encode frame (header + copy)")]
    public byte[] Encode() => FrameCodec.Encode(_eventJson);

    [Benchmark(Description = "read frame (FrameReader, pooled)")]
    public async Task<int> Read()
    {
        if (_stream.Position >= _stream.Length)
        {
            _stream.Position = 0;
        }

        var result = await _reader.ReadAsync(CancellationToken.None);
        using var frame = result.Frame;
        return frame.Length;
    }
}
