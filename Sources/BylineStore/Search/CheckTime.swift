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
