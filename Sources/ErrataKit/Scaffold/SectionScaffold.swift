/// Adds the skeleton of a code's section to the docs, where the docs' own order puts
/// it: the engine of `errata new CODE`.
///
/// - **The page**: the first page whose front matter `error_type` is the code's type;
///   else the first page with sections of that type (a page that switches type with
///   `## <Type title>` headings); else the first page with a `## <Type title>` heading
///   for it. When no page documents the type, the scaffold refuses.
/// - **The place**: before the first section of the type whose code sorts after the new
///   one in the docs' alphabetical order (underscores count as spaces, as for
///   `unordered-codes`); else where the type's last section ends — before the next
///   heading of level 1–3, or at the end of the file. On a page with no section of the
///   type yet: at the end of the type heading's group (before the next heading of
///   level 1–2), or, on a page whose front matter names the type, before the first
///   heading that switches to another type, else at the end of the file.
/// - **The text**: exactly one blank line between the new section and its neighbours,
///   written with the page's own line break (that of its first line); every other byte
///   of the page stays as it was. The new page is parsed again before it is handed
///   back, so a section that would not read as one (after a code block left open, say)
///   is refused rather than written.
///
/// The pure part, ``page(for:among:)`` and ``insert(_:into:of:)``, works on text and
/// parsed pages; ``add(_:toPagesIn:)`` reads and writes the content folder.
public struct SectionScaffold: Sendable {
    public var catalog: Catalog
    /// Where the catalog is declared, for the message that says where to add a code.
    public var modelSource: String

    public init(catalog: Catalog, modelSource: String = Checker.builtInModelSource) {
        self.catalog = catalog
        self.modelSource = modelSource
    }
}

public extension SectionScaffold {
    /// A page's text with a new section in it.
    struct Insertion: Sendable, Hashable {
        /// The page's new text.
        public var text: String
        /// The 1-based line of the new `### CODE` heading in ``text``.
        public var line: Int
        /// Where the new text went: a UTF-8 byte offset into the old text.
        public var offset: Int
        /// What was inserted at ``offset``: the section, with the line breaks that
        /// separate it from its neighbours. The old text is ``text`` without it.
        public var insertedText: String
        /// What the model does not know, so the sample leaves it to the writer.
        public var missingFacts: [MissingFact]
    }

    /// A fact about a code the model does not know, and the line of the new page
    /// where the sample needs it.
    struct MissingFact: Sendable, Hashable {
        /// The fact, named by its key in the model file.
        public enum Fact: String, Sendable, Hashable {
            case httpStatus = "http_status"
            case errorMessage = "error_message"
            case displayMessage = "display_message"
        }

        public var fact: Fact
        public var line: Int
    }

    /// The model's entry for `code` and the page its section belongs on.
    ///
    /// Refuses a code the model does not have (with the nearest model code, if one is
    /// close), a code some page already documents (with where), and a code whose type
    /// no page documents.
    func page(for code: String, among pages: [Page]) throws(ScaffoldError) -> (code: ErrorCode, page: Page) {
        guard let errorCode = catalog.code(named: code) else {
            let upperCased = code.uppercased()
            let suggestion = catalog.code(named: upperCased) != nil ? upperCased : catalog.suggestion(for: code)
            throw .unknownCode(code, suggestion: suggestion, modelSource: modelSource)
        }
        for page in pages {
            if let section = page.codeSections.first(where: { $0.code == code }) {
                throw .alreadyDocumented(code, at: section.location)
            }
        }
        let page = pages.first { $0.errorTypeID == errorCode.type }
            ?? pages.first { !sections(ofType: errorCode.type, on: $0).isEmpty }
            ?? pages.first { typeHeading(errorCode.type, on: $0) != nil }
        guard let page else {
            throw .noPage(code: code, typeID: errorCode.type, typeTitle: catalog.type(withID: errorCode.type)?.title)
        }
        return (errorCode, page)
    }

