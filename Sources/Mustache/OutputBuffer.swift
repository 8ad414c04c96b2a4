/// The bytes a template renders, and the count that bounds them.
struct OutputBuffer {
    private(set) var bytes: [UInt8] = []
    let limit: Int

    init(capacity: Int, limit: Int) {
        bytes.reserveCapacity(min(capacity, limit))
        self.limit = limit
    }

    var isFull: Bool { bytes.count > limit }

    mutating func append(_ other: [UInt8]) {
        other.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ other: ArraySlice<UInt8>) {
        other.withUnsafeBufferPointer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `text` escaped for HTML text and quoted attribute values: `&`, `<`, `>`, `"`
    /// and `'` as character references. Runs that need no escaping are copied at once.
    mutating func appendEscapingHTML(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                // Only these five bytes need a reference; every other byte is copied
                // with its run, so the common case is one comparison a byte.
                guard byte <= UInt8(ascii: ">"), Self.needsEscape & (1 << UInt64(byte)) != 0 else {
                    index += 1
                    continue
                }
                let replacement: StaticString
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                default: replacement = "&#39;"
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                index += 1
                start = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }

    /// The bytes below 64 that need escaping, as bits: `"`, `&`, `'`, `<`, `>`.
    private static var needsEscape: UInt64 { 1 << 34 | 1 << 38 | 1 << 39 | 1 << 60 | 1 << 62 }
}
