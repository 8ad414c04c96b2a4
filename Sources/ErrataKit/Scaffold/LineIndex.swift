/// The lines of a text, counted as cmark-gfm counts them: a line ends at `\n`,
/// `\r\n` or a lone `\r`.
struct LineIndex {
    private let bytes: [UInt8]
    /// The UTF-8 offset each line starts at. A text ending in a line break has an
    /// empty last entry at its end.
    private let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                index += 1
            }
            if bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") {
                starts.append(index + 1)
            }
            index += 1
        }
        self.starts = starts
    }

    /// The text's line break: that of its first line, else `"\n"`.
    var lineEnding: String {
        guard let first = bytes.firstIndex(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else { return "\n" }
        if bytes[first] == UInt8(ascii: "\n") { return "\n" }
        return first + 1 < bytes.count && bytes[first + 1] == UInt8(ascii: "\n") ? "\r\n" : "\r"
    }

    var byteCount: Int { bytes.count }

    var endsWithLineBreak: Bool {
        bytes.last == UInt8(ascii: "\n") || bytes.last == UInt8(ascii: "\r")
    }

    /// The number of the last line that has any text or line break, or `nil` for an
    /// empty text.
    var lastLine: Int? {
        guard !bytes.isEmpty else { return nil }
        return endsWithLineBreak ? starts.count - 1 : starts.count
    }

    /// Where line `line` (1-based) starts, if the text has it.
    func start(ofLine line: Int) -> Int? {
        starts.indices.contains(line - 1) ? starts[line - 1] : nil
    }

    /// The 1-based line an offset is on.
    func line(ofOffset offset: Int) -> Int {
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether a line holds nothing but spaces and tabs.
    func isBlank(line: Int) -> Bool {
        guard let first = start(ofLine: line) else { return true }
        let end = start(ofLine: line + 1) ?? bytes.count
        return bytes[first..<end].allSatisfy(\.isSpaceOrLineBreak)
    }
}
