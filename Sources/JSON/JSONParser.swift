// Strict RFC 8259 JSON, with the place of every fault:
// - UTF-8 only (when read from bytes), with no byte order mark;
// - exactly one value, with only whitespace (space, tab, CR, LF) around it;
// - no comments, no trailing commas, no single quotes, no bare words but true/false/null;
// - numbers follow the grammar (no leading zeros, no '+', digits after '.' and 'e')
//   and must fit in a Double;
// - strings hold no raw control characters and only the escapes \" \\ \/ \b \f \n \r \t
//   and \uXXXX, where a surrogate must be half of a pair;
// - no key twice in one object;
// - no nesting deeper than the maximum depth.

/// Reads JSON strictly, keeping the position of every key and value, so that a
/// program can say where a document is broken and point at the fields it is about;
/// Foundation's parser gives neither positions nor duplicate keys.
///
/// It takes the text's bytes, which must be UTF-8 (RFC 8259, section 8.1); what RFC 8259
/// leaves to the implementation it decides as follows, each refusal a ``JSONSyntaxError``
/// at the offending byte:
/// - bytes that are not UTF-8 (overlong forms, encoded surrogates, beyond U+10FFFF,
///   truncated sequences, UTF-16) are refused at the first such byte;
/// - a byte order mark is refused, like any other character outside a value;
/// - a `\u` escape of a lone surrogate is refused: the text could not be a `String`;
/// - a number is kept as written, so integers beyond 64 bits and digits beyond a
///   `Double`'s precision are accepted; a number whose magnitude a `Double` cannot hold
///   (`1e400`) is refused, one that rounds to zero (`1e-400`) is accepted;
/// - a key repeated in one object is refused, naming both places;
/// - arrays and objects may nest `maximumDepth` levels deep (512 unless told).
///
/// Time and memory grow linearly with the input, whatever it holds.
public enum JSONParser {
    /// Parses exactly one JSON value, with optional whitespace around it, from `text`.
    ///
    /// - Parameter maximumDepth: how many arrays and objects may nest; an opening
    ///   bracket past it is an error, so that code walking the tree recursively
    ///   (including `==`, `hash(into:)` and the tree's release) cannot be driven into a
    ///   stack overflow. Keep it in the hundreds.
    /// - Returns: the value and the position of its first character.
    /// - Throws: the first fault in the text, in reading order.
    public static func parse(_ text: String, maximumDepth: Int = 512) throws(JSONSyntaxError) -> (value: JSONValue, position: JSONPosition) {
        let result = JSONTokenizer.withTokenizer(for: text) { tokenizer in
            var reader = JSONReader(tokenizer: tokenizer, maximumDepth: maximumDepth)
            return Result { () throws(JSONSyntaxError) in try reader.read() }
        }
        return try result.get()
    }

    /// Parses exactly one JSON value from the bytes of a UTF-8 text, such as a file's
    /// contents; bytes that are not UTF-8 are an error at the first of them.
    ///
    /// - Parameter maximumDepth: as for parsing a `String`.
    /// - Returns: the value and the position of its first character.
    /// - Throws: the first fault in the text, in reading order; any byte that is not
    ///   UTF-8 comes first.
    public static func parse<Bytes: Collection<UInt8>>(
        bytes: Bytes, maximumDepth: Int = 512
    ) throws(JSONSyntaxError) -> (value: JSONValue, position: JSONPosition) {
        func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<(value: JSONValue, position: JSONPosition), JSONSyntaxError> {
            if let error = UTF8Validation.firstFault(in: buffer) {
                return .failure(error)
            }
            var reader = JSONReader(tokenizer: JSONTokenizer(buffer), maximumDepth: maximumDepth)
            return Result { () throws(JSONSyntaxError) in try reader.read() }
        }
        let result = bytes.withContiguousStorageIfAvailable(parse) ?? Array(bytes).withUnsafeBufferPointer(parse)
        return try result.get()
    }
}

