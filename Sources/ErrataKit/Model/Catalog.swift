import ErrataModel
import Foundation

/// What Errata adds to the error model: where its codes are declared for messages,
/// what makes it unusable, suggestions for typos, and reading its JSON file form
/// (see ``CatalogReader``). The built-in catalog is ``Catalog/concentrix``.
extension Catalog {
    /// Where the code named `code` is declared: its place in the model file, or the
    /// start of `modelSource` when the catalog does not come from a file.
    public func location(ofCode code: String, in modelSource: String) -> SourceLocation {
        declaration(ofCode: code).map { SourceLocation(file: $0.file, line: $0.line, column: $0.column) }
            ?? SourceLocation(file: modelSource, line: 1, column: 1)
    }

    /// Everything that makes the catalog unusable: repeated identifiers, slugs or
    /// codes, and codes of undeclared types. Empty for a sound catalog.
    public var problems: [String] {
        findings.map(\.message)
    }

    /// One thing that makes the catalog unusable, and the declaration it is about, so
    /// that a model file's reader can place it.
    struct Finding: Sendable, Hashable {
        enum Subject: Sendable, Hashable {
            /// The `id` of the type at this index.
            case typeID(Int)
            /// The `slug` of the type at this index.
            case typeSlug(Int)
            /// The `code` of the code at this index.
            case code(Int)
            /// The `type` of the code at this index.
            case codeType(Int)
        }

        var message: String
        var subject: Subject
        /// For a repeat, the declaration it repeats.
        var first: Subject?
    }

    /// The problems in declaration order of their kind: every repeat after the first
    /// declaration, then every code of an undeclared type.
    internal var findings: [Finding] {
        var findings: [Finding] = []
        for (index, first) in repeats(types.map(\.id)) {
            findings.append(Finding(
                message: "error type \(types[index].id) is declared more than once",
                subject: .typeID(index), first: .typeID(first)))
        }
        for (index, first) in repeats(types.map(\.slug)) {
            findings.append(Finding(
                message: "slug \"\(types[index].slug)\" is used by more than one error type",
                subject: .typeSlug(index), first: .typeSlug(first)))
        }
        for (index, first) in repeats(codes.map(\.code)) {
            findings.append(Finding(
                message: "error code \(codes[index].code) is declared more than once",
                subject: .code(index), first: .code(first)))
        }
        for (index, code) in codes.enumerated() where type(withID: code.type) == nil {
            findings.append(Finding(
                message: "error code \(code.code) has type \(code.type), which the catalog does not declare",
                subject: .codeType(index)))
        }
        return findings
    }

    /// Each value that occurred before, as its index and the index of its first occurrence.
    private func repeats(_ values: [String]) -> [(index: Int, first: Int)] {
        var firstIndex: [String: Int] = [:]
        var result: [(index: Int, first: Int)] = []
        for (index, value) in values.enumerated() {
            if let first = firstIndex[value] {
                result.append((index, first))
            } else {
                firstIndex[value] = index
            }
        }
        return result
    }
}

// MARK: - Suggestions

public extension Catalog {
    /// The declared code closest to `code`, when one is close enough to be a likely
    /// typo (`INVALID_FEILD` → `INVALID_FIELD`).
    func suggestion(for code: String) -> String? {
        Self.closest(to: code, among: codes.map(\.code))
    }

    /// The type identifier closest to `id`, when one is close enough.
    func typeSuggestion(for id: String) -> String? {
        Self.closest(to: id, among: types.map(\.id))
    }

    internal static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word, candidate)
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Levenshtein distance over Unicode scalars.
    internal static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

public extension Catalog {
    /// Reads a catalog from its JSON file form (see ``CatalogReader``) and refuses one
    /// with ``problems``.
    static func load(from url: URL) throws(CatalogError) -> Catalog {
        let file = DisplayPath.of(url)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CatalogError(diagnostics: [Diagnostic(
                .error, .ioError, "cannot read the model file: \(error.localizedDescription)",
                at: SourceLocation(file: file, line: 1, column: 1))])
        }
        return try CatalogReader(file: file).read(data)
    }
}

/// A model file that cannot be used: every problem found in it, in file order.
public struct CatalogError: Error, CustomStringConvertible {
    /// The problems, each at its line and column.
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted()
    }

    /// The model file, as messages name it.
    public var file: String { diagnostics.first?.location.file ?? "" }

    /// The first problem's message.
    public var message: String { diagnostics.first?.message ?? "" }

    /// One `file:line:column: error: message [rule-id]` line per problem.
    public var description: String { diagnostics.map(\.formatted).joined(separator: "\n") }
}
