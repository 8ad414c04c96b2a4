import Foundation

/// The error model: every error type and code an API has. It is the single source of
/// truth the docs are checked against, and the API's own code can build its error
/// responses from the same values (``ErrorResponse``).
///
/// Its JSON form (`{"types": [...], "codes": [...]}`, ``jsonData()``) is the model file
/// `errata --model` reads.
public struct Catalog: Sendable, Hashable {
    /// The error types, in the order the docs present them.
    public let types: [ErrorType]
    /// The error codes, in the order they were declared.
    public let codes: [ErrorCode]

    /// Where each code is declared (its `code` value in a model file, say), in the
    /// order of ``codes``; empty when unknown. Not part of the catalog's identity: two
    /// catalogs with the same types and codes are equal.
    public var declarations: [Declaration] = []

    /// A place in a source file: the file as messages name it, a 1-based line and column.
    public struct Declaration: Sendable, Hashable {
        public var file: String
        public var line: Int
        public var column: Int

        public init(file: String, line: Int, column: Int) {
            self.file = file
            self.line = line
            self.column = column
        }
    }

    private let typeIndex: [String: Int]
    private let codeIndex: [String: Int]

    /// Creates a catalog. When an identifier repeats, the first declaration wins (a
    /// checker can name the repeats).
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

    /// The type with the identifier `id` (`ITEM_ERROR`).
    public func type(withID id: String) -> ErrorType? {
        typeIndex[id].map { types[$0] }
    }

    /// The type whose title is `title`, ignoring case and surrounding spaces
    /// ("Invalid Request errors").
    public func type(titled title: String) -> ErrorType? {
        let wanted = title.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return types.first { $0.title.lowercased() == wanted }
    }

    /// The code named `code` (`ACCESS_NOT_GRANTED`).
    public func code(named code: String) -> ErrorCode? {
        codeIndex[code].map { codes[$0] }
    }

    /// Where the code named `code` is declared, when known.
    public func declaration(ofCode code: String) -> Declaration? {
        codeIndex[code].flatMap { declarations.indices.contains($0) ? declarations[$0] : nil }
    }

    /// The codes of one type, in alphabetical order.
    public func codes(ofType typeID: String) -> [ErrorCode] {
        codes.filter { $0.type == typeID }.sorted { $0.code < $1.code }
    }
}

// MARK: - JSON form

extension Catalog: Encodable {
    public enum CodingKeys: String, CodingKey, CaseIterable { case types, codes }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(types, forKey: .types)
        try container.encode(codes, forKey: .codes)
    }
}

public extension Catalog {
    /// The catalog in its JSON form: pretty-printed, keys sorted, so the output is
    /// stable and diffs well.
    func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and nulls cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }
}
