import Glibc

/// This program's resident memory, as the system counts it: what the reader's memory
/// limit is measured by.
enum ResidentMemory {
    /// Bytes resident now, from /proc/self/statm (its second field, in pages); 0 where
    /// it cannot be read.
    static func bytes() -> Int {
        let file = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return 0 }
        defer { close(file) }
        var text = [UInt8](repeating: 0, count: 160)
        let count = text.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
        guard count > 0 else { return 0 }
        let fields = text[0..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
