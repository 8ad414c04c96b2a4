/// The description of a page for search engines and link previews
/// (`<meta name="description">`): the front matter's `description`, else the
/// description of the page's error type, else the text of its first paragraph, cut
/// at a word to at most ``limit`` characters.
struct MetaDescription {
    /// The longest description, in characters; search engines show about this many.
    static let limit = 160

    var catalog: Catalog

    func text(of page: Page) -> String {
        if let description = page.frontMatter.description?.trimmed, !description.isEmpty { return description }
        if let typeID = page.errorTypeID, let type = catalog.type(withID: typeID), !type.description.isEmpty {
            return type.description
        }
        return Self.shortened(Self.firstParagraph(of: page) ?? "")
    }

    /// The text of the first paragraph of the page, code sections' descriptions included.
    static func firstParagraph(of page: Page) -> String? {
        for block in page.blocks {
            let html: String
            switch block {
            case .html(let blockHTML): html = blockHTML
            case .code(let section): html = section.descriptionHTML
            case .heading: continue
            }
            if let text = firstParagraph(in: html) { return text }
        }
        return nil
    }

    /// The text of the first non-empty `<p>` element of `html`, its whitespace collapsed.
    static func firstParagraph(in html: String) -> String? {
        if let text = openingPlainParagraph(of: html), !text.isEmpty { return text }
        return scannedFirstParagraph(in: html)
    }

    /// The text of the `<p>` element `html` opens with, when it holds plain text (no
    /// tag, no character reference): what ``scannedFirstParagraph(in:)`` finds there,
    /// without scanning. Most descriptions open so, and a build takes a summary of each.
    static func openingPlainParagraph(of html: String) -> String? {
        var html = html
        return html.withUTF8 { bytes -> String? in
            let open = "<p>".utf8, close = "</p>".utf8
            guard bytes.starts(with: open) else { return nil }
            var end = open.count
            while end < bytes.count, bytes[end] != UInt8(ascii: "<"), bytes[end] != UInt8(ascii: "&") { end += 1 }
            guard bytes[end...].starts(with: close) else { return nil }
            return collapsingWhitespace(UnsafeBufferPointer(rebasing: bytes[open.count..<end]))
        }
    }

    /// ``firstParagraph(in:)``, found by scanning the HTML's tokens.
    static func scannedFirstParagraph(in html: String) -> String? {
        var pieces: [String]?
        var paragraph: String?
        // The HTML after the paragraph is not scanned.
        HTMLScanner.forEachToken(of: html) { token in
            switch token {
            case .startTag(name: "p", _, _):
                pieces = []
            case .endTag(name: "p", _):
                let text = collapsingWhitespace((pieces ?? []).joined())
                if !text.isEmpty {
                    paragraph = text
                    return false
                }
                pieces = nil
            case .text(let text, _):
                pieces?.append(text)
            default:
                break
            }
            return true
        }
        return paragraph
    }

    /// The words of `text` with one space between each two. Byte by byte when the
    /// text is ASCII (where whitespace is tab, line feed, vertical tab, form feed,
    /// carriage return and space), else by characters.
    static func collapsingWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8(collapsingWhitespace)
    }

    /// ``collapsingWhitespace(_:)`` of UTF-8 bytes.
    static func collapsingWhitespace(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            return String(decoding: utf8, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return String(unsafeUninitializedCapacity: utf8.count) { words in
            var count = 0
            var pendingSpace = false
            for byte in utf8 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace {
                        words[count] = 0x20
                        count += 1
                    }
                    pendingSpace = false
                    words[count] = byte
                    count += 1
                }
            }
            return count
        }
    }

    /// `text`, or its words up to ``limit`` characters with an ellipsis.
    static func shortened(_ text: String) -> String {
        // No more bytes than the limit is no more characters.
        guard text.utf8.count > limit, text.count > limit else { return text }
        let room = text.prefix(limit - 1)
        var cut = room.lastIndex(where: \.isWhitespace).map { room[..<$0] } ?? room
        while let last = cut.last, last.isWhitespace || ",;:-–—".contains(last) { cut = cut.dropLast() }
        return cut + "…"
    }
}
