/// Finds the first byte of a text that is not well-formed UTF-8 (Unicode, table 3-7):
/// a stray continuation byte, a lead byte with too few continuations, an overlong
/// form, an encoded surrogate (U+D800…U+DFFF) or a value beyond U+10FFFF.
enum UTF8Validation {
    /// The error for the first ill-formed byte of `bytes`, or `nil` when all of them
    /// are UTF-8.
    static func firstFault(in bytes: UnsafeBufferPointer<UInt8>) -> JSONSyntaxError? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            // The range the second byte must fall in, and how many bytes in all.
            let second: ClosedRange<UInt8>
            let length: Int
            switch lead {
            case 0xC2...0xDF: (second, length) = (0x80...0xBF, 2)
            case 0xE0: (second, length) = (0xA0...0xBF, 3)
            case 0xE1...0xEC, 0xEE...0xEF: (second, length) = (0x80...0xBF, 3)
            case 0xED: (second, length) = (0x80...0x9F, 3)
            case 0xF0: (second, length) = (0x90...0xBF, 4)
            case 0xF1...0xF3: (second, length) = (0x80...0xBF, 4)
            case 0xF4: (second, length) = (0x80...0x8F, 4)
            default:
                return fault(at: index, in: bytes)
            }
            guard index + 1 < count, second.contains(bytes[index + 1]) else {
                return fault(at: index, in: bytes)
            }
            for offset in 2..<length {
                guard index + offset < count, bytes[index + offset] & 0xC0 == 0x80 else {
                    return fault(at: index, in: bytes)
                }
            }
            index += length
        }
        return nil
    }

    /// The error for the sequence that starts at `offset`, placed by counting the line
    /// breaks before it.
    private static func fault(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> JSONSyntaxError {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        var shown = ""
        for index in offset..<min(offset + 4, bytes.count) {
            if index > offset && bytes[index] < 0x80 { break }
            shown += (shown.isEmpty ? "" : " ") + "0x" + String(bytes[index], radix: 16, uppercase: true)
        }
        return JSONSyntaxError(
            position: JSONPosition(line: line, column: offset - lineStart + 1),
            message: "invalid UTF-8 (bytes \(shown)): a JSON text must be UTF-8; save it as UTF-8"
        )
    }
}
