import Foundation
import Markdown

/// A page's Markdown parsed a piece at a time: cut before each `#`, `##` and `###`
/// heading that cmark-gfm reads as a heading of the page itself, each piece parsed by
/// cmark-gfm alone, its blocks kept as Swift values and its tree freed at once. So no
/// more than one section's tree is ever alive, and the preview re-parses only the
/// pieces whose text changed (``PieceCache``).
///
/// The pieces mean what the whole page means, because:
/// - a line that starts a top-level heading closes every block before it, whatever
///   they are, and nothing after it depends on them: cmark-gfm is in the same state
///   after it as at the start of a document. Whether a `###` line *is* such a heading
///   (a fenced code block or an HTML block can hold it, a table may take it as a row)
///   is left to cmark-gfm: each piece is parsed with the heading line that follows it,
///   and the cut is made only if that line comes out as a top-level heading; if not,
///   the piece takes in the next one and is parsed again;
/// - what is page-wide in Markdown, link reference definitions and footnotes, keeps
///   a page with any (a `]:` or a `[^` anywhere) in one piece.
///
/// Lines in the blocks are counted from the piece's first line; ``PageBuilder`` adds
/// the piece's place.
enum MarkdownPieces {
    /// Where a piece may start: a line at column 1 with one to three `#` and then a
    /// space, a tab or the end of the line.
    struct Cut {
        /// The UTF-8 offset of the line's first byte.
        var offset: Int
        /// The line's number in the page, from 1.
        var line: Int
        /// The UTF-8 offset just past the line's end (its line break included).
        var lineEnd: Int
    }

    /// How many times in a row a piece may take in the next one before the rest of
    /// the page is parsed whole (a long fenced block of Markdown examples, say).
    static let mergeLimit = 8

    /// The page's places where a piece may start, the first line always among them.
    /// A page with link reference definitions or footnotes has only the first.
    static func cuts(of markdown: String) -> [Cut] {
        var text = markdown
        return text.withUTF8 { bytes -> [Cut] in
            var cuts = [Cut(offset: 0, line: 1, lineEnd: lineEnd(in: bytes, from: 0))]
            if hasPageWideSyntax(bytes) { return cuts }
            // Without a `\r`, every line ends at the next `\n`, found a word at a time.
            let onlyNewlines = bytes.baseAddress.map { memchr($0, Int32(UInt8(ascii: "\r")), bytes.count) == nil } ?? true
            var offset = 0, line = 1
            while offset < bytes.count {
                let end = onlyNewlines ? newlineEnd(in: bytes, from: offset) : lineEnd(in: bytes, from: offset)
                if offset > 0, startsHeading(bytes, at: offset) {
                    cuts.append(Cut(offset: offset, line: line, lineEnd: end))
                }
                offset = end
                line += 1
            }
            return cuts
        }
    }

    /// The offset past the line break that ends the line at `start` (`\n`, `\r\n` or
    /// `\r`, as cmark-gfm counts lines), or the end.
    private static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"): return index + 1
            case UInt8(ascii: "\r"): return index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") ? index + 2 : index + 1
            default: index += 1
            }
        }
        return bytes.count
    }

    /// ``lineEnd(in:from:)`` in a text without a `\r`.
    private static func newlineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let found = memchr(bytes.baseAddress! + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else {
            return bytes.count
        }
        return UnsafeRawPointer(bytes.baseAddress!).distance(to: UnsafeRawPointer(found)) + 1
    }

    /// Whether the line at `offset` opens an ATX heading of level 1–3 at column 1.
    private static func startsHeading(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        var index = offset
        while index < bytes.count, index - offset < 3, bytes[index] == UInt8(ascii: "#") { index += 1 }
        guard index > offset else { return false }
        guard index < bytes.count else { return true }
        switch bytes[index] {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): return true
        default: return false
        }
    }

    /// Whether the text has `]:` (a link reference definition has one) or `[^` (so
    /// has a footnote).
    private static func hasPageWideSyntax(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        has(UInt8(ascii: "]"), then: UInt8(ascii: ":"), in: bytes) || has(UInt8(ascii: "["), then: UInt8(ascii: "^"), in: bytes)
    }

    /// Whether `second` follows `first` somewhere in `bytes`; the `first`s are found
    /// with `memchr`.
    private static func has(_ first: UInt8, then second: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var start = 0
        while start + 1 < bytes.count, let hit = memchr(base + start, Int32(first), bytes.count - 1 - start) {
            let index = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if bytes[index + 1] == second { return true }
            start = index + 1
        }
        return false
    }
}

