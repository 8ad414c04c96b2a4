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
        var problems: [String] = []
        for id in repeated(types.map(\.id)) { problems.append("error type \(id) is declared more than once") }
        for slug in repeated(types.map(\.slug)) { problems.append("slug \"\(slug)\" is used by more than one error type") }
        for code in repeated(codes.map(\.code)) { problems.append("error code \(code) is declared more than once") }
        for code in codes where typeIndex[code.type] == nil {
            problems.append("error code \(code.code) has type \(code.type), which the catalog does not declare")
        }
        return problems
    }

    private func repeated(_ values: [String]) -> [String] {
        var seen = Set<String>(), reported = Set<String>(), result: [String] = []
        for value in values where !seen.insert(value).inserted && reported.insert(value).inserted {
            result.append(value)
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

extension Catalog: Codable {
    enum CodingKeys: String, CodingKey { case types, codes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            types: try container.decode([ErrorType].self, forKey: .types),
            codes: try container.decode([ErrorCode].self, forKey: .codes)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(types, forKey: .types)
        try container.encode(codes, forKey: .codes)
    }
}

public extension Catalog {
    /// Reads a catalog from its JSON file form and refuses one with ``problems``.
    static func load(from url: URL) throws(CatalogError) -> Catalog {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CatalogError(file: url.path, message: "cannot read the model file: \(error.localizedDescription)")
        }
        let catalog: Catalog
        do {
            catalog = try JSONDecoder().decode(Catalog.self, from: data)
        } catch let error as DecodingError {
            throw CatalogError(file: url.path, message: "not a valid model file: \(error.errataDescription)")
        } catch {
            throw CatalogError(file: url.path, message: "not a valid model file: \(error.localizedDescription)")
        }
        if let problem = catalog.problems.first {
            throw CatalogError(file: url.path, message: problem)
        }
        return catalog
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

/// A model file that cannot be used.
public struct CatalogError: Error, CustomStringConvertible {
    public var file: String
    public var message: String

    public var description: String { "\(file): error: \(message)" }
}

extension DecodingError {
    /// A one-line account of a decoding failure, naming the JSON path.
    var errataDescription: String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch self {
        case .keyNotFound(let key, let context):
            return "missing key \"\(key.stringValue)\" at \(path(context.codingPath).isEmpty ? "top level" : path(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(context.debugDescription) at \(path(context.codingPath))"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        @unknown default:
            return "\(self)"
        }
    }
}
