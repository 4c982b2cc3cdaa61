import BylineCore
import Testing

/// The reader dates stories without ICU only when the system's zone is UTC by name.
@Suite struct UniversalTimeZoneTests {
    @Test func tzValuesThatMeanUTC() {
        for value in ["UTC", "Etc/UTC", ":UTC", ":Etc/UTC", "GMT", "Etc/GMT0", "Universal", "Zulu", "UTC0", "", "posix/Etc/UTC"] {
            #expect(UniversalTimeZone.isUniversal(tz: value), "\(value)")
        }
    }

    @Test func otherZonesAreTheSystemsOwn() {
        for value in ["Europe/London", "Etc/GMT+1", "EST5EDT", "CET-1CEST", "UTC1", "right/UTC", "America/New_York", "utc-ish"] {
            #expect(!UniversalTimeZone.isUniversal(tz: value), "\(value)")
        }
    }

    @Test func localtimeLinkTargets() {
        #expect(UniversalTimeZone.isUniversal(localtimeTarget: "/usr/share/zoneinfo/Etc/UTC"))
        #expect(UniversalTimeZone.isUniversal(localtimeTarget: "../usr/share/zoneinfo/UTC"))
        #expect(!UniversalTimeZone.isUniversal(localtimeTarget: "/usr/share/zoneinfo/Europe/London"))
        #expect(!UniversalTimeZone.isUniversal(localtimeTarget: "/usr/share/zoneinfo/right/UTC"))
        #expect(!UniversalTimeZone.isUniversal(localtimeTarget: "/etc/UTC"), "not a zone file's name")
    }
}
