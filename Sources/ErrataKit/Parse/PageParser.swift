import Foundation
import Markdown

/// Turns a source file into a ``Page``: decodes it, reads its front matter, parses
/// the Markdown with cmark-gfm and recognises the house style's structure —
/// `## <Type title>` headings, `### CODE` sections, their ```json samples and their
/// `####` sub-sections.
///
/// Parsing reports only what stops a page from being read (bad UTF-8, bad front
/// matter); everything about the page's agreement with the model is the checker's.
public struct PageParser: Sendable {
    public var catalog: Catalog
    /// Whether the Markdown is parsed a section at a time (see ``MarkdownPieces``);
    /// `false` parses each page whole, as the pieces are proved against.
    var parsesInPieces = true
    /// Which blocks are rendered to HTML: all of them, unless the page is only checked
    /// (`errata check`: no rule reads the HTML, and the page then has none) or only its
    /// code summaries are kept (see ``HTMLRendering``).
    public var rendering = HTMLRendering.all
    /// Whether the blocks are rendered to HTML: ``rendering`` is `.all` or `.none`.
    public var rendersHTML: Bool {
        get { rendering != .none }
        set { rendering = newValue ? .all : .none }
    }

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// Parses one file. A file that is not UTF-8, or is over one of the
    /// ``InputLimits``, yields no page, only its diagnostics.
    public func parse(_ file: consuming SourceFile) -> (page: Page?, diagnostics: [Diagnostic]) {
        var noCache: PieceCache?
        return parse(file, cache: &noCache)
    }

    /// Parses one file, taking the pieces of its Markdown that `cache` has from it
    /// and leaving there those it parsed (see ``PieceCache``).
    /// The file's bytes are let go once they are text: a caller that hands the file
    /// over (`consume`) holds one copy of a large page at a time, not three.
    func parse(_ file: consuming SourceFile, cache: inout PieceCache?) -> (page: Page?, diagnostics: [Diagnostic]) {
        if let tooLarge = PageLimitScanner(file: file.displayPath).sizeProblem(of: file) {
            return (nil, [tooLarge])
        }
        let decoded = TextDecoding.decode(file.bytes, file: file.displayPath)
        file.bytes = []
        switch consume decoded {
        case .text(let text, let found):
            let (page, diagnostics) = parsePage(text, file: file.displayPath, contentPath: file.contentPath, cache: &cache)
            return (page, found + diagnostics)
        case .failure(let diagnostic):
            return (nil, [diagnostic])
        }
    }

    /// Parses a page's text. `file` is the path diagnostics show and `contentPath`
    /// the path under the content folder, which sets the page's address. A text over
    /// one of the ``InputLimits`` gives an empty page, with the diagnostics that say why.
    public func parse(_ text: String, file: String, contentPath: String) -> (Page, [Diagnostic]) {
        var noCache: PieceCache?
        let (page, diagnostics) = parsePage(text, file: file, contentPath: contentPath, cache: &noCache)
        if let page { return (page, diagnostics) }
        var empty = PageBuilder(file: file, catalog: catalog, frontMatter: FrontMatter(), source: "")
        return (empty.finish(contentPath: contentPath), diagnostics)
    }

