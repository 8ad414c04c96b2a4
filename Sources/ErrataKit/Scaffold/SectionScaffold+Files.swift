import Foundation

public extension SectionScaffold {
    /// A section added to a page of the content folder.
    struct AddedSection: Sendable, Hashable {
        /// The page's file, as the user names it (`Content/docs/errors/item.md`).
        public var file: String
        public var code: String
        /// The line of the new `### CODE` heading.
        public var line: Int
        public var missingFacts: [MissingFact]
        /// Where the catalog is declared, for the warnings about missing facts.
        public var modelSource: String

        /// `Content/docs/errors/item.md:42: added ### CODE`.
        public var summary: String { "\(file):\(line): added ### \(code)" }

        /// One line for each fact the model does not know, at the line of the sample
        /// that needs it.
        public var warnings: [String] {
            missingFacts.map { missing in
                let what = switch missing.fact {
                case .httpStatus:
                    "the model has no HTTP status for \(code), so the sample says `// http code NNN`; "
                        + "write the status there and add http_status"
                case .errorMessage, .displayMessage:
                    "the model has no \(missing.fact.rawValue) for \(code), so the sample leaves it out; "
                        + "add the \"\(missing.fact.rawValue)\" field here and add \(missing.fact.rawValue)"
                }
                return "\(file):\(missing.line): warning: \(what) to the model in \(modelSource)"
            }
        }
    }

    /// Adds a section for `code` to its page in the content folder, as
    /// ``insert(_:into:of:)`` places it, writing the page in place (see
    /// ``InPlaceInsertion``): the page keeps its mode, owner and hard links, any
    /// byte-order mark, and whatever another program appends to it meanwhile. A page
    /// that changes otherwise between its read and its write is read and placed again,
    /// up to ``writeAttempts`` times.
    ///
    /// Throws ``ScaffoldError`` when it refuses (the folder is left as it was),
    /// ``LoadError`` when the content folder cannot be read and ``WriteError`` when
    /// the page cannot be written: it is read-only, or kept changing.
    func add(_ code: String, toPagesIn content: URL) throws -> AddedSection {
        var changedPage = ""
        for _ in 1...Self.writeAttempts {
            switch try addOnce(code, toPagesIn: content) {
            case .added(let added): return added
            case .changed(let file): changedPage = file
            }
        }
        throw WriteError(
            path: changedPage,
            message: "the page changed while errata new was adding the section, \(Self.writeAttempts) times; nothing "
                + "was added; run errata new again when no other program is writing it")
    }

    /// How many times ``add(_:toPagesIn:)`` reads and places a page that keeps changing.
    static let writeAttempts = 3
}

private extension SectionScaffold {
    /// The pages of the content folder, each with its file.
    func pages(in content: URL) throws -> [(page: Page, file: SourceFile)] {
        let files = try ContentLoader(directory: content, waitsUntilSettled: false).load()
        let parser = PageParser(catalog: catalog)
        return files.compactMap { file in parser.parse(file).page.map { (page: $0, file: file) } }
    }

    enum Attempt {
        case added(AddedSection)
        /// The page (named as the user names it) changed between its read and its
        /// write, so nothing was written.
        case changed(String)
    }

    /// Reads, places and writes once.
    func addOnce(_ code: String, toPagesIn content: URL) throws -> Attempt {
        let parsed = try pages(in: content)
        let (errorCode, page) = try page(for: code, among: parsed.map(\.page))
        guard let file = parsed.first(where: { $0.page.contentPath == page.contentPath })?.file else {
            throw WriteError(path: page.file, message: "the page was not among those read")
        }
        guard file.bytes.count == file.byteCount else {
            throw WriteError(path: file.displayPath, message: "the page is larger than a page may be")
        }
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let keptMark = file.bytes.starts(with: byteOrderMark) ? byteOrderMark : []
        guard let text = String(validating: file.bytes.dropFirst(keptMark.count), as: UTF8.self) else {
            throw WriteError(path: file.displayPath, message: "the page is not UTF-8 text")
        }
        let insertion = try insert(errorCode, into: text, of: page)
        let outcome = try InPlaceInsertion.insert(
            Array(insertion.insertedText.utf8), at: keptMark.count + insertion.offset,
            into: content.appendingPathComponent(file.contentPath).path,
            expecting: file.bytes, displayPath: file.displayPath)
        guard outcome == .inserted else { return .changed(file.displayPath) }
        return .added(AddedSection(
            file: file.displayPath, code: code, line: insertion.line,
            missingFacts: insertion.missingFacts, modelSource: modelSource))
    }
}
