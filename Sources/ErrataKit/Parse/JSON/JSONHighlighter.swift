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
        JSONTokenizer.withTokenizer(for: text) { tokenizer in
            var output: [UInt8] = []
            output.reserveCapacity(tokenizer.bytes.count * 4 + 64)
            var emitted = 0
            var token = tokenizer.next()
            while token.kind != .end {
                let following = tokenizer.next()
                appendEscaped(tokenizer.bytes(in: emitted..<token.start), to: &output)
                if let spanClass = spanClass(of: token, before: following) {
                    append(spanClass, to: &output)
                    appendEscaped(tokenizer.bytes(in: token.start..<token.end), to: &output)
                    append("</span>", to: &output)
                } else {
                    appendEscaped(tokenizer.bytes(in: token.start..<token.end), to: &output)
                }
                emitted = token.end
                token = following
            }
            appendEscaped(tokenizer.bytes(in: emitted..<tokenizer.bytes.count), to: &output)
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// The opening tag for `token`, or `nil` for text that gets no span.
    private static func spanClass(of token: JSONToken, before following: JSONToken) -> StaticString? {
        switch token.kind {
        case .string, .unterminatedString:
            following.kind == .colon ? #"<span class="j-key">"# : #"<span class="j-str">"#
        case .number: #"<span class="j-num">"#
        case .literal: #"<span class="j-lit">"#
        case .beginObject, .endObject, .beginArray, .endArray, .colon, .comma: #"<span class="j-punct">"#
        case .lineComment: #"<span class="j-comment">"#
        case .word, .invalid, .end: nil
        }
    }

    private static func append(_ markup: StaticString, to output: inout [UInt8]) {
        markup.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    /// Appends `bytes`, copying runs that need no escaping in one step.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        for index in bytes.indices {
            let entity: StaticString
            switch bytes[index] {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&quot;"
            case UInt8(ascii: "'"): entity = "&#39;"
            default: continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            append(entity, to: &output)
            runStart = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
}