/// The state of one parse: the tokenizer, the stack of open arrays and objects, and
/// the members and elements read so far for all of them.
///
/// The nesting lives in an explicit stack rather than in recursion, so depth costs
/// heap, never the thread's stack. Open containers share two scratch arrays, so a
/// closed container's array is allocated once, at its final size.
private struct JSONReader {
    private var tokenizer: JSONTokenizer
    private let maximumDepth: Int
    private var token: JSONToken
    /// Just past the last byte of the token before `token`.
    private var previousEnd = JSONPosition(line: 1, column: 1)
    private var openContainers: [OpenContainer] = []
    private var pendingMembers: [JSONMember] = []
    private var pendingElements: [JSONElement] = []

    init(tokenizer: JSONTokenizer, maximumDepth: Int) {
        self.tokenizer = tokenizer
        token = self.tokenizer.next()
        self.maximumDepth = maximumDepth
    }

    private var bytes: UnsafeBufferPointer<UInt8> { tokenizer.bytes }

    /// A new array of exactly the slice's elements. (`Array(slice)` of a whole
    /// scratch array shares its buffer, and every later change to the scratch array
    /// then leaves the value holding the scratch array's whole capacity.)
    private static func exactCopy<Element>(of slice: ArraySlice<Element>) -> [Element] {
        var copy: [Element] = []
        copy.reserveCapacity(slice.count)
        copy.append(contentsOf: slice)
        return copy
    }

    private mutating func advance() {
        previousEnd = token.position(at: token.end)
        token = tokenizer.next()
    }

    mutating func read() throws(JSONSyntaxError) -> (value: JSONValue, position: JSONPosition) {
        readingValues: while true {
            // `token` begins a value.
            var value: JSONValue
            var position = token.position
            switch token.kind {
            case .beginObject:
                try checkDepth()
                advance()
                if token.kind == .endObject {
                    value = .object([])
                    advance()
                } else {
                    let (key, keyPosition) = try readKeyAndColon(after: .openingBrace)
                    if pendingMembers.capacity == 0 {
                        pendingMembers.reserveCapacity(16)
                    }
                    openContainers.append(OpenContainer(
                        isObject: true, position: position, firstPending: pendingMembers.count, key: key, keyPosition: keyPosition
                    ))
                    continue readingValues
                }
            case .beginArray:
                try checkDepth()
                advance()
                if token.kind == .endArray {
                    value = .array([])
                    advance()
                } else {
                    if pendingElements.capacity == 0 {
                        pendingElements.reserveCapacity(16)
                    }
                    openContainers.append(OpenContainer(isObject: false, position: position, firstPending: pendingElements.count))
                    continue readingValues
                }
            case .string:
                value = .string(try decodeString(token, contentEnd: token.end - 1))
                advance()
            case .number:
                value = .number(try checkNumber(token))
                advance()
            case .literal:
                switch bytes[token.start] {
                case UInt8(ascii: "t"): value = .bool(true)
                case UInt8(ascii: "f"): value = .bool(false)
                default: value = .null
                }
                advance()
            case .unterminatedString:
                throw unterminated(token)
            case .endObject, .endArray, .colon, .comma, .word, .lineComment, .invalid, .end:
                throw expected("a value", found: token)
            }

            // `value` is complete: hand it to the innermost open container, and close
            // every container that ends right after it.
            while !openContainers.isEmpty {
                let top = openContainers.count - 1
                if openContainers[top].isObject {
                    try appendMember(value: value, at: position, toContainerAt: top)
                    switch token.kind {
                    case .comma:
                        let comma = token
                        advance()
                        if token.kind == .endObject {
                            throw JSONSyntaxError(position: comma.position, message: "trailing comma before '}'")
                        }
                        let (key, keyPosition) = try readKeyAndColon(after: .comma)
                        openContainers[top].key = key
                        openContainers[top].keyPosition = keyPosition
                        continue readingValues
                    case .endObject:
                        advance()
                        let object = openContainers.removeLast()
                        value = .object(Self.exactCopy(of: pendingMembers[object.firstPending...]))
                        pendingMembers.removeSubrange(object.firstPending...)
                        position = object.position
                    case .string, .unterminatedString:
                        throw missingComma()
                    default:
                        throw expected("',' or '}' after object member", found: token)
                    }
                } else {
                    pendingElements.append(JSONElement(value: value, position: position))
                    switch token.kind {
                    case .comma:
                        let comma = token
                        advance()
                        if token.kind == .endArray {
                            throw JSONSyntaxError(position: comma.position, message: "trailing comma before ']'")
                        }
                        continue readingValues
                    case .endArray:
                        advance()
                        let array = openContainers.removeLast()
                        value = .array(Self.exactCopy(of: pendingElements[array.firstPending...]))
                        pendingElements.removeSubrange(array.firstPending...)
                        position = array.position
                    case .string, .unterminatedString, .number, .literal, .beginObject, .beginArray:
                        throw missingComma()
                    default:
                        throw expected("',' or ']' after array element", found: token)
                    }
                }
            }
            guard token.kind == .end else {
                throw JSONSyntaxError(
                    position: token.position,
                    message: "unexpected text after the JSON value: found \(describe(token))\(hint(for: token))"
                )
            }
            return (value, position)
        }
    }

