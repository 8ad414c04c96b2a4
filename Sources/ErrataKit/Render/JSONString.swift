/// Writes text as a JSON string literal: quotes, backslashes and control characters
/// escaped, everything else as it is. For JSON that lands inside HTML (a script, a
/// file a browser may sniff), `escapingHTML` also writes `<`, `>`, `&`, U+2028 and
/// U+2029 as `\uXXXX`, so no message can close a `<script>`.
enum JSONString {
    static func quoted(_ string: String, escapingHTML: Bool = false) -> String {
        var buffer = TextBuffer()
        buffer.appendJSONString(string, escapingHTML: escapingHTML)
        return buffer.text
    }
}
