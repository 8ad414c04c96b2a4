/// The bytes a template renders, and the count that bounds them.
struct OutputBuffer {
    private(set) var bytes: [UInt8] = []
    let limit: Int

    init(capacity: Int, limit: Int) {
        bytes.reserveCapacity(min(capacity, limit))
        self.limit = limit
    }

    var isFull: Bool { bytes.count > limit }

    mutating func append<Bytes: Collection>(_ other: Bytes) where Bytes.Element == UInt8 {
        bytes.append(contentsOf: other)
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
            for index in 0..<utf8.count {
                let replacement: StaticString
                switch utf8[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }
}
