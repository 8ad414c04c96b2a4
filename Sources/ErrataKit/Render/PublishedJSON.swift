import Mustache

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
            Self.writeArray(count: elements.count, to: &buffer, indent: indent) { elements[$0] }
        case .object(let members):
            Self.writeObject(keys: members.keys, to: &buffer, indent: indent) { key, buffer, indent in
                members[key]!.write(to: &buffer, indent: indent)
            }
        }
    }

    /// A member of a document written by ``writeDocument(_:into:)``: a value, or an array
    /// whose elements are made one at a time as they are written, so that a long list
    /// (every code of a model) is never held whole.
    enum Member {
        case value(PublishedJSON)
        case elements(count: Int, element: (Int) -> PublishedJSON)
    }

    /// An object of `members`, pretty-printed with two-space indentation and ending in
    /// a newline, written into `output` a run of bytes at a time (the runs of a long
    /// list as they fill). False when `output` could not take them.
    static func writeDocument(_ members: [String: Member], into output: TemplateOutput) -> Bool {
        var buffer = TextBuffer(capacity: run + run / 4)
        var handedOn = true
        writeObject(keys: members.keys, to: &buffer, indent: 0) { key, buffer, indent in
            switch members[key]! {
            case .value(let value):
                value.write(to: &buffer, indent: indent)
            case .elements(let count, let element):
                writeArray(count: count, to: &buffer, indent: indent, element: element) { buffer in
                    if handedOn, buffer.bytes.count >= run { handedOn = buffer.handOn(to: output) }
                }
            }
        }
        buffer.append(UInt8(ascii: "\n"))
        return handedOn && buffer.handOn(to: output)
    }

    /// How many bytes of a document gather before they are handed on.
    private static let run = 1 << 18

    /// `written`, when given, is called after each element.
    private static func writeArray(
        count: Int, to buffer: inout TextBuffer, indent: Int?, element: (Int) -> PublishedJSON,
        written: ((inout TextBuffer) -> Void)? = nil
    ) {
        buffer.append(UInt8(ascii: "["))
        for index in 0..<count {
            separate(index, in: &buffer, indent: indent)
            element(index).write(to: &buffer, indent: indent.map { $0 + 1 })
            written?(&buffer)
        }
        close(UInt8(ascii: "]"), empty: count == 0, in: &buffer, indent: indent)
    }

    /// An object whose members are `keys`, sorted; `writeValue` writes the value of each.
    private static func writeObject(
        keys: some Collection<String>, to buffer: inout TextBuffer, indent: Int?,
        writeValue: (String, inout TextBuffer, Int?) -> Void
    ) {
        buffer.append(UInt8(ascii: "{"))
        for (index, key) in keys.sorted().enumerated() {
            separate(index, in: &buffer, indent: indent)
            buffer.appendJSONString(key, escapingHTML: true)
            buffer.append(indent == nil ? ":" : ": ")
            writeValue(key, &buffer, indent.map { $0 + 1 })
        }
        close(UInt8(ascii: "}"), empty: keys.isEmpty, in: &buffer, indent: indent)
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
