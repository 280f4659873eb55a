using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TalentFlow.ML.Numerics;

/// <summary>
/// A zeroed block of native memory for large, long-lived numeric arrays (embedding matrices). Blocks of 2 MiB or more are
/// aligned to 2 MiB and, on Linux, advised as huge-page candidates (<c>madvise(MADV_HUGEPAGE)</c>), the same choice numpy's
/// allocator makes for large arrays: a scan over 154 MB touches 75 huge pages instead of 37,500 small ones, and its TLB
/// misses, not the arithmetic, were what held a single-pass scan well under the memory bandwidth. Smaller blocks are aligned
/// to a cache line. Freed by <see cref="Dispose"/> or, if forgotten, by the finalizer.
/// </summary>
internal sealed unsafe class AlignedBuffer<T> : IDisposable
    where T : unmanaged
{
    private const nuint HugePage = 2 << 20;
    private const nuint CacheLine = 64;
    private readonly long _bytes;
    private T* _pointer;

    /// <summary>A zeroed block of <paramref name="length"/> elements.</summary>
    public AlignedBuffer(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _bytes = Math.Max(1, length) * sizeof(T);
        nuint bytes = (nuint)_bytes;
        bool huge = bytes >= HugePage;
        nuint alignment = huge ? HugePage : CacheLine;
        // Rounded up to the alignment so that huge pages cover the tail too.
        nuint rounded = (bytes + alignment - 1) / alignment * alignment;
        _pointer = (T*)NativeMemory.AlignedAlloc(rounded, alignment);
        // Advice is best effort: a kernel without transparent huge pages answers with an error and small pages serve.
        if (huge && OperatingSystem.IsLinux()) _ = LinuxMemory.Madvise(_pointer, rounded, LinuxMemory.AdviseHugePage);
        NativeMemory.Clear(_pointer, rounded);
        GC.AddMemoryPressure(_bytes);
    }

    ~AlignedBuffer() => Free();

    /// <summary>Elements in the block.</summary>
    public long Length { get; }

    /// <summary>The first element; valid until <see cref="Dispose"/>.</summary>
    public T* Pointer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            ObjectDisposedException.ThrowIf(_pointer is null, this);
            return _pointer;
        }
    }

    /// <summary><paramref name="length"/> elements from <paramref name="start"/>.</summary>
    public Span<T> Slice(long start, int length)
    {
        if ((ulong)start > (ulong)Length || (ulong)length > (ulong)(Length - start)) throw new ArgumentOutOfRangeException(nameof(start));
        return new Span<T>(Pointer + start, length);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_pointer is null) return;
        NativeMemory.AlignedFree(_pointer);
        _pointer = null;
        GC.RemoveMemoryPressure(_bytes);
    }
}

/// <summary>The one libc call <see cref="AlignedBuffer{T}"/> makes (a generic type cannot declare it).</summary>
internal static unsafe partial class LinuxMemory
{
    /// <summary><c>MADV_HUGEPAGE</c>.</summary>
    public const int AdviseHugePage = 14;

    /// <summary><c>int madvise(void *addr, size_t length, int advice)</c>.</summary>
    [LibraryImport("libc", EntryPoint = "madvise")]
    public static partial int Madvise(void* address, nuint length, int advice);
}
