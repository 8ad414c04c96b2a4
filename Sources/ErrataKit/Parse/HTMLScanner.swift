/// Reads the tags and text of raw HTML that writers put in Markdown (an overview
/// table, an anchor), with the line and byte column of each, so the checker can
/// point into it. It tokenises; it does not build a tree or repair bad HTML.
struct HTMLScanner {
    /// One piece of the HTML.
    enum Token: Equatable {
        case startTag(name: String, attributes: [Attribute], position: TextPosition)
        case endTag(name: String, position: TextPosition)
        case text(String, position: TextPosition)
    }

    struct Attribute: Equatable {
        var name: String
        var value: String
        /// Where the value starts (after its opening quote).
        var position: TextPosition
    }

    /// The tokens of `html`; comments, doctypes and processing instructions are skipped.
    static func tokens(of html: String) -> [Token] {
        var tokens: [Token] = []
        forEachToken(of: html) { token in
            tokens.append(token)
            return true
        }
        return tokens
    }

    /// Hands the ``tokens(of:)`` of `html` to `body` in order, until it returns false:
    /// what follows is not scanned.
    static func forEachToken(of html: String, _ body: (Token) -> Bool) {
        var scanner = Cursor(bytes: Array(html.utf8))
        var textStart: (Int, TextPosition)?
        func flushText(upTo end: Int) -> Bool {
            guard let (start, position) = textStart else { return true }
            textStart = nil
            let bytes = scanner.bytes[start..<end]
            // Bytes when ASCII, whose whitespace is tab to carriage return and space.
            let isASCII = bytes.allSatisfy { $0 < 0x80 }
            if isASCII, bytes.allSatisfy({ $0 == 0x20 || (0x09...0x0D).contains($0) }) { return true }
            let text = String(decoding: bytes, as: UTF8.self)
            if !isASCII, text.allSatisfy(\.isWhitespace) { return true }
            return body(.text(HTMLEntities.decode(text), position: position))
        }
        while !scanner.atEnd {
            if scanner.peek == UInt8(ascii: "<"), let next = scanner.peek(at: 1),
               next.isASCIILetter || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                guard flushText(upTo: scanner.offset) else { return }
                if let token = scanner.readTag(), !body(token) { return }
            } else {
                if textStart == nil { textStart = (scanner.offset, scanner.position) }
                scanner.advance()
            }
        }
        _ = flushText(upTo: scanner.offset)
    }

    private struct Cursor {
        let bytes: [UInt8]
        var offset = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { offset >= bytes.count }
        var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }
        func peek(at distance: Int) -> UInt8? { offset + distance < bytes.count ? bytes[offset + distance] : nil }
        var position: TextPosition { TextPosition(line: line, column: offset - lineStart + 1) }

        mutating func advance() {
            if bytes[offset] == UInt8(ascii: "\n") {
                line += 1
                lineStart = offset + 1
            }
            offset += 1
        }

        mutating func skip(while predicate: (UInt8) -> Bool) {
            while let byte = peek, predicate(byte) { advance() }
        }

        mutating func skip(past terminator: String) {
            let pattern = Array(terminator.utf8)
            while !atEnd {
                if bytes[offset...].starts(with: pattern) {
                    for _ in pattern { advance() }
                    return
                }
                advance()
            }
        }

        mutating func read(while predicate: (UInt8) -> Bool) -> String {
            let start = offset
            skip(while: predicate)
            return String(decoding: bytes[start..<offset], as: UTF8.self)
        }

        /// Reads from `<` to the end of the tag.
        mutating func readTag() -> Token? {
            let position = self.position
            advance()  // <
            if peek == UInt8(ascii: "!") {
                skip(past: bytes[offset...].starts(with: Array("!--".utf8)) ? "-->" : ">")
                return nil
            }
            if peek == UInt8(ascii: "?") {
                skip(past: ">")
                return nil
            }
            let closing = peek == UInt8(ascii: "/")
            if closing { advance() }
            let name = read { $0.isASCIILetter || $0.isASCIIDigit || $0 == UInt8(ascii: "-") }.lowercased()
            var attributes: [Attribute] = []
            while let byte = peek, byte != UInt8(ascii: ">") {
                if byte.isHTMLSpace || byte == UInt8(ascii: "/") {
                    advance()
                    continue
                }
                let attributeName = read { !$0.isHTMLSpace && $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "/") }
                if attributeName.isEmpty {
                    advance()
                    continue
                }
                skip { $0.isHTMLSpace }
                var value = ""
                var valuePosition = self.position
                if peek == UInt8(ascii: "=") {
                    advance()
                    skip { $0.isHTMLSpace }
                    if let quote = peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        advance()
                        valuePosition = self.position
                        value = read { $0 != quote }
                        if !atEnd { advance() }
                    } else {
                        valuePosition = self.position
                        value = read { !$0.isHTMLSpace && $0 != UInt8(ascii: ">") }
                    }
                }
                attributes.append(Attribute(name: attributeName.lowercased(), value: HTMLEntities.decode(value), position: valuePosition))
            }
            if !atEnd { advance() }  // >
            return closing ? .endTag(name: name, position: position)
                : .startTag(name: name, attributes: attributes, position: position)
        }
    }
}

extension HTMLScanner.Token {
    /// The value of attribute `name` of a start tag.
    func attribute(_ name: String) -> HTMLScanner.Attribute? {
        guard case .startTag(_, let attributes, _) = self else { return nil }
        return attributes.first { $0.name == name }
    }
}

/// The few character references writers use in raw HTML.
enum HTMLEntities {
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        // One pass over the bytes: each `&` that starts one of the entities is read as
        // its character, so `&amp;lt;` is `&lt;`.
        let bytes = Array(text.utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        scanning: while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&") {
                for (entity, character) in entities where bytes[index...].starts(with: entity) {
                    decoded += character
                    index += entity.count
                    continue scanning
                }
            }
            decoded.append(bytes[index])
            index += 1
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static let entities: [(entity: [UInt8], character: [UInt8])] = [
        ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", "\u{A0}"), ("&amp;", "&"),
    ].map { (Array($0.utf8), Array($1.utf8)) }
}

private extension UInt8 {
    var isASCIILetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }
    var isASCIIDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isHTMLSpace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0C || self == 0x0D }
}

import Foundation