    private func checkDepth() throws(JSONSyntaxError) {
        guard openContainers.count < maximumDepth else {
            throw JSONSyntaxError(
                position: token.position,
                message: "too deeply nested: expected at most \(maximumDepth) levels of arrays and objects, found more"
            )
        }
    }

    /// Adds the member whose key the open object at `index` holds, unless the object
    /// already has that key.
    private mutating func appendMember(
        value: JSONValue, at valuePosition: JSONPosition, toContainerAt index: Int
    ) throws(JSONSyntaxError) {
        let key = openContainers[index].key
        let keyPosition = openContainers[index].keyPosition
        let first = openContainers[index].firstPending
        var firstPosition: JSONPosition?
        if pendingMembers.count - first < OpenContainer.keyIndexThreshold {
            firstPosition = pendingMembers[first...].first { $0.key == key }?.keyPosition
        } else {
            if openContainers[index].keyIndex.isEmpty {
                for member in pendingMembers[first...] {
                    openContainers[index].keyIndex[member.key] = member.keyPosition
                }
            }
            firstPosition = openContainers[index].keyIndex.updateValue(keyPosition, forKey: key)
        }
        if let firstPosition {
            throw JSONSyntaxError(
                position: keyPosition,
                message: "duplicate key \"\(abbreviated(key))\"",
                relatedPosition: firstPosition
            )
        }
        pendingMembers.append(JSONMember(key: key, keyPosition: keyPosition, value: value, valuePosition: valuePosition))
    }

    /// Where a key is read: right after an object's `{`, where `}` may come instead,
    /// or after a `,`.
    private enum KeyPlace {
        case openingBrace, comma
    }

    /// Reads `"key" :` and leaves `token` at the member's value.
    private mutating func readKeyAndColon(after place: KeyPlace) throws(JSONSyntaxError) -> (String, JSONPosition) {
        switch token.kind {
        case .string:
            break
        case .unterminatedString:
            throw unterminated(token)
        default:
            switch place {
            case .openingBrace: throw expected("a string key or '}' after '{'", found: token)
            case .comma: throw expected("a string key after ','", found: token)
            }
        }
        let key = try decodeString(token, contentEnd: token.end - 1)
        let keyPosition = token.position
        advance()
        guard token.kind == .colon else {
            throw expected("':' after object key", found: token)
        }
        advance()
        return (key, keyPosition)
    }

    // MARK: Strings

