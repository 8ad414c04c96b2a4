extension String {
    /// The text without leading and trailing spaces, tabs and line breaks. Works on
    /// UTF-8 bytes, without Foundation, because parsing calls it for every heading.
    var trimmed: String { self[...].trimmed }
}

extension Substring {
    var trimmed: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !$0.isSpaceOrLineBreak }),
              let last = bytes.lastIndex(where: { !$0.isSpaceOrLineBreak }) else { return "" }
        return String(self[first...last])
    }
}

extension UInt8 {
    var isSpaceOrLineBreak: Bool {
        self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") || self == UInt8(ascii: "\n") || self == UInt8(ascii: "\r")
    }
}
