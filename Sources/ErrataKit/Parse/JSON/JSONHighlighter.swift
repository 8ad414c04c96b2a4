// Span classes, one per kind of token:
// - j-key: a string followed, after optional whitespace, by ':';
// - j-str: any other string, even one left unterminated;
// - j-num: a number; j-lit: true, false, null;
// - j-punct: { } [ ] : ,
// - j-comment: a '//' comment up to the end of its line.
// Whitespace and anything else pass through escaped, outside any span.

/// Turns a JSON sample into HTML with a span around each token, so the site can
/// colour samples without running a script in the reader's browser.
///
/// It is lenient where ``JSONParser`` is strict: it accepts any text, including the
/// house style's `// http code 400` first line and broken samples, and never drops a
/// character, so removing the tags and unescaping gives back the input exactly.
public enum JSONHighlighter {
    /// `text` as HTML with spans; never fails, even on invalid JSON. Every `&`, `<`,
    /// `>`, `"` and `'` is escaped, inside spans and out.
    public static func html(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 + 64)
        var tokenizer = JSONTokenizer(bytes)
        var emitted = 0
        var token = tokenizer.next()
        while token.kind != .end {
            let following = tokenizer.next()
            appendEscaped(bytes[emitted..<token.start], to: &output)
            if let spanClass = spanClass(of: token, before: following) {
                output.append(contentsOf: "<span class=\"".utf8)
                output.append(contentsOf: spanClass.utf8)
                output.append(contentsOf: "\">".utf8)
                appendEscaped(bytes[token.start..<token.end], to: &output)
                output.append(contentsOf: "</span>".utf8)
            } else {
                appendEscaped(bytes[token.start..<token.end], to: &output)
            }
            emitted = token.end
            token = following
        }
        appendEscaped(bytes[emitted...], to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func spanClass(of token: JSONToken, before following: JSONToken) -> String? {
        switch token.kind {
        case .string, .unterminatedString: following.kind == .colon ? "j-key" : "j-str"
        case .number: "j-num"
        case .literal: "j-lit"
        case .beginObject, .endObject, .beginArray, .endArray, .colon, .comma: "j-punct"
        case .lineComment: "j-comment"
        case .word, .invalid, .end: nil
        }
    }

    private static func appendEscaped(_ bytes: ArraySlice<UInt8>, to output: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): output.append(contentsOf: "&#39;".utf8)
            default: output.append(byte)
            }
        }
    }
}
