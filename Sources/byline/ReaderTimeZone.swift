#if canImport(Glibc)
import Glibc
#endif
import BylineCore
import Foundation

/// The time zone the reader dates stories in: the system's, held as a fixed zero offset
/// when that is UTC (see `UniversalTimeZone`), and then made the process's default too,
/// so a start on a UTC machine never maps in ICU's time zone code and data.
enum ReaderTimeZone {
    static func current() -> TimeZone {
        let universal: Bool
        if let tz = getenv("TZ") {
            universal = UniversalTimeZone.isUniversal(tz: String(cString: tz))
        } else if let target = localtimeTarget() {
            universal = UniversalTimeZone.isUniversal(localtimeTarget: target)
        } else {
            universal = false
        }
        guard universal, let utc = TimeZone(secondsFromGMT: 0) else { return .current }
        // Foundation's calendars start in the default zone, the system's own (an ICU zone)
        // until one is set: the list's calendar would open ICU all the same.
        NSTimeZone.default = utc
        return utc
    }

    /// Where `/etc/localtime` links to; nil when it is not a link (or not there).
    private static func localtimeTarget() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/etc/localtime", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
