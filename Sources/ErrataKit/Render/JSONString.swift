/// Writes text as a JSON string literal: quotes, backslashes and control characters
/// escaped, everything else as it is. For JSON that lands inside HTML (a script, a
/// file a browser may sniff), `escapingHTML` also writes `<`, `>`, `&`, U+2028 and
/// U+2029 as `\uXXXX`, so no message can close a `<script>`.
enum JSONString {
    static func append(_ string: String, to text: inout String, escapingHTML: Bool) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}" where escapingHTML:
                appendEscape(scalar, to: &text)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                appendEscape(scalar, to: &text)
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    static func quoted(_ string: String, escapingHTML: Bool = false) -> String {
        var text = ""
        append(string, to: &text, escapingHTML: escapingHTML)
        return text
    }

    private static func appendEscape(_ scalar: Unicode.Scalar, to text: inout String) {
        let hex = String(scalar.value, radix: 16)
        text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