    /// The text of a string token up to `contentEnd`, with escapes decoded.
    private func decodeString(_ token: JSONToken, contentEnd: Int) throws(JSONSyntaxError) -> String {
        let contentStart = token.start + 1
        if token.isPlainString {
            return String(decoding: tokenizer.bytes(in: contentStart..<contentEnd), as: UTF8.self)
        }
        var index = contentStart
        while index < contentEnd {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                return try decodeEscapedString(token, from: index, contentStart: contentStart, contentEnd: contentEnd)
            }
            if byte < 0x20 {
                throw controlCharacter(byte, at: token.position(at: index))
            }
            index += 1
        }
        return String(decoding: tokenizer.bytes(in: contentStart..<contentEnd), as: UTF8.self)
    }

    private func decodeEscapedString(
        _ token: JSONToken, from firstEscape: Int, contentStart: Int, contentEnd: Int
    ) throws(JSONSyntaxError) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(contentEnd - contentStart)
        decoded.append(contentsOf: tokenizer.bytes(in: contentStart..<firstEscape))
        var index = firstEscape
        while index < contentEnd {
            let byte = bytes[index]
            if byte < 0x20 {
                throw controlCharacter(byte, at: token.position(at: index))
            }
            guard byte == UInt8(ascii: "\\") else {
                decoded.append(byte)
                index += 1
                continue
            }
            // Only an unterminated string can end right after a backslash.
            guard index + 1 < contentEnd else { break }
            let escape = bytes[index + 1]
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"):
                index = try decodeUnicodeEscape(token, at: index, contentEnd: contentEnd, into: &decoded)
                continue
            case 0..<0x20:
                throw controlCharacter(escape, at: token.position(at: index + 1))
            default:
                let character = describeCharacter(at: index + 1)
                let shown = character.hasPrefix("U+") ? "'\\' followed by \(character)" : "'\\\(scalar(at: index + 1))'"
                throw JSONSyntaxError(
                    position: token.position(at: index),
                    message: "invalid escape \(shown) in string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"
                )
            }
            index += 2
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// Decodes `\uXXXX`, or a pair of them for a character beyond the BMP, at `start`;
    /// returns the offset just past it.
    private func decodeUnicodeEscape(
        _ token: JSONToken, at start: Int, contentEnd: Int, into decoded: inout [UInt8]
    ) throws(JSONSyntaxError) -> Int {
        let first = try hexQuad(token, at: start, contentEnd: contentEnd)
        var scalarValue = first
        var end = start + 6
        switch first {
        case 0xD800...0xDBFF:
            let hasLowEscape = end + 1 < contentEnd
                && bytes[end] == UInt8(ascii: "\\") && bytes[end + 1] == UInt8(ascii: "u")
            let second = hasLowEscape ? try hexQuad(token, at: end, contentEnd: contentEnd) : 0
            guard (0xDC00...0xDFFF).contains(second) else {
                throw JSONSyntaxError(
                    position: token.position(at: start),
                    message: "lone surrogate '\(escapeText(start, 6))' in string: expected a low surrogate '\\uDC00'…'\\uDFFF' after it"
                )
            }
            scalarValue = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            end += 6
        case 0xDC00...0xDFFF:
            throw JSONSyntaxError(
                position: token.position(at: start),
                message: "lone surrogate '\(escapeText(start, 6))' in string: expected a high surrogate '\\uD800'…'\\uDBFF' before it"
            )
        default:
            break
        }
        // Every value left is a valid scalar: surrogates were handled above.
        if let scalar = Unicode.Scalar(scalarValue) {
            UTF8.encode(scalar) { decoded.append($0) }
        }
        return end
    }

    /// The four hex digits of the `\uXXXX` escape at `start`.
    private func hexQuad(_ token: JSONToken, at start: Int, contentEnd: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for index in (start + 2)..<(start + 6) {
            let digit: UInt32? = if index < contentEnd {
                switch bytes[index] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(bytes[index] - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(bytes[index] - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(bytes[index] - UInt8(ascii: "A") + 10)
                default: nil
                }
            } else {
                nil
            }
            guard let digit else {
                let found = index < bytes.count ? describeCharacter(at: index) : "end of input"
                throw JSONSyntaxError(
                    position: token.position(at: index),
                    message: "invalid escape '\\u' in string: expected 4 hex digits, found \(found)"
                )
            }
            value = value << 4 | digit
        }
        return value
    }

    private func escapeText(_ start: Int, _ count: Int) -> String {
        String(decoding: tokenizer.bytes(in: start..<(start + count)), as: UTF8.self)
    }

    private func controlCharacter(_ byte: UInt8, at position: JSONPosition) -> JSONSyntaxError {
        let escape = switch byte {
        case 0x08: "\\b"
        case 0x09: "\\t"
        case 0x0A: "\\n"
        case 0x0C: "\\f"
        case 0x0D: "\\r"
        default: "\\u" + hex4(UInt32(byte))
        }
        return JSONSyntaxError(
            position: position,
            message: "control character U+\(hex4(UInt32(byte))) in string: escape it as \(escape)"
        )
    }

    /// The error for a string the tokenizer stopped at a line break or at the end.
    private func unterminated(_ token: JSONToken) -> JSONSyntaxError {
        // A fault inside the string comes first in reading order.
        do {
            _ = try decodeString(token, contentEnd: token.end)
        } catch {
            return error
        }
        if token.end < bytes.count {
            return controlCharacter(bytes[token.end], at: token.position(at: token.end))
        }
        return JSONSyntaxError(
            position: token.position,
            message: "unterminated string: expected a closing '\"' before the end of input"
        )
    }

    // MARK: Numbers

    /// The lexeme of a number token, after checking it against the JSON grammar and
    /// that a Double can hold it.
    private func checkNumber(_ token: JSONToken) throws(JSONSyntaxError) -> String {
        let start = token.start
        let end = token.end
        var index = start
        func isDigit(_ index: Int) -> Bool {
            index < end && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
        }
        func fault(_ expectation: String, at index: Int) -> JSONSyntaxError {
            let position = token.position(at: index)
            if index >= bytes.count {
                return JSONSyntaxError(position: position, message: "unexpected end of input: expected \(expectation)")
            }
            return JSONSyntaxError(position: position, message: "expected \(expectation), found \(describeCharacter(at: index))")
        }
        var hasExponent = false
        if bytes[index] == UInt8(ascii: "-") {
            index += 1
        }
        guard isDigit(index) else {
            throw fault("a digit after '-' in number", at: index)
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) {
                throw JSONSyntaxError(
                    position: token.position(at: index - 1),
                    message: "leading zero in number '\(abbreviated(start, end))': expected '.', 'e' or the end of the number after '0'"
                )
            }
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < end && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else {
                throw fault("a digit after '.' in number", at: index)
            }
            while isDigit(index) { index += 1 }
        }
        if index < end && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            hasExponent = true
            index += 1
            if index < end && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard isDigit(index) else {
                throw fault("a digit in the exponent of number", at: index)
            }
            while isDigit(index) { index += 1 }
        }
        if index < end {
            throw JSONSyntaxError(
                position: token.position(at: index),
                message: "expected the end of number '\(abbreviated(start, index))', found \(describeCharacter(at: index))"
            )
        }
        let lexeme = String(decoding: tokenizer.bytes(in: start..<end), as: UTF8.self)
        // Fewer than 300 digits without an exponent always fit in a Double.
        if hasExponent || end - start >= 300 {
            if let double = Double(lexeme), !double.isFinite {
                throw JSONSyntaxError(position: token.position, message: "number \(abbreviated(start, end)) is out of range")
            }
        }
        return lexeme
    }

    // MARK: Messages

    /// A value follows the last one with no comma between: point at where the comma
    /// belongs, the end of the last value, rather than at what follows it.
    private func missingComma() -> JSONSyntaxError {
        var error = JSONSyntaxError(position: previousEnd, message: JSONSyntaxError.missingCommaMessage(line: previousEnd.line))
        error.namedLine = previousEnd
        return error
    }

    private func expected(_ expectation: String, found token: JSONToken) -> JSONSyntaxError {
        if token.kind == .end {
            return JSONSyntaxError(position: token.position, message: "unexpected end of input: expected \(expectation)")
        }
        return JSONSyntaxError(
            position: token.position,
            message: "expected \(expectation), found \(describe(token))\(hint(for: token))"
        )
    }

    /// The token as a message names it: `'}'`, `'"'`, `'True'`, `'//'`.
    private func describe(_ token: JSONToken) -> String {
        switch token.kind {
        case .string, .unterminatedString:
            "'\"'"
        case .number, .literal, .word:
            "'\(abbreviated(token.start, token.end))'"
        case .lineComment:
            "'//'"
        case .invalid, .beginObject, .endObject, .beginArray, .endArray, .colon, .comma:
            describeCharacter(at: token.start)
        case .end:
            "end of input"
        }
    }

    /// Advice for a mistake often carried over from JavaScript or Python.
    private func hint(for token: JSONToken) -> String {
        switch token.kind {
        case .lineComment:
            return ": JSON has no comments"
        case .invalid where bytes[token.start] == UInt8(ascii: "'"):
            return ": JSON strings use double quotes"
        case .invalid where bytes[token.start] == UInt8(ascii: "/"):
            return ": JSON has no comments"
        case .invalid where scalar(at: token.start) == "\u{FEFF}":
            return ": remove the byte order mark"
        case .word:
            let word = String(decoding: tokenizer.bytes(in: token.start..<token.end), as: UTF8.self)
            if ["true", "false", "null"].contains(word.lowercased()) {
                return ": write '\(word.lowercased())' in lower case"
            }
            return ""
        default:
            return ""
        }
    }

    /// The character at `offset`, quoted for a message: `'x'`, `"'"`, or `U+00A0`
    /// for one that would not show.
    private func describeCharacter(at offset: Int) -> String {
        let scalar = scalar(at: offset)
        let visible = scalar.value > 0x20 && scalar.value != 0x7F
            && !scalar.properties.isWhitespace && scalar.properties.generalCategory != .format
        guard visible else {
            return "U+" + hex4(scalar.value)
        }
        return scalar == "'" ? "\"'\"" : "'\(scalar)'"
    }

    /// The Unicode scalar that starts at `offset`, which must not be a continuation byte.
    private func scalar(at offset: Int) -> Unicode.Scalar {
        var end = offset + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 {
            end += 1
        }
        return String(decoding: tokenizer.bytes(in: offset..<end), as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
    }

    /// `key`, cut to 20 characters for a message.
    private func abbreviated(_ key: String) -> String {
        key.count > 20 ? String(key.prefix(20)) + "…" : key
    }

    /// The bytes in `start..<end` as text, cut to about 20 characters for a message.
    private func abbreviated(_ start: Int, _ end: Int) -> String {
        let limit = 20
        guard end - start > limit else {
            return String(decoding: tokenizer.bytes(in: start..<end), as: UTF8.self)
        }
        var cut = start + limit
        while bytes[cut] & 0xC0 == 0x80 {
            cut -= 1
        }
        return String(decoding: tokenizer.bytes(in: start..<cut), as: UTF8.self) + "…"
    }

    private func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// An array or object whose closing bracket has not been read yet.
private struct OpenContainer {
    /// Objects with this many members find a duplicate key through an index
    /// rather than by scanning.
    static let keyIndexThreshold = 12

    var isObject: Bool
    /// The position of the opening bracket.
    var position: JSONPosition
    /// The index of its first member or element in the reader's scratch arrays.
    var firstPending: Int
    /// For an object, the key whose value is being read.
    var key = ""
    var keyPosition = JSONPosition(line: 0, column: 0)
    /// For a large object, the position of each key so far.
    var keyIndex: [String: JSONPosition] = [:]
}
