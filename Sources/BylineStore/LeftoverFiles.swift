#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// Temporary files of killed runs: `AtomicFile` writes `.NAME.tmp-PID-RAND` and renames
/// it, so one is left only when its process died mid-write (58 after 91 kills, in the
/// security review). A writer removes those whose process is gone; a file of a running
/// process, this one included, is mid-write and stays.
enum LeftoverFiles {
    /// Removes dead processes' temporary files from the open folder `directory`.
    static func removeDead(in directory: Int32) {
        let copy = dup(directory)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            return
        }
        defer { closedir(stream) }
        var dead: [String] = []
        while let entry = readdir(stream) {
            let name = String(decoding: directoryEntryName(entry), as: UTF8.self)
            if let pid = writer(ofTemporary: name), kill(pid, 0) != 0, errno == ESRCH { dead.append(name) }
        }
        for name in dead { unlinkat(directory, name, 0) }
    }

    /// Folders this process has already cleaned (see `isFirstLook`).
    private static let looked = Mutex<Set<String>>([])

    /// Whether `folder` has not been cleaned by this process yet (and is now counted as
    /// cleaned): a fetch saves a batch per feed into one folder of thousands of files, and
    /// listing it for every batch cost more than the writes. Only a run that died leaves
    /// files, so once per process finds them.
    static func isFirstLook(at folder: String) -> Bool {
        looked.withLock { $0.insert(folder).inserted }
    }

    /// The process id in `.NAME.tmp-PID-RAND`, when `name` has that shape.
    static func writer(ofTemporary name: String) -> pid_t? {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) else { return nil }
        let parts = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0, UInt32(parts[1]) != nil else { return nil }
        return pid
    }
}
