import Foundation

/// Whether the system's time zone, as `TZ` or the `/etc/localtime` link names it, is UTC:
/// then the reader dates stories with a fixed zero offset and never opens ICU's time zone
/// data, 1.1 MiB of it mapped in at every start (TimeZone.current of "Etc/UTC" is an
/// ICU zone). Any other zone, or one that cannot be told from its name (a copied
/// `/etc/localtime`), is the system's own, exactly as before.
public enum UniversalTimeZone {
    /// The zone names the time zone database gives UTC and its aliases (also under
    /// `Etc/` and `posix/`), and the POSIX `TZ` rules that mean no offset.
    private static let names: Set<String> = [
        "UTC", "UCT", "GMT", "GMT0", "GMT+0", "GMT-0", "Universal", "Zulu", "Greenwich", "UTC0", "UTC+0", "UTC-0",
    ]

    /// Whether `TZ`'s value means UTC. As glibc reads it, an empty value is UTC, and a
    /// leading colon only says that a zone file's name follows.
    public static func isUniversal(tz value: String) -> Bool {
        let name = value.hasPrefix(":") ? String(value.dropFirst()) : value
        return name.isEmpty || isUniversal(zoneName: name)
    }

    /// Whether the `/etc/localtime` link's target names UTC's zone file
    /// (`/usr/share/zoneinfo/Etc/UTC`, `../usr/share/zoneinfo/UTC`).
    public static func isUniversal(localtimeTarget target: String) -> Bool {
        guard let range = target.range(of: "zoneinfo/", options: .backwards) else { return false }
        return isUniversal(zoneName: String(target[range.upperBound...]))
    }

    private static func isUniversal(zoneName: String) -> Bool {
        var name = Substring(zoneName)
        for prefix in ["posix/", "right/", "Etc/"] where name.hasPrefix(prefix) {
            // Leap-second ("right/") zones keep TAI's count: not the same clock.
            if prefix == "right/" { return false }
            name = name.dropFirst(prefix.count)
        }
        return names.contains(String(name))
    }
}
