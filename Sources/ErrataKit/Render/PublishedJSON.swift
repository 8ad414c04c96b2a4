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
        var text = ""
        write(to: &text, indent: nil)
        return text
    }

    /// The value pretty-printed with two-space indentation, ending in a newline.
    var prettyText: String {
        var text = ""
        write(to: &text, indent: 0)
        return text + "\n"
    }

    /// Writes the value; `indent` is the current depth, or `nil` for compact output.
    private func write(to text: inout String, indent: Int?) {
        switch self {
        case .string(let string):
            Self.quote(string, into: &text)
        case .integer(let integer):
            text += String(integer)
        case .null:
            text += "null"
        case .array(let elements):
            writeContainer(open: "[", close: "]", elements.map { (nil, $0) }, to: &text, indent: indent)
        case .object(let members):
            writeContainer(open: "{", close: "}", members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, to: &text, indent: indent)
        }
    }

    private func writeContainer(
        open: String, close: String, _ members: [(key: String?, value: PublishedJSON)], to text: inout String, indent: Int?
    ) {
        text += open
        guard !members.isEmpty else {
            text += close
            return
        }
        let inner = indent.map { $0 + 1 }
        for (index, member) in members.enumerated() {
            if index > 0 { text += "," }
            if let inner { text += "\n" + String(repeating: "  ", count: inner) }
            if let key = member.key {
                Self.quote(key, into: &text)
                text += indent == nil ? ":" : ": "
            }
            member.value.write(to: &text, indent: inner)
        }
        if let indent { text += "\n" + String(repeating: "  ", count: indent) }
        text += close
    }

    private static func quote(_ string: String, into text: inout String) {
        JSONString.append(string, to: &text, escapingHTML: true)
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
