/// One lexical unit of a JSON text: its kind, its byte range and its place.
///
/// Tokens never span lines: whitespace is the only thing that holds a line break,
/// and the tokenizer skips it between tokens.
public struct JSONToken: Sendable, Hashable {
    /// What a token is.
    public enum Kind: UInt8, Sendable, Hashable {
        case beginObject, endObject, beginArray, endArray, colon, comma
        /// `"…"` with its closing quote.
        case string
        /// `"…` cut short by a line break or the end of the input.
        case unterminatedString
        /// A run of the characters a number can hold (`0-9 - + . e E`), not yet
        /// checked against the number grammar.
        case number
        /// `true`, `false` or `null`.
        case literal
        /// Any other run of ASCII letters, digits and underscores, such as `True` or `NaN`.
        case word
        /// `//` up to the end of the line: not JSON, but common in samples.
        case lineComment
        /// A run of characters that begin no token, such as `'` or `#`.
        case invalid
        /// The end of the input.
        case end
    }

    public var kind: Kind
    /// The offset of the token's first byte.
    public var start: Int
    /// The offset just past the token's last byte.
    public var end: Int
    /// The token's 1-based line.
    public var line: Int
    /// The offset of the first byte of the token's line.
    var lineStart: Int
    /// Whether this is a string with no backslash and no control character, whose
    /// bytes between the quotes are therefore its text as is.
    var isPlainString = false

    /// Where the token begins.
    public var position: JSONPosition { position(at: start) }

    /// The place of a byte on the token's line, such as one inside a string.
    public func position(at offset: Int) -> JSONPosition {
        JSONPosition(line: line, column: offset - lineStart + 1)
    }
}

/// Splits a JSON text into tokens, for ``JSONParser`` and for tools that show JSON,
/// such as a syntax highlighter.
///
/// It never fails: text that begins no token becomes an `invalid` token, so a
/// highlighter can show any text and the parser decides what is an error. Runs of
/// non-ASCII bytes always stay whole inside one token, so every token's bytes are
/// valid UTF-8 on their own.
///
/// It reads the text's UTF-8 storage in place; use it only inside ``withTokenizer(for:_:)``.
public struct JSONTokenizer {
    /// The whole text being split.
    public let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var line = 1
    private var lineStart = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Calls `body` with a tokenizer at the start of `text`; the tokenizer must not
    /// outlive `body`, since it points into the text's storage.
    public static func withTokenizer<Output>(for text: String, _ body: (inout JSONTokenizer) -> Output) -> Output {
        var text = text
        return text.withUTF8 { bytes in
            var tokenizer = JSONTokenizer(bytes)
            return body(&tokenizer)
        }
    }

    /// The bytes in `range` of the text, for decoding or copying in one step.
    public func bytes(in range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[range])
    }

    /// Skips whitespace and reads the next token; at the end of the input, returns
    /// an `end` token placed just past the last byte.
    public mutating func next() -> JSONToken {
        skipWhitespace()
        let start = offset
        guard start < bytes.count else {
            return JSONToken(kind: .end, start: start, end: start, line: line, lineStart: lineStart)
        }
        let kind: JSONToken.Kind
        var isPlainString = false
        switch bytes[start] {
        case UInt8(ascii: "{"): kind = .beginObject; offset += 1
        case UInt8(ascii: "}"): kind = .endObject; offset += 1
        case UInt8(ascii: "["): kind = .beginArray; offset += 1
        case UInt8(ascii: "]"): kind = .endArray; offset += 1
        case UInt8(ascii: ":"): kind = .colon; offset += 1
        case UInt8(ascii: ","): kind = .comma; offset += 1
        case UInt8(ascii: "\""): (kind, isPlainString) = scanString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = scanNumber()
        case UInt8(ascii: "/") where start + 1 < bytes.count && bytes[start + 1] == UInt8(ascii: "/"):
            kind = scanLineComment()
        case let byte where Self.isWordStart(byte): kind = scanWord()
        default: kind = scanInvalid()
        }
        return JSONToken(kind: kind, start: start, end: offset, line: line, lineStart: lineStart, isPlainString: isPlainString)
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                offset += 1
            case UInt8(ascii: "\n"):
                offset += 1
                line += 1
                lineStart = offset
            default:
                return
            }
        }
    }

    /// Reads from the opening quote to the closing one, stepping over the byte after
    /// each backslash; stops before a line break, which a JSON string cannot hold.
    private mutating func scanString() -> (JSONToken.Kind, isPlain: Bool) {
        offset += 1
        // Most strings hold no escape and no control character: find their end first.
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return (.string, true)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 {
                break
            }
            offset += 1
        }
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                offset += 1
                return (.string, false)
            case UInt8(ascii: "\n"):
                return (.unterminatedString, false)
            case UInt8(ascii: "\\"):
                offset += 1
                if offset < bytes.count && bytes[offset] != UInt8(ascii: "\n") {
                    offset += 1
                }
            default:
                offset += 1
            }
        }
        return (.unterminatedString, false)
    }

    private mutating func scanNumber() -> JSONToken.Kind {
        offset += 1
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
                 UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                offset += 1
            default:
                return .number
            }
        }
        return .number
    }

    private mutating func scanLineComment() -> JSONToken.Kind {
        while offset < bytes.count && bytes[offset] != UInt8(ascii: "\n") {
            offset += 1
        }
        return .lineComment
    }

    private mutating func scanWord() -> JSONToken.Kind {
        let start = offset
        offset += 1
        while offset < bytes.count && Self.isWordContinuation(bytes[offset]) {
            offset += 1
        }
        return Self.isLiteral(bytes[start..<offset]) ? .literal : .word
    }

    /// Reads up to the next byte that could begin a token or is whitespace; non-ASCII
    /// bytes never begin a token, so a multi-byte character is never split.
    private mutating func scanInvalid() -> JSONToken.Kind {
        offset += 1
        while offset < bytes.count && !Self.beginsTokenOrWhitespace(bytes[offset]) {
            offset += 1
        }
        return .invalid
    }

    private static func isWordStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"): true
        default: false
        }
    }

    private static func isWordContinuation(_ byte: UInt8) -> Bool {
        isWordStart(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func beginsTokenOrWhitespace(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "-"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"):
            true
        default:
            isWordStart(byte)
        }
    }

    private static func isLiteral(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8) || word.elementsEqual("null".utf8)
    }
}