    /// The page of a text, or `nil` when it is over one of the ``InputLimits``: those
    /// are measured before cmark-gfm parses the text, and its nesting before anything
    /// walks the tree cmark-gfm built.
    /// `text` is let go once its Markdown is cut from its front matter.
    private func parsePage(
        _ text: consuming String, file: String, contentPath: String, cache: inout PieceCache?
    ) -> (Page?, [Diagnostic]) {
        let split = FrontMatterReader.split(text)
        let frontMatterOpens = text.hasPrefix("---\n") || text.hasPrefix("---\r\n")
        _ = consume text
        let scanner = PageLimitScanner(file: file)
        let overLimits = scanner.problems(in: split.markdown)
        if !overLimits.isEmpty { return (nil, overLimits) }
        var (frontMatter, diagnostics) = split.yaml.map {
            FrontMatterReader.read($0, firstLine: split.yamlFirstLine, file: file, catalog: catalog)
        } ?? (FrontMatter(), [])
        if split.yaml == nil, frontMatterOpens {
            diagnostics.append(Diagnostic(
                .error, .frontMatter, "front matter is not closed; add a line with --- after its last key",
                at: SourceLocation(file: file, line: 1, column: 1)))
        }
        var builder = PageBuilder(file: file, catalog: catalog, frontMatter: frontMatter, source: split.markdown)
        // Room for the page's anchors: as many as it had when last parsed, else a guess
        // from its size (the house style has a heading about every 300 bytes), so that
        // the set of them grows once at most, not a dozen times.
        builder.anchors.reserveCapacity(max(split.markdown.utf8.count / 256, cache?.anchorCount ?? 0))
        var footnotesHTML = ""
        var tooDeep: Diagnostic?
        let keepsOutcomes = cache != nil
        Self.forEachPiece(of: split.markdown, inPieces: parsesInPieces, rendering: rendering, cache: &cache) {
            piece, firstLine, kept in
            if let (depth, position) = piece.tooDeep {
                tooDeep = scanner.nestingProblem(depth: depth, line: position.line + firstLine - 1, column: position.column)
                return .stop
            }
            builder.lineOffset = firstLine - 1
            // A piece that opens with a heading that closes every section starts the
            // builder afresh but for a few values: what it added is kept, and added
            // again while those values are as they were (see ``PieceOutcome``).
            guard keepsOutcomes, case .heading(let level, _) = piece.blocks.first?.kind, level <= 3 else {
                for block in piece.blocks { builder.add(block) }
                footnotesHTML += piece.footnotesHTML
                return .next
            }
            builder.closeSection()
            if let outcome = kept, builder.replay(outcome) { return .next }
            let mark = builder.mark()
            for block in piece.blocks { builder.add(block) }
            // The next piece opens with a heading that closes the section, so it is
            // closed now, and is in what is kept: a piece added again adds the same
            // section object.
            builder.closeSection()
            footnotesHTML += piece.footnotesHTML
            return .keep(piece.footnotesHTML.isEmpty ? builder.outcome(since: mark) : nil)
        }
        if let tooDeep { return (nil, diagnostics + [tooDeep]) }
        cache?.anchorCount = builder.anchors.inOrder.count
        let page = builder.finish(contentPath: contentPath, footnotesHTML: footnotesHTML)
        return (page, diagnostics)
    }
}

extension PageParser {
    /// What the body of ``forEachPiece(of:inPieces:rendering:cache:_:)`` says after a piece.
    enum PieceStep {
        case next
        /// Go on, keeping in the cache what the page builder made of the piece.
        case keep(PieceOutcome?)
        case stop
    }

    /// Parses the pieces of a page's Markdown one at a time (see ``MarkdownPieces``)
    /// and hands each to `body` with the line it starts on, until `body` says stop.
    /// With a `cache`, pieces parsed before are taken from it (rendered, whatever
    /// `rendering` says), and `body` is given what the page builder made of the piece
    /// last time, if anything.
    static func forEachPiece(
        of markdown: String, inPieces: Bool = true, rendering: HTMLRendering = .all, cache: inout PieceCache?,
        _ body: (ParsedPiece, Int, PieceOutcome?) -> PieceStep
    ) {
        let cuts = inPieces ? MarkdownPieces.cuts(of: markdown) : [MarkdownPieces.Cut(offset: 0, line: 1, lineEnd: 0)]
        let utf8 = markdown.utf8
        func slice(_ from: Int, _ to: Int) -> Substring {
            markdown[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)]
        }
        var first = 0
        while first < cuts.count {
            var next = first + 1, merges = 0
            while true {
                let heading: Substring? = next < cuts.count ? slice(cuts[next].offset, cuts[next].lineEnd) : nil
                let text = slice(cuts[first].offset, next < cuts.count ? cuts[next].offset : utf8.count)
                let headingLine = next < cuts.count ? cuts[next].line - cuts[first].line + 1 : nil
                let parsed: ParsedPiece?, kept: PieceOutcome?, key: ExactText?
                if cache != nil {
                    (parsed, kept, key) = cache!.piece(text, followedBy: heading, headingLine: headingLine)
                } else {
                    let input = ParsedPiece.input(text, followedBy: heading)
                    (parsed, kept, key) = (ParsedPiece(parsing: input, headingLine: headingLine, rendering: rendering), nil, nil)
                }
                if let parsed {
                    switch body(parsed, cuts[first].line, kept) {
                    case .stop: return
                    case .next: break
                    case .keep(let outcome): if let key, let outcome { cache!.keep(outcome, of: key) }
                    }
                    first = next
                    break
                }
                // The heading line is not one of the page: the piece takes in the next.
                merges += 1
                next = merges >= MarkdownPieces.mergeLimit ? cuts.count : next + 1
            }
        }
    }
}

