#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The name of an entry `readdir` returned, as bytes up to its terminating NUL.
///
/// Read in place: `d_name` is declared 256 bytes long, but the entry is only as long as
/// its name, so copying the whole field (`withUnsafeBytes(of: entry.pointee.d_name)`)
/// reads past the entry, and past the end of the folder's buffer for the last entry in
/// it. A `byline fetch` into a library of 100,000 stories crashed there now and then,
/// when that buffer ended where a thread's heap did.
func directoryEntryName(_ entry: UnsafeMutablePointer<dirent>) -> [UInt8] {
    withUnsafeMutablePointer(to: &entry.pointee.d_name) { field in
        let start = UnsafeRawPointer(field)
        return Array(UnsafeRawBufferPointer(start: start, count: strlen(start.assumingMemoryBound(to: CChar.self))))
    }
}
