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

    [GlobalSetup]
    public void Setup()
    {
        _eventJson = ContractJson.SerializeEvent(BenchPayloads.MessageEvent());
        var reply = FrameCodec.Encode(BenchPayloads.EchoReply());
        _frames = Enumerable.Repeat(reply, 1024).SelectMany(f => f).ToArray();
        _stream = new MemoryStream(_frames, writable: false);
        _reader = new FrameReader(_stream);
    }

    [GlobalCleanup]
    public void Cleanup() => _stream.Dispose();

    [Benchmark(Description = "serialize message event (JSON)")]
    public byte[] SerializeEvent() => ContractJson.SerializeEvent(BenchPayloads.MessageEvent());

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