    /// `text`, the text `page` was parsed from (decoded, without a byte-order mark),
    /// with a new section for `code` at its place.
    func insert(_ code: ErrorCode, into text: String, of page: Page) throws(ScaffoldError) -> Insertion {
        let old = Array(text.utf8)
        let oldLines = LineIndex(old)
        let before = insertionLine(for: code, on: page)
        let (offset, leading, trailing) = separators(before: before, in: oldLines)
        let skeleton = SectionSkeleton(of: code)
        let inserted = leading + skeleton.text(lineEnding: oldLines.lineEnding) + trailing
        let new = Array(old[..<offset]) + Array(inserted.utf8) + Array(old[offset...])
        let line = LineIndex(new).line(ofOffset: offset + leading.utf8.count)
        let insertion = Insertion(
            text: String(decoding: new, as: UTF8.self),
            line: line,
            offset: offset,
            insertedText: inserted,
            missingFacts: skeleton.missingFacts.map { MissingFact(fact: $0.fact, line: line + $0.lineIndex) })
        guard readsBack(insertion, of: code, on: page, before: before) else {
            throw .cannotPlace(code.code, at: SourceLocation(file: page.file, line: before ?? oldLines.lastLine ?? 1, column: 1))
        }
        return insertion
    }
}

extension SectionScaffold {
    /// The line the new section goes before, or `nil` for the end of the page.
    func insertionLine(for code: ErrorCode, on page: Page) -> Int? {
        let headings = headingLines(of: page)
        func nextHeading(after line: Int, upToLevel level: Int) -> Int? {
            headings.first { $0.line > line && $0.level <= level }?.line
        }
        let ofType = sections(ofType: code.type, on: page)
        if let last = ofType.last {
            let key = code.code.alphabeticalKey
            if let following = ofType.first(where: { $0.code.alphabeticalKey > key }) {
                return following.location.line
            }
            return nextHeading(after: last.location.line, upToLevel: 3)
        }
        if let heading = typeHeading(code.type, on: page) {
            return nextHeading(after: heading.location.line, upToLevel: 2)
        }
        return page.blocks.lazy.compactMap { block -> Int? in
            guard case .heading(let heading) = block, let typeID = heading.errorTypeID, typeID != code.type else { return nil }
            return heading.location.line
        }.first
    }

    /// Where the section goes in the text, given the line it goes before (`nil`: the
    /// end), and the line breaks around it that leave one blank line on each side.
    private func separators(before line: Int?, in lines: LineIndex) -> (offset: Int, leading: String, trailing: String) {
        let lineEnding = lines.lineEnding
        if let line, let start = lines.start(ofLine: line) {
            let needsBlank = line > 1 && !lines.isBlank(line: line - 1)
            return (start, needsBlank ? lineEnding : "", lineEnding)
        }
        guard let last = lines.lastLine else { return (0, "", "") }
        let leading = switch (lines.endsWithLineBreak, lines.isBlank(line: last)) {
        case (true, true): ""
        case (true, false), (false, true): lineEnding
        case (false, false): lineEnding + lineEnding
        }
        return (lines.byteCount, leading, "")
    }

    /// Whether the new page reads back with the section as a section of its type,
    /// between the same codes as planned: nothing above it, such as a code block left
    /// open, swallows it.
    private func readsBack(_ insertion: Insertion, of code: ErrorCode, on page: Page, before line: Int?) -> Bool {
        let codes = page.codeSections.map(\.code)
        let codesBefore = line.map { line in page.codeSections.prefix { $0.location.line < line }.count } ?? codes.count
        let (reread, _) = PageParser(catalog: catalog).parse(insertion.text, file: page.file, contentPath: page.contentPath)
        guard let added = reread.codeSections.first(where: { $0.code == code.code }) else { return false }
        return reread.codeSections.map(\.code) == codes[..<codesBefore] + [code.code] + codes[codesBefore...]
            && added.location.line == insertion.line
            && (added.contextTypeID ?? code.type) == code.type
    }

    /// The page's code sections of a type: those under the type (by front matter or
    /// type heading), or, where no type is in force, those the model gives the type —
    /// as the checker reads them.
    func sections(ofType typeID: String, on page: Page) -> [CodeSection] {
        page.codeSections.filter { ($0.contextTypeID ?? catalog.code(named: $0.code)?.type) == typeID }
    }

    /// The page's first `## <Type title>` heading for a type.
    func typeHeading(_ typeID: String, on page: Page) -> Heading? {
        page.blocks.lazy.compactMap { block -> Heading? in
            guard case .heading(let heading) = block, heading.errorTypeID == typeID else { return nil }
            return heading
        }.first
    }

    /// The level and line of each heading the page lists, code sections included, in order.
    private func headingLines(of page: Page) -> [(level: Int, line: Int)] {
        page.blocks.compactMap { block in
            switch block {
            case .heading(let heading): (heading.level, heading.location.line)
            case .code(let section): (3, section.location.line)
            case .html: nil
            }
        }
    }
}
