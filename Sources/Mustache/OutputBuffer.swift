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

    /// `text` escaped for HTML (see ``HTMLEscaping``).
    mutating func appendEscapingHTML(_ text: String) {
        var text = text
        text.withUTF8 { HTMLEscaping.append($0, to: &bytes) }
    }
}