/// Which blocks of a page are rendered to HTML.
public enum HTMLRendering: Sendable {
    /// Every block: a page to publish.
    case all
    /// Only the blocks of code sections' descriptions, a few more perhaps: what a
    /// page's code summaries are made of (``CodeSummary``), for a build that keeps only
    /// those and parses the page again to publish it.
    case descriptions
    /// None: a page that is only checked.
    case none
}

/// The blocks of one piece of a page (see ``MarkdownPieces``), lines counted from
/// the piece's first.
struct ParsedPiece: Sendable {
    var blocks: [ParsedBlock]
    /// The first block quote, list item or footnote definition nested deeper than
    /// the limit, if any.
    var tooDeep: (depth: Int, position: SourcePosition)?
    /// The piece's footnotes rendered together (see ``MarkdownDocument/renderFootnotesHTML()``).
    var footnotesHTML: String

    /// Parses `input`: a piece of a page, followed by the heading line that starts the
    /// next piece (at `headingLine` of the input) when there is one. Returns `nil` when
    /// that line is not a top-level heading of the input: the cut is not one, and the
    /// piece must take in the next. `rendering` says which blocks are rendered; the
    /// others' `html` is empty.
    init?(parsing input: String, headingLine: Int?, rendering: HTMLRendering = .all) {
        let document = MarkdownDocument(parsing: input)
        var children = Array(document.root.children)
        if let headingLine {
            guard let last = children.last, last.kind == .heading, last.start.line == headingLine else { return nil }
            children.removeLast()
        }
        tooDeep = PageLimitScanner.firstTooDeep(in: document.root)
        switch rendering {
        case .all, .none:
            blocks = children.map { ParsedBlock($0, rendersHTML: rendering == .all) }
        case .descriptions:
            // A piece starts at the page's start or at a `#`, `##` or `###` heading, so
            // whether a block is in a code's description is known from the headings
            // before it in the piece: after a `###`, before any other heading.
            var inDescription = false
            blocks = children.map { node in
                let isHeading = node.kind == .heading
                if isHeading { inDescription = node.headingLevel == 3 }
                return ParsedBlock(node, rendersHTML: inDescription && !isHeading)
            }
        }
        footnotesHTML = rendering == .all ? document.renderFootnotesHTML() : ""
    }

    /// What cmark-gfm is given for `text` followed by `nextHeading`.
    static func input(_ text: Substring, followedBy nextHeading: Substring?) -> String {
        nextHeading.map { String(text) + $0 } ?? String(text)
    }
}

/// One top-level block of a page as Swift values: what ``PageBuilder`` needs of it.
struct ParsedBlock: Sendable {
    enum Kind: Sendable {
        case heading(level: Int, text: String)
        /// A fenced code block whose info string starts with `json`, and its text.
        case jsonFence(text: String)
        /// A raw HTML block, its text, and whether it is only a comment.
        case htmlBlock(text: String, isComment: Bool)
        case footnoteDefinition
        case other
    }

    /// A link or inline HTML inside the block.
    enum Inline: Sendable {
        case link(destination: String, position: SourcePosition)
        case html(text: String, position: SourcePosition)
    }

    var kind: Kind
    var start: SourcePosition
    /// The block rendered by cmark-gfm (empty for a footnote definition, rendered with
    /// the page's footnotes, and when the page is parsed only to be checked).
    var html: String
    /// The links, images and inline HTML of the block, in order.
    var inlines: [Inline]

    init(_ node: MarkdownNode, rendersHTML: Bool = true) {
        start = node.start
        switch node.kind {
        case .heading: kind = .heading(level: node.headingLevel, text: node.plainText.trimmed)
        case .htmlBlock: kind = .htmlBlock(text: node.literal ?? "", isComment: node.isHTMLComment)
        case .footnoteDefinition: kind = .footnoteDefinition
        case .codeBlock where node.isJSONFence: kind = .jsonFence(text: node.literal ?? "")
        default: kind = .other
        }
        if case .footnoteDefinition = kind { html = "" } else { html = rendersHTML ? node.renderHTML() : "" }
        var inlines: [Inline] = []
        let fallback = node.start
        node.walk { child in
            let start = child.start.line > 0 ? child.start : fallback
            switch child.kind {
            case .link, .image:
                if let destination = child.destination { inlines.append(.link(destination: destination, position: start)) }
            case .htmlInline:
                inlines.append(.html(text: child.literal ?? "", position: start))
            default:
                break
            }
        }
        self.inlines = inlines
    }
}

