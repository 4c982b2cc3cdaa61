#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore

/// When a look at the library's folders began. The search index's base is dated a second
/// before it once the index holds everything that look found, so a folder whose time is
/// older than the base changed before the index saw it (`SearchIndex.current`), and any
/// later change shows as a newer folder. The second covers file systems' coarse clocks.
public struct CheckTime: Sendable {
    let seconds: Int

    public static func now() -> CheckTime {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return CheckTime(seconds: Int(now.tv_sec))
    }

    /// Dates the file at `path` a second before this time.
    func mark(_ path: String) {
        var times = [timespec(tv_sec: seconds - 1, tv_nsec: 0), timespec(tv_sec: seconds - 1, tv_nsec: 0)]
        utimensat(AT_FDCWD, path, &times, 0)
    }

    /// Gives the file at `path` the modification time of `stamp`: a base rewritten by a
    /// writer keeps the date of the last check, since the writer looked at no folder.
    static func date(_ path: String, as stamp: FileStamp) {
        let time = timespec(tv_sec: Int(stamp.modifiedSeconds), tv_nsec: Int(stamp.modifiedNanoseconds))
        var times = [time, time]
        utimensat(AT_FDCWD, path, &times, 0)
    }
}

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