/// Collects a page's blocks as the parser walks the top level of the document.
struct PageBuilder {
    let file: String
    let catalog: Catalog
    let frontMatter: FrontMatter
    /// The Markdown the document was parsed from, and its lines once needed.
    let source: String
    var sourceLines: [Substring] = []

    var blocks: [PageBlock] = []
    var links: [PageLink] = []
    var rawHTML: [RawHTML] = []
    /// The `id`s and `name`s of raw HTML, in the order found (repeats too).
    var htmlAnchors: [String] = []
    /// Disable comments, with the line each sits on; their sections are set at the end.
    var disableComments: [(rules: [String], location: SourceLocation)] = []
    /// The first line of each section of the page: line 1 and each heading of level 1–3.
    var sectionStarts = [1]
    /// The page's title when it comes from a `#` heading, and that heading's place.
    var headingTitle: (text: String, location: SourceLocation)?
    /// Whether a `#` heading met now would be the page's title: there is no title in
    /// the front matter, and nothing but HTML comments comes before it.
    var titleMayFollow: Bool
    var currentType: (id: String, location: SourceLocation)?
    var section: CodeSection.Draft?
    var subsection: Subsection?
    var anchors = AnchorSet()
    /// How many lines of the page come before the piece being added.
    var lineOffset = 0

    init(file: String, catalog: Catalog, frontMatter: FrontMatter, source: String) {
        self.file = file
        self.source = source
        self.catalog = catalog
        self.frontMatter = frontMatter
        self.titleMayFollow = frontMatter.title == nil
        if let (id, line) = frontMatter.errorType {
            currentType = (id, SourceLocation(file: file, line: line, column: 1))
        }
    }

    /// Adds the next top-level block of the page; its lines are counted from
    /// ``lineOffset`` + 1.
    mutating func add(_ block: ParsedBlock) {
        let start = absolute(block.start)
        collectLinks(in: block)
        switch block.kind {
        case .htmlBlock(let text, let isComment):
            readRawHTML(text, at: start)
            if !isComment { titleMayFollow = false }
        case .heading(let level, let text):
            addHeading(level: level, text: text, html: block.html, at: start)
            titleMayFollow = false
            return
        case .footnoteDefinition:
            // cmark-gfm gathers the footnotes at the end of the document; they are
            // rendered there together (see `finish`), numbered once for the page.
            return
        case .jsonFence, .other:
            titleMayFollow = false
        }
        // The sample is highlighted at render time from its text; every other block
        // is rendered by cmark-gfm here, once.
        if subsection != nil {
            subsection?.html += block.html
            subsection?.hasContent = true
        } else if section != nil {
            // Changed in place (not through a copy), so a section of thousands of
            // paragraphs costs linear time.
            if section?.sample == nil, case .jsonFence(let text) = block.kind {
                let sample = Sample(
                    text: text,
                    location: location(of: start),
                    firstLine: start.line + 1,
                    indents: indents(ofBlockAt: start, text: text))
                section?.sample = sample
            } else {
                section?.descriptionHTML += block.html
                section?.hasDescription = true
            }
        } else {
            appendHTML(block.html)
        }
    }

    /// A position of the piece being added as a position in the page.
    private func absolute(_ position: SourcePosition) -> SourcePosition {
        SourcePosition(line: position.line + lineOffset, column: position.column)
    }

    /// Adds rendered HTML to the body, joining it to the HTML block before it.
    private mutating func appendHTML(_ html: String) {
        if case .html(var previous) = blocks.last {
            blocks.removeLast()  // so `previous` is the only owner and grows in place
            previous += html
            blocks.append(.html(previous))
        } else {
            blocks.append(.html(html))
        }
    }

