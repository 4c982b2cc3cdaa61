import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Strict decoding of legacy character sets through the C library's iconv, which knows
/// far more of them (EUC-KR, Big5, GB18030, KOI8-R, EBCDIC …) than Foundation does here.
enum Iconv {
    /// `bytes` decoded from `charset`, or nil when the charset is unknown or the bytes
    /// are not valid in it.
    static func decode(_ bytes: [UInt8], from charset: String) -> String? {
        let handle = iconv_open("UTF-8", charset)
        guard handle != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(handle) }
        if bytes.isEmpty { return "" }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                if iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft) == -1 || inLeft != 0 { return nil }
                if iconv(handle, nil, nil, &outPointer, &outLeft) == -1 { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        return String(bytes: output.prefix(produced), encoding: .utf8)
    }
}
