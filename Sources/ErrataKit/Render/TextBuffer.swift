import Mustache

/// UTF-8 bytes being written: a page, a JSON file. Appending works on bytes, so
/// escaping text for HTML or JSON copies runs of plain bytes at once instead of going
/// character by character.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    var isEmpty: Bool { bytes.isEmpty }
    var last: UInt8? { bytes.last }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// `number` in decimal, written digit by digit when it is not negative.
    mutating func append(_ number: Int) {
        guard number >= 0 else { return append(String(number)) }
        var divisor = 1
        while number / divisor >= 10 { divisor *= 10 }
        var rest = number
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: utf8)
    }

    /// `text` escaped for HTML text and quoted attribute values: `&`, `<`, `>`, `"`
    /// and `'` as character references.
    mutating func appendEscapingHTML(_ text: String) {
        var text = text
        text.withUTF8 { appendEscapingHTML($0) }
    }

    /// UTF-8 bytes escaped for HTML, exactly as the templates' `{{name}}` escapes.
    mutating func appendEscapingHTML(_ utf8: UnsafeBufferPointer<UInt8>) {
        HTMLEscaping.append(utf8, to: &bytes)
    }

    mutating func appendASCII(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters
    /// escaped. With `escapingHTML`, also `<`, `>`, `&`, U+2028 and U+2029 as
    /// `\uXXXX`, so the literal stays inert inside HTML and a `<script>` element.
    mutating func appendJSONString(_ text: String, escapingHTML: Bool) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                var escape: UInt32?
                var length = 1
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A, 0x0D, 0x09:
                    escape = UInt32(byte)
                case 0..<0x20, 0x7F:
                    escape = UInt32(byte)
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                    if escapingHTML { escape = UInt32(byte) }
                case 0xE2 where escapingHTML && index + 2 < utf8.count && utf8[index + 1] == 0x80
                    && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    escape = utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029
                    length = 3
                default:
                    break
                }
                guard let escape else {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                switch escape {
                case 0x22: appendASCII("\\\"")
                case 0x5C: appendASCII("\\\\")
                case 0x0A: appendASCII("\\n")
                case 0x0D: appendASCII("\\r")
                case 0x09: appendASCII("\\t")
                default: appendUnicodeEscape(escape)
                }
                index += length
                start = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendUnicodeEscape(_ value: UInt32) {
        let digits: StaticString = "0123456789abcdef"
        appendASCII("\\u")
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(digits.utf8Start[Int((value >> UInt32(shift)) & 0xF)])
        }
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Hands the bytes to `output` and empties the buffer, keeping its room; false
    /// when `output` could not take them.
    mutating func handOn(to output: TemplateOutput) -> Bool {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes.withUnsafeBytes(output.write)
    }
}