    private mutating func addHeading(level: Int, text: String, html: String, at start: SourcePosition) {
        if level <= 4 { closeSubsection() }
        if level <= 3 {
            closeSection()
            sectionStarts.append(start.line)
        }

        // Any other `#` heading stays where it is written (the checker's
        // `second-title` warns of it): a writer's text is never dropped.
        if level == 1, titleMayFollow {
            headingTitle = (text, location(of: start))
            return
        }
        if level == 3, text.isErrorCode {
            section = CodeSection.Draft(
                code: text,
                location: location(of: start),
                contextTypeID: currentType?.id,
                contextTypeLocation: currentType?.location)
            anchors.claim(text.caseInsensitiveKey)
            return
        }
        if level >= 4, let code = section?.code {
            subsection = Subsection(
                title: text,
                kind: Subsection.Kind(title: text),
                anchor: anchors.claim("\(code.lowercased())-\(text.slug)"),
                html: "",
                location: location(of: start))
            return
        }
        let type = level == 2 ? catalog.type(titled: text) : nil
        if let type {
            currentType = (type.id, location(of: start))
        }
        blocks.append(.heading(Heading(
            level: level,
            text: text,
            html: html.innerHTMLOfHeading(level: level),
            anchor: anchors.claim(type?.slug ?? text.slug),
            errorTypeID: type?.id,
            location: location(of: start),
            textColumn: textColumn(of: text, level: level, at: start))))
    }

    /// Where a heading's text starts on its line, for the checks that point at a
    /// character inside it: those of `###` headings beyond ASCII (see
    /// ``LookalikeHeadings``). Other headings get the heading's own column.
    private mutating func textColumn(of text: String, level: Int, at start: SourcePosition) -> Int {
        guard level == 3, !text.utf8.allSatisfy({ $0 < 0x80 }) else { return start.column }
        return column(of: text, onLine: start.line) ?? start.column
    }

