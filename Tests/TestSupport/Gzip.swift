import Foundation

/// gzip without zlib: the data in "stored" (uncompressed) deflate blocks, which every
/// gzip reader accepts. Enough for a test server to send `Content-Encoding: gzip`.
public enum Gzip {
    public static func wrap(_ data: Data) -> Data {
        var out = Data([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff])
        let bytes = [UInt8](data)
        var offset = 0
        repeat {
            let count = min(65_535, bytes.count - offset)
            let final: UInt8 = offset + count == bytes.count ? 1 : 0
            out.append(final)
            out.append(contentsOf: littleEndian(UInt16(count)))
            out.append(contentsOf: littleEndian(~UInt16(count)))
            out.append(contentsOf: bytes[offset..<offset + count])
            offset += count
        } while offset < bytes.count
        out.append(contentsOf: littleEndian(crc32(bytes)))
        out.append(contentsOf: littleEndian(UInt32(truncatingIfNeeded: bytes.count)))
        return out
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xedb8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<MemoryLayout<T>.size).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }
}

/// A gzip stream of zeros that inflates to `inflatedBytes`, produced piece by piece so a
/// test server can send a gigabyte-sized bomb without holding or storing it.
///
/// Deflate's fixed Huffman code writes "repeat the last 258 bytes' worth of the previous
/// byte" in 13 bits, so each block of `repeats` copies inflates about 158-fold. Each block
/// is followed by an empty stored block, which pads to a byte boundary: every middle piece
/// is then the same bytes, built once.
public struct GzipBomb: Sendable {
    public let inflatedBytes: Int
    let repeats = 10_000

    public init(inflatedBytes: Int) {
        self.inflatedBytes = inflatedBytes
    }

    /// Calls `send` with each piece in order until it returns false or the stream ends.
    public func produce(_ send: (Data) -> Bool) {
        var header = Data([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff])
        header.append(block(literalZero: true))
        guard send(header) else { return }
        let middle = block(literalZero: false)
        var inflated = 1 + 258 * repeats
        while inflated + 258 * repeats <= inflatedBytes {
            guard send(middle) else { return }
            inflated += 258 * repeats
        }
        // The end: an empty final stored block, then CRC-32 and length. The CRC is left
        // zero: no reader that stops at its cap ever gets this far.
        var end = Data([0x01, 0x00, 0x00, 0xff, 0xff])
        end.append(contentsOf: Gzip.littleEndian(UInt32(0)))
        end.append(contentsOf: Gzip.littleEndian(UInt32(truncatingIfNeeded: inflated)))
        _ = send(end)
    }

    /// One fixed-Huffman block of `repeats` copies (after a literal zero byte when asked),
    /// then an empty stored block to reach a byte boundary.
    private func block(literalZero: Bool) -> Data {
        var bits = BitWriter()
        bits.write(0, count: 1)      // not the final block
        bits.write(1, count: 2)      // fixed Huffman codes
        if literalZero { bits.writeCode(0b0011_0000, length: 8) }  // literal 0x00
        for _ in 0..<repeats {
            bits.writeCode(0b1100_0101, length: 8)  // length 258 (code 285)
            bits.writeCode(0, length: 5)           // distance 1 (code 0)
        }
        bits.writeCode(0, length: 7)  // end of block (code 256)
        bits.write(0, count: 1)       // not the final block
        bits.write(0, count: 2)       // stored
        bits.alignToByte()
        var out = bits.bytes
        out.append(contentsOf: [0x00, 0x00, 0xff, 0xff])  // LEN 0, NLEN
        return out
    }

    /// Deflate's bit order: values least significant bit first, Huffman codes most
    /// significant bit first.
    struct BitWriter {
        var bytes = Data()
        private var current: UInt8 = 0
        private var used = 0

        mutating func write(_ value: Int, count: Int) {
            for bit in 0..<count { push((value >> bit) & 1) }
        }

        mutating func writeCode(_ code: Int, length: Int) {
            for bit in stride(from: length - 1, through: 0, by: -1) { push((code >> bit) & 1) }
        }

        mutating func alignToByte() {
            if used > 0 { flush() }
        }

        private mutating func push(_ bit: Int) {
            current |= UInt8(bit) << used
            used += 1
            if used == 8 { flush() }
        }

        private mutating func flush() {
            bytes.append(current)
            current = 0
            used = 0
        }
    }
}
