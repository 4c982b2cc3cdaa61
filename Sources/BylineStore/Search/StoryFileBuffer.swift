#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore

/// Reads story files one after another into one buffer, kept between files: indexing
/// 100,000 stories allocates nothing per file for their bytes.
struct StoryFileBuffer {
    private var buffer: [UInt8] = []
    private var count = 0

    /// The bytes last read, as an array (for the full parser, which few files need).
    var bytes: [UInt8] { Array(buffer[..<count]) }

    /// Reads the regular file at `path` (at most a story's largest size) and calls `body`
    /// with its bytes and its stamp. Nil when it cannot be read; the library's own reading
    /// reports why.
    mutating func read<T>(_ path: String, _ body: (UnsafeBufferPointer<UInt8>, FileStamp) -> T) -> T? {
        guard case .success(let (fd, info)) = FileBytes.openRegular(path) else { return nil }
        defer { close(fd) }
        guard Int64(info.st_size) <= FileBytes.largestStory else { return nil }
        // One byte of room more than the size, so a file that grew since is seen to.
        let wanted = Int(info.st_size) + 1
        if buffer.count < wanted { buffer = [UInt8](repeating: 0, count: max(wanted, buffer.count * 2, 16_384)) }
        count = 0
        while true {
            if count == buffer.count {
                guard Int64(count) < FileBytes.largestStory else { break }
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            let read = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress.map { $0 + count }, $0.count - count) }
            if read < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if read == 0 { break }
            count += read
        }
        count = min(count, Int(FileBytes.largestStory))
        return buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[..<count]), FileStamp(info)) }
    }
}