    /// The UTF-8 byte column where `text` first stands on the 1-based `line`, if it
    /// is there as it is (a heading's text is, unless it has inline markup).
    private mutating func column(of text: String, onLine line: Int) -> Int? {
        if sourceLines.isEmpty {
            sourceLines = source.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        }
        guard !text.isEmpty, sourceLines.indices.contains(line - 1) else { return nil }
        let haystack = Array(sourceLines[line - 1].utf8), needle = Array(text.utf8)
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start + 1 }
        }
        return nil
    }

    private mutating func closeSubsection() {
        guard let finished = subsection else { return }
        section?.subsections.append(finished)
        subsection = nil
    }

    mutating func closeSection() {
        closeSubsection()
        guard let finished = section else { return }
        blocks.append(.code(finished.finished))
        section = nil
    }

    /// Reads a raw HTML block: its tags, and errata-disable comments.
    private mutating func readRawHTML(_ text: String, at start: SourcePosition) {
        let html = RawHTML(text: text, location: location(of: start))
        rawHTML.append(html)
        readTags(of: html)
        for (rules, position) in DisableComment.find(in: html.text) {
            disableComments.append((rules, html.fileLocation(position)))
        }
    }

    /// Collects the `href`s (links to check) and the `id`s and `name`s (anchors others
    /// may link to) of raw HTML, a block or an inline tag.
    private mutating func readTags(of html: RawHTML) {
        for token in HTMLScanner.tokens(of: html.text) {
            if let href = token.attribute("href") {
                links.append(PageLink(destination: href.value, location: html.fileLocation(href.position)))
            }
            for name in ["id", "name"] {
                if let anchor = token.attribute(name), !anchor.value.isEmpty {
                    htmlAnchors.append(anchor.value)
                }
            }
        }
    }

    // MARK: - Pieces added again

    /// Where the builder stood before a piece: what the piece adds is what comes after.
    struct Mark {
        var blocks, links, rawHTML, htmlAnchors, disableComments, sectionStarts, anchors, numberedClaims: Int
        var titleMayFollow: Bool
        var currentType: (id: String, location: SourceLocation)?
        var lineOffset: Int
    }

    func mark() -> Mark {
        Mark(
            blocks: blocks.count, links: links.count, rawHTML: rawHTML.count, htmlAnchors: htmlAnchors.count,
            disableComments: disableComments.count, sectionStarts: sectionStarts.count, anchors: anchors.inOrder.count,
            numberedClaims: anchors.numberedClaims,
            titleMayFollow: titleMayFollow, currentType: currentType, lineOffset: lineOffset)
    }

    /// What the builder did with a piece since `mark`, to do again for the same piece in
    /// the same state; `nil` when it cannot be done again that way: the piece could
    /// give the page its title, or an anchor it claimed was taken and got a number.
    func outcome(since mark: Mark) -> PieceOutcome? {
        guard !mark.titleMayFollow, anchors.numberedClaims == mark.numberedClaims else { return nil }
        let claimed = Array(anchors.inOrder[mark.anchors...])
        return PieceOutcome(
            before: mark, blocks: Array(blocks[mark.blocks...]), links: Array(links[mark.links...]),
            rawHTML: Array(rawHTML[mark.rawHTML...]), htmlAnchors: Array(htmlAnchors[mark.htmlAnchors...]),
            disableComments: Array(disableComments[mark.disableComments...]),
            sectionStarts: Array(sectionStarts[mark.sectionStarts...]), anchors: claimed,
            titleMayFollow: titleMayFollow, currentType: currentType, section: section, subsection: subsection)
    }

    /// Does again what `outcome` recorded, if the builder is in the state it was then
    /// (after ``closeSection()``) and none of its anchors is taken. False, changing
    /// nothing, if not: the piece must be added block by block.
    mutating func replay(_ outcome: PieceOutcome) -> Bool {
        let before = outcome.before
        guard before.lineOffset == lineOffset, !titleMayFollow, section == nil, subsection == nil,
              before.currentType?.id == currentType?.id, before.currentType?.location == currentType?.location,
              anchors.claim(all: outcome.anchors)
        else { return false }
        blocks += outcome.blocks
        links += outcome.links
        rawHTML += outcome.rawHTML
        htmlAnchors += outcome.htmlAnchors
        disableComments += outcome.disableComments
        sectionStarts += outcome.sectionStarts
        titleMayFollow = outcome.titleMayFollow
        currentType = outcome.currentType
        (section, subsection) = (outcome.section, outcome.subsection)
        return true
    }

    private mutating func collectLinks(in block: ParsedBlock) {
        for inline in block.inlines {
            switch inline {
            case .link(let destination, let position):
                links.append(PageLink(destination: destination, location: location(of: absolute(position))))
            case .html(let text, let position):
                // An inline tag such as <a href="…"> inside a paragraph.
                readTags(of: RawHTML(text: text, location: location(of: absolute(position))))
            }
        }
    }

    /// How far each line of `text`, a fenced block starting at `start`, is indented in
    /// the file: cmark removes up to the fence's indentation from each line.
    private mutating func indents(ofBlockAt start: SourcePosition, text: String) -> [Int] {
        let fenceIndent = start.column - 1
        guard fenceIndent > 0 else { return [0] }
        let lineCount = text.lineBreakCount
        if sourceLines.isEmpty {
            sourceLines = source.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        }
        return (0..<max(lineCount, 1)).map { offset in
            let index = start.line + offset  // the line after the fence, 0-based
            guard sourceLines.indices.contains(index) else { return fenceIndent }
            let spaces = sourceLines[index].utf8.prefix { $0 == UInt8(ascii: " ") }.count
            return min(fenceIndent, spaces)
        }
    }

    private func location(of position: SourcePosition) -> SourceLocation {
        SourceLocation(file: file, line: position.line, column: position.column)
    }

    /// The page, with `footnotesHTML` (the document's footnotes, rendered together)
    /// at the end of its body.
    mutating func finish(contentPath: String, footnotesHTML: String = "") -> Page {
        closeSection()
        if !footnotesHTML.isEmpty { appendHTML(footnotesHTML) }
        let name = ((contentPath as NSString).lastPathComponent as NSString).deletingPathExtension
        return Page(
            file: file,
            contentPath: contentPath,
            route: Route.of(contentPath: contentPath),
            isSectionIndex: name == "_index" || name == "index",
            frontMatter: frontMatter,
            title: frontMatter.title ?? headingTitle?.text ?? name,
            titleSource: frontMatter.title != nil ? .frontMatter : headingTitle.map { .heading($0.location) } ?? .fileName,
            errorTypeID: frontMatter.errorType?.0,
            blocks: blocks,
            links: links,
            anchors: anchors.all.union(htmlAnchors),
            anchorOrder: anchors.inOrder + Set(htmlAnchors).subtracting(anchors.all).sorted(),
            rawHTML: rawHTML,
            disables: disableComments.map { comment in
                let start = sectionStarts.last { $0 <= comment.location.line } ?? 1
                let end = (sectionStarts.first { $0 > comment.location.line } ?? Int.max) - 1
                return DisableComment(rules: comment.rules, location: comment.location, lines: start...max(start, end))
            })
    }
}

