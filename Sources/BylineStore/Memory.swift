#if canImport(Glibc)
import Glibc
#endif

/// Memory a build no longer needs, handed back to the system: the allocator keeps freed
/// memory for reuse (per thread, after a parallel build), and it would go on counting as
/// the reader's own for as long as it runs.
public enum Memory {
    /// Hands the allocator's free pages, in every thread's heap, back to the system.
    public static func giveBack() {
        #if canImport(Glibc)
        _ = trimMalloc(0)
        #endif
    }

    /// Makes every block of 128 KiB or more a mapping of its own, handed back to the
    /// system as soon as it is freed. glibc otherwise raises that limit as big blocks are
    /// freed (up to 32 MiB), after which the buffers of a build or a search are carved
    /// from the heap of the thread that made them and stay the program's memory, scattered
    /// between live blocks where `malloc_trim` cannot always reach them; and it keeps a heap
    /// per thread (up to 8 per core), each holding its own freed memory.
    public static func returnLargeBlocks() {
        #if canImport(Glibc)
        _ = mallocOption(-3, 128 << 10)  // M_MMAP_THRESHOLD
        _ = mallocOption(-8, 2)  // M_ARENA_MAX
        #endif
    }
}

#if canImport(Glibc)
/// glibc's `malloc_trim` and `mallopt`, which the Glibc module does not export (they are
/// in `malloc.h`).
@_silgen_name("malloc_trim")
private func trimMalloc(_ pad: Int) -> Int32
@_silgen_name("mallopt")
private func mallocOption(_ option: Int32, _ value: Int32) -> Int32
#endif
