using System.Buffers;

namespace Dispatch.Commands.Contract;

/// <summary>
/// JSON bytes, usually in an array rented from the shared pool that <see cref="Dispose"/> gives back: dispose exactly
/// once, and do not use the memory afterwards.
/// </summary>
public readonly struct RentedJson : IDisposable
{
    private readonly byte[]? _array;
    private readonly bool _rented;

    private RentedJson(byte[] array, int length, bool rented)
    {
        _array = array;
        Length = length;
        _rented = rented;
    }

    /// <summary>The first <paramref name="length"/> bytes of an array rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static RentedJson Rented(byte[] array, int length) => new(array, length, rented: true);

    /// <summary>An array of exactly the JSON's length that belongs to no pool.</summary>
    public static RentedJson Unpooled(byte[] array) => new(array, array.Length, rented: false);

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _array is null ? default : _array.AsMemory(0, Length);

    public void Dispose()
    {
        if (_rented && _array is not null)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }
    }
}
