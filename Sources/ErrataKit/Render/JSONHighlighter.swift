import JSON

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
/// It is lenient where `JSONParser` is strict: it accepts any text, including the
/// house style's `// http code 400` first line and broken samples, and never drops a
/// character, so removing the tags and unescaping gives back the input exactly.
public enum JSONHighlighter {
    /// `text` as HTML with spans; never fails, even on invalid JSON. Every `&`, `<`,
    /// `>`, `"` and `'` is escaped, inside spans and out.
    public static func html(_ text: String) -> String {
        JSONTokenizer.withTokenizer(for: text) { tokenizer in
            var output = TextBuffer(capacity: tokenizer.bytes.count * 4 + 64)
            var emitted = 0
            var token = tokenizer.next()
            while token.kind != .end {
                let following = tokenizer.next()
                output.appendEscapingHTML(tokenizer.bytes(in: emitted..<token.start))
                if let spanClass = spanClass(of: token, before: following) {
                    output.appendASCII(spanClass)
                    output.appendEscapingHTML(tokenizer.bytes(in: token.start..<token.end))
                    output.appendASCII("</span>")
                } else {
                    output.appendEscapingHTML(tokenizer.bytes(in: token.start..<token.end))
                }
                emitted = token.end
                token = following
            }
            output.appendEscapingHTML(tokenizer.bytes(in: emitted..<tokenizer.bytes.count))
            return output.text
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
}