/// What ``PageBuilder`` added for one piece of a page, and the state it was in before
/// and after: the preview adds it again for the same piece in the same state instead
/// of going through its blocks (see ``PieceCache``).
/// A class, so that looking it up copies one reference, not its many arrays.
final class PieceOutcome: Sendable {
    let before: PageBuilder.Mark
    let blocks: [PageBlock]
    let links: [PageLink]
    let rawHTML: [RawHTML]
    let htmlAnchors: [String]
    let disableComments: [(rules: [String], location: SourceLocation)]
    let sectionStarts: [Int]
    let anchors: [String]
    let titleMayFollow: Bool
    let currentType: (id: String, location: SourceLocation)?
    /// The section and sub-section still open at the piece's end.
    let section: CodeSection.Draft?
    let subsection: Subsection?

    init(
        before: PageBuilder.Mark, blocks: [PageBlock], links: [PageLink], rawHTML: [RawHTML], htmlAnchors: [String],
        disableComments: [(rules: [String], location: SourceLocation)], sectionStarts: [Int], anchors: [String],
        titleMayFollow: Bool, currentType: (id: String, location: SourceLocation)?, section: CodeSection.Draft?, subsection: Subsection?
    ) {
        (self.before, self.blocks, self.links, self.rawHTML, self.htmlAnchors) = (before, blocks, links, rawHTML, htmlAnchors)
        (self.disableComments, self.sectionStarts, self.anchors) = (disableComments, sectionStarts, anchors)
        (self.titleMayFollow, self.currentType, self.section, self.subsection) = (titleMayFollow, currentType, section, subsection)
    }
}

/// The anchors already used on a page; a repeat gets a numeric suffix.
struct AnchorSet {
    private var used: Set<String> = []
    /// For an anchor claimed more than once, the suffix to try next: every smaller
    /// one is taken (anchors are never given back), so a page of thousands of equal
    /// headings costs linear time.
    private var nextSuffix: [String: Int] = [:]

    var all: Set<String> { used }
    /// The anchors claimed, in order.
    private(set) var inOrder: [String] = []
    /// How many claims got a number, their anchor being taken.
    private(set) var numberedClaims = 0

    /// Claims every one of `anchors` as it is, if none is taken; else claims none.
    mutating func claim(all anchors: [String]) -> Bool {
        for (index, anchor) in anchors.enumerated() where !used.insert(anchor).inserted {
            for claimed in anchors[..<index] { used.remove(claimed) }
            return false
        }
        inOrder += anchors
        return true
    }

    mutating func reserveCapacity(_ count: Int) {
        used.reserveCapacity(count)
        inOrder.reserveCapacity(count)
    }

    @discardableResult
    mutating func claim(_ anchor: String) -> String {
        // A heading with no text to make an anchor of is a "section".
        let base = anchor.isEmpty ? "section" : anchor
        if used.insert(base).inserted {
            inOrder.append(base)
            return base
        }
        var number = nextSuffix[base, default: 2]
        while !used.insert("\(base)-\(number)").inserted { number += 1 }
        nextSuffix[base] = number + 1
        numberedClaims += 1
        inOrder.append("\(base)-\(number)")
        return "\(base)-\(number)"
    }
}

extension DisableComment {
    /// The rule lists of the `<!-- errata-disable … -->` comments in `html`, with
    /// the position of each comment.
    static func find(in html: String) -> [(rules: [String], position: TextPosition)] {
        guard html.contains("errata-disable") else { return [] }
        var found: [(rules: [String], position: TextPosition)] = []
        var line = 1
        for text in html.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = text[...]
            while let open = rest.range(of: "<!--") {
                guard let close = rest[open.upperBound...].range(of: "-->") else { break }
                let words = rest[open.upperBound..<close.lowerBound]
                    .split { $0 == " " || $0 == "," || $0 == "\t" }
                if words.first == "errata-disable" {
                    let column = text.utf8.distance(from: text.startIndex, to: open.lowerBound) + 1
                    found.append((words.dropFirst().map(String.init), TextPosition(line: line, column: column)))
                }
                rest = rest[close.upperBound...]
            }
            line += 1
        }
        return found
    }
}

