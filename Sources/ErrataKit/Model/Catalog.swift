import Foundation

/// The error model: every error type and code the API has. It is the single source
/// of truth the docs are checked against, in both directions.
///
/// The built-in catalog is ``Catalog/concentrix``; ``Catalog/load(from:)`` reads
/// another from its JSON file form (`{"types": [...], "codes": [...]}`), which
/// ``Catalog/jsonData()`` writes.
public struct Catalog: Sendable, Hashable {
    /// The error types, in the order the docs present them.
    public let types: [ErrorType]
    /// The error codes, in the order they were declared.
    public let codes: [ErrorCode]

    /// Where a model file declares each code (its `code` value), in the order of
    /// ``codes``; empty for a catalog that does not come from a file. Not part of the
    /// catalog's identity: two catalogs with the same types and codes are equal.
    public internal(set) var codeLocations: [SourceLocation] = []

    private let typeIndex: [String: Int]
    private let codeIndex: [String: Int]

    /// Creates a catalog. When an identifier repeats, the first declaration wins;
    /// ``problems`` names the repeats so a file catalog can be refused.
    public init(types: [ErrorType], codes: [ErrorCode]) {
        self.types = types
        self.codes = codes
        typeIndex = Dictionary(types.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        codeIndex = Dictionary(codes.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public static func == (lhs: Catalog, rhs: Catalog) -> Bool {
        lhs.types == rhs.types && lhs.codes == rhs.codes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(types)
        hasher.combine(codes)
    }

    /// Where the code named `code` is declared: its place in the model file, or the
    /// start of `modelSource` when the catalog does not come from a file.
    public func location(ofCode code: String, in modelSource: String) -> SourceLocation {
        codeIndex[code].flatMap { codeLocations.indices.contains($0) ? codeLocations[$0] : nil }
            ?? SourceLocation(file: modelSource, line: 1, column: 1)
    }

    /// The type with the identifier `id` (`ITEM_ERROR`).
    public func type(withID id: String) -> ErrorType? {
        typeIndex[id].map { types[$0] }
    }

    /// The type whose title is `title`, ignoring case ("Invalid Request errors").
    public func type(titled title: String) -> ErrorType? {
        let wanted = title.trimmed.lowercased()
        return types.first { $0.title.lowercased() == wanted }
    }

    /// The code named `code` (`ACCESS_NOT_GRANTED`).
    public func code(named code: String) -> ErrorCode? {
        codeIndex[code].map { codes[$0] }
    }

    /// The codes of one type, in alphabetical order.
    public func codes(ofType typeID: String) -> [ErrorCode] {
        codes.filter { $0.type == typeID }.sorted { $0.code < $1.code }
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
        for (index, code) in codes.enumerated() where typeIndex[code.type] == nil {
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

// MARK: - File form

extension Catalog: Encodable {
    enum CodingKeys: String, CodingKey, CaseIterable { case types, codes }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(types, forKey: .types)
        try container.encode(codes, forKey: .codes)
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

    /// The catalog in its JSON file form: pretty-printed, keys sorted, so the output
    /// is stable and diffs well.
    func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and nulls cannot fail.
        return (try? encoder.encode(self)) ?? Data()
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