/// Pieces already parsed, by the text cmark-gfm was given: the preview keeps one
/// per page, so an edit re-parses only the pieces it touched.
/// The text is the key byte for byte (``ExactText``): a piece whose text changes only
/// its normalisation is parsed again.
struct PieceCache: Sendable {
    private struct Entry: Sendable {
        var piece: ParsedPiece?
        /// What the page builder made of the piece (see ``PieceOutcome``).
        var outcome: PieceOutcome?
        /// The last parse that asked for it.
        var parse: Int
    }

    private var entries: [ExactText: Entry] = [:]
    /// How many anchors the page had when last parsed: room to make for them at once.
    var anchorCount = 0
    /// The parse under way, counted by ``keepOnlyUsed()``.
    private var parse = 0
    /// The inputs asked for by the last parse, and by this one so far, in order.
    private var lastOrder: [ExactText] = []
    private var order: [ExactText] = []

    /// The piece of `text` followed by `nextHeading` (see ``ParsedPiece/input(_:followedBy:)``
    /// and ``ParsedPiece/init(parsing:headingLine:)``), parsed now or earlier, what the
    /// page builder made of it last time, and its key. The text is first compared with
    /// the input asked for at the same place in the last parse: a page parsed again
    /// after an edit finds its other pieces without making their inputs or hashing them.
    mutating func piece(
        _ text: Substring, followedBy nextHeading: Substring?, headingLine: Int?
    ) -> (piece: ParsedPiece?, outcome: PieceOutcome?, key: ExactText) {
        let place = order.count
        let key = place < lastOrder.count && Self.input(lastOrder[place], is: text, followedBy: nextHeading)
            ? lastOrder[place] : ExactText(ParsedPiece.input(text, followedBy: nextHeading))
        order.append(key)
        let (piece, outcome) = piece(key, headingLine: headingLine)
        return (piece, outcome, key)
    }

    /// The piece of `input` (see ``ParsedPiece/init(parsing:headingLine:)``), parsed
    /// now or earlier, and what the page builder made of it last time.
    private mutating func piece(_ input: ExactText, headingLine: Int?) -> (piece: ParsedPiece?, outcome: PieceOutcome?) {
        if let index = entries.index(forKey: input) {
            entries.values[index].parse = parse
            return (entries.values[index].piece, entries.values[index].outcome)
        }
        let piece = ParsedPiece(parsing: input.text, headingLine: headingLine)
        entries[input] = Entry(piece: piece, outcome: nil, parse: parse)
        return (piece, nil)
    }

    /// Whether `input`'s bytes are those of `text` followed by `nextHeading`.
    private static func input(_ input: ExactText, is text: Substring, followedBy nextHeading: Substring?) -> Bool {
        var whole = input.text, text = text, heading = nextHeading ?? ""
        let count = text.utf8.count
        guard whole.utf8.count == count + heading.utf8.count else { return false }
        return whole.withUTF8 { bytes in
            text.withUTF8 { text in
                heading.withUTF8 { heading in
                    (count == 0 || memcmp(bytes.baseAddress!, text.baseAddress!, count) == 0)
                        && (heading.isEmpty || memcmp(bytes.baseAddress! + count, heading.baseAddress!, heading.count) == 0)
                }
            }
        }
    }

    /// Keeps what the page builder made of the piece of `input`.
    mutating func keep(_ outcome: PieceOutcome, of input: ExactText) {
        entries[input]?.outcome = outcome
    }

    /// Forgets what the page builder made of the pieces, which depends on the model
    /// (the types' titles).
    mutating func forgetOutcomes() {
        for index in entries.indices { entries.values[index].outcome = nil }
    }

    /// How many pieces have an outcome kept.
    var outcomeCount: Int { entries.values.count { $0.outcome != nil } }

    /// Forgets the pieces not asked for since the last call, and ends the parse: the
    /// next one compares its pieces with this one's, place by place.
    mutating func keepOnlyUsed() {
        let unused = entries.compactMap { $0.value.parse == parse ? nil : $0.key }
        for key in unused { entries[key] = nil }
        parse += 1
        (lastOrder, order) = (order, [])
        order.reserveCapacity(lastOrder.count)
    }
}

private extension MarkdownNode {
    /// An HTML block that is only a comment (`<!-- errata-disable … -->`), which
    /// shows nothing and so may stand before a page's `#` title.
    var isHTMLComment: Bool {
        guard kind == .htmlBlock, let text = literal?.trimmed else { return false }
        return text.hasPrefix("<!--") && text.hasSuffix("-->")
    }

    /// A fenced code block whose info string starts with `json`.
    var isJSONFence: Bool {
        guard kind == .codeBlock, isFenced, let info = fenceInfo else { return false }
        return info.split(separator: " ").first?.lowercased() == "json"
    }
}