/// Page addresses, Hugo's way: `docs/errors/item.md` is published at
/// `docs/errors/item/`, and a folder's `_index.md` at the folder.
public enum Route {
    public static func of(contentPath: String) -> String {
        var components = contentPath.split(separator: "/").map(String.init)
        guard let last = components.popLast() else { return "" }
        let name = (last as NSString).deletingPathExtension
        if name != "_index" && name != "index" { components.append(name) }
        return components.map { $0 + "/" }.joined()
    }

    /// The relative URL that leads from the page at `route` to `target`: a route,
    /// optionally followed by `#anchor` (`item/#access_not_granted` from `docs/errors/`).
    public static func relativeURL(from route: String, to target: String) -> String {
        let from = Array(route.utf8), to = Array(target.utf8)
        let hash = to.firstIndex(of: UInt8(ascii: "#")) ?? to.count
        // The folders both routes share, up to the last `/` they have in common.
        var shared = 0, index = 0
        while index < from.count, index < hash, from[index] == to[index] {
            if from[index] == UInt8(ascii: "/") { shared = index + 1 }
            index += 1
        }
        var url: [UInt8] = []
        for byte in from[shared...] where byte == UInt8(ascii: "/") { url += Array("../".utf8) }
        url += to[shared..<hash]
        if url.isEmpty && hash == to.count { return "./" }
        url += to[hash...]
        return String(decoding: url, as: UTF8.self)
    }
}

extension String {
    /// How many line feeds the text has.
    var lineBreakCount: Int {
        var count = 0
        for byte in utf8 where byte == UInt8(ascii: "\n") { count += 1 }
        return count
    }

    /// Whether the text is an error code: capital letters, digits and underscores,
    /// starting with a letter (`ACCESS_NOT_GRANTED`).
    var isErrorCode: Bool {
        guard let first = utf8.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else { return false }
        return utf8.allSatisfy { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_") }
    }

    /// A heading's anchor: lower case, words joined by hyphens, other punctuation dropped.
    var slug: String {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return unicodeSlug }
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count)
        var pendingHyphen = false
        for byte in utf8 {
            let keep: UInt8
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"): keep = byte
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): keep = byte + 0x20
            case UInt8(ascii: " "), UInt8(ascii: "-"):
                pendingHyphen = true
                continue
            default: continue
            }
            if pendingHyphen, !result.isEmpty { result.append(UInt8(ascii: "-")) }
            pendingHyphen = false
            result.append(keep)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// ``slug`` for text beyond ASCII: letters and digits of every script are kept,
    /// and the anchor is published in NFC, whichever form the heading is written in.
    private var unicodeSlug: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        var pendingHyphen = false
        for scalar in precomposedStringWithCanonicalMapping.unicodeScalars {
            let keep: Unicode.Scalar?
            switch scalar.value {
            case 0x61...0x7A, 0x30...0x39, 0x5F: keep = scalar
            case 0x41...0x5A: keep = Unicode.Scalar(scalar.value + 0x20)
            case 0x20, 0x2D: keep = nil; pendingHyphen = true
            case 0x80...: keep = scalar.properties.isAlphabetic || scalar.properties.numericType != nil ? scalar : nil
            default: keep = nil
            }
            guard let keep else { continue }
            if pendingHyphen, !result.isEmpty { result.append("-") }
            pendingHyphen = false
            if keep.isASCII {
                result.unicodeScalars.append(keep)
            } else {
                result += keep.properties.lowercaseMapping
            }
        }
        return result.precomposedStringWithCanonicalMapping
    }

    /// The inside of cmark's `<hN>…</hN>` rendering.
    func innerHTMLOfHeading(level: Int) -> String {
        var html = Substring(self)
        let open = "<h\(level)>", close = "</h\(level)>"
        if html.hasPrefix(open) { html = html.dropFirst(open.count) }
        while html.last == "\n" { html = html.dropLast() }
        if html.hasSuffix(close) { html = html.dropLast(close.count) }
        return String(html)
    }
}
