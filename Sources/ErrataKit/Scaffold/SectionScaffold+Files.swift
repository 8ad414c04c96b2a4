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
    /// ``insert(_:into:of:)`` places it, and writes the page back atomically: to a
    /// temporary file in the page's folder, then renamed over it, keeping the file's
    /// permissions and any byte-order mark.
    ///
    /// Throws ``ScaffoldError`` when it refuses (the folder is left as it was),
    /// ``LoadError`` when the content folder cannot be read and ``WriteError`` when
    /// the page cannot be written.
    func add(_ code: String, toPagesIn content: URL) throws -> AddedSection {
        let files = try ContentLoader(directory: content).load()
        let parser = PageParser(catalog: catalog)
        let parsed = files.compactMap { file in parser.parse(file).page.map { (page: $0, file: file) } }
        let (errorCode, page) = try page(for: code, among: parsed.map(\.page))
        guard let file = parsed.first(where: { $0.page.contentPath == page.contentPath })?.file else {
            throw WriteError(path: page.file, message: "the page was not among those read")
        }
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let keptMark = file.bytes.starts(with: byteOrderMark) ? byteOrderMark : []
        guard let text = String(validating: file.bytes.dropFirst(keptMark.count), as: UTF8.self) else {
            throw WriteError(path: file.displayPath, message: "the page is not UTF-8 text")
        }
        let insertion = try insert(errorCode, into: text, of: page)
        try Self.replace(
            content.appendingPathComponent(file.contentPath),
            with: keptMark + Array(insertion.text.utf8),
            displayPath: file.displayPath)
        return AddedSection(
            file: file.displayPath, code: code, line: insertion.line,
            missingFacts: insertion.missingFacts, modelSource: modelSource)
    }
}

private extension SectionScaffold {
    /// Replaces a file's bytes in one step: readers see the old file or the new one,
    /// never a half-written one. A symbolic link is followed, not replaced.
    static func replace(_ url: URL, with bytes: [UInt8], displayPath: String) throws(WriteError) {
        let target = url.resolvingSymlinksInPath()
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).errata-\(UUID().uuidString).tmp")
        let manager = FileManager.default
        do {
            let permissions = try manager.attributesOfItem(atPath: target.path)[.posixPermissions]
            try Data(bytes).write(to: temporary, options: .withoutOverwriting)
            if let permissions {
                try manager.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
            }
        } catch {
            try? manager.removeItem(at: temporary)
            throw WriteError(path: displayPath, message: "cannot write the page: \(error.localizedDescription)")
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(at: temporary)
            throw WriteError(path: displayPath, message: "cannot replace the page: \(reason)")
        }
    }
}
