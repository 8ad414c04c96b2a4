/// A JSON value the site publishes (the search index, `errors.json`), written by Errata
/// itself so the bytes are stable: object keys sorted, numbers as integers, and `<`,
/// `>`, `&`, U+2028 and U+2029 escaped as `\uXXXX`, which keeps any text inert inside
/// HTML and inside a `<script>` element.
enum PublishedJSON: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case null
    case array([PublishedJSON])
    case object([String: PublishedJSON])

    /// The value on one line, without spaces.
    var compactText: String {
        var buffer = TextBuffer()
        write(to: &buffer, indent: nil)
        return buffer.text
    }

    /// The value pretty-printed with two-space indentation, ending in a newline.
    var prettyBytes: [UInt8] {
        var buffer = TextBuffer(capacity: 1 << 16)
        write(to: &buffer, indent: 0)
        buffer.append(UInt8(ascii: "\n"))
        return buffer.bytes
    }

    /// Writes the value; `indent` is the current depth, or `nil` for compact output.
    func write(to buffer: inout TextBuffer, indent: Int?) {
        switch self {
        case .string(let string):
            buffer.appendJSONString(string, escapingHTML: true)
        case .integer(let integer):
            buffer.append(integer)
        case .null:
            buffer.append("null")
        case .array(let elements):
            buffer.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                Self.separate(index, in: &buffer, indent: indent)
                element.write(to: &buffer, indent: indent.map { $0 + 1 })
            }
            Self.close(UInt8(ascii: "]"), empty: elements.isEmpty, in: &buffer, indent: indent)
        case .object(let members):
            buffer.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                Self.separate(index, in: &buffer, indent: indent)
                buffer.appendJSONString(key, escapingHTML: true)
                buffer.append(indent == nil ? ":" : ": ")
                members[key]!.write(to: &buffer, indent: indent.map { $0 + 1 })
            }
            Self.close(UInt8(ascii: "}"), empty: members.isEmpty, in: &buffer, indent: indent)
        }
    }

    /// Before the member `index` of a container: a comma after the first, and in
    /// pretty form a new line indented one level deeper than the container.
    private static func separate(_ index: Int, in buffer: inout TextBuffer, indent: Int?) {
        if index > 0 { buffer.append(UInt8(ascii: ",")) }
        if let indent { newline(in: &buffer, depth: indent + 1) }
    }

    private static func close(_ bracket: UInt8, empty: Bool, in buffer: inout TextBuffer, indent: Int?) {
        if let indent, !empty { newline(in: &buffer, depth: indent) }
        buffer.append(bracket)
    }

    private static func newline(in buffer: inout TextBuffer, depth: Int) {
        buffer.append(UInt8(ascii: "\n"))
        for _ in 0..<depth { buffer.append("  ") }
    }
}

extension PublishedJSON {
    /// A message the API returns: its text, or `null`.
    static func message(_ value: MessageValue) -> PublishedJSON {
        switch value {
        case .text(let text): .string(text)
        case .null: .null
        }
    }
}
