import Foundation
import JSON

/// Reads a model file (`--model FILE`) with the project's JSON parser, so that every
/// problem is placed at its line and column. Rules, all `model-file` errors except
/// where noted, each reported and the reading going on to find the others:
/// - the file is strict JSON (see `JSONParser`): the first syntax error, at its
///   place; a repeated key names both places;
/// - the file is an object with `types` and `codes`, each an array of objects;
/// - a type has the strings `id`, `title`, `slug` and `description`;
/// - a code has the strings `code` and `type`, and may have `http_status` (an
///   integer from 100 to 599, or `null` for unknown) and `error_message` and
///   `display_message` (a string, or `null` when the API returns `null`); a key left
///   out means unknown;
/// - no other key anywhere: a typo would otherwise silently mean "unknown", so an
///   unknown key is refused, with the closest known key when one is close;
/// - the catalog is sound (``Catalog/problems``): each repeat at its declaration,
///   naming the first, and each undeclared type at the code's `type`.
public struct CatalogReader: Sendable {
    /// The model file as messages name it.
    public var file: String

    public init(file: String) {
        self.file = file
    }

    /// The catalog the bytes of a model file declare.
    ///
    /// - Throws: every problem of the file, each at its line and column.
    public func read(_ bytes: Data) throws(CatalogError) -> Catalog {
        let root: JSONValue
        let rootPosition: JSONPosition
        do {
            (root, rootPosition) = try JSONParser.parse(bytes: bytes)
        } catch {
            let related = error.relatedPosition.map { " (first at \(location($0)))" } ?? ""
            throw CatalogError(diagnostics: [problem(
                "the model file is not valid JSON: \(error.message)\(related)", at: error.position)])
        }
        var reading = Reading(reader: self)
        let catalog = reading.catalog(root, at: rootPosition)
        if reading.diagnostics.isEmpty, let catalog {
            for finding in catalog.findings {
                reading.diagnostics.append(problem(
                    finding.message + advice(for: finding, in: catalog, reading), at: reading.position(of: finding.subject)))
            }
        }
        guard reading.diagnostics.isEmpty, let catalog else {
            throw CatalogError(diagnostics: reading.diagnostics)
        }
        return catalog
    }

    /// What to do about one of the catalog's own problems.
    private func advice(for finding: Catalog.Finding, in catalog: Catalog, _ reading: Reading) -> String {
        if let first = finding.first {
            return " (first at \(location(reading.position(of: first)))); remove or rename one"
        }
        guard case .codeType(let index) = finding.subject else { return "" }
        let suggestion = catalog.typeSuggestion(for: catalog.codes[index].type).map { " (did you mean \($0)?)" } ?? ""
        return "; fix its \"type\"\(suggestion) or declare the type in \"types\""
    }

    fileprivate func location(_ position: JSONPosition) -> SourceLocation {
        SourceLocation(file: file, line: position.line, column: position.column)
    }

    fileprivate func problem(_ message: String, at position: JSONPosition) -> Diagnostic {
        Diagnostic(.error, .modelFile, message, at: location(position))
    }
}

/// The state of one reading: the problems found so far and where each declaration's
/// identifying values are, to place the catalog's own problems.
private struct Reading {
    let reader: CatalogReader
    var diagnostics: [Diagnostic] = []
    /// Per type: the positions of its `id` and `slug` values.
    var typePositions: [(id: JSONPosition, slug: JSONPosition)] = []
    /// Per code: the positions of its `code` and `type` values.
    var codePositions: [(code: JSONPosition, type: JSONPosition)] = []

    init(reader: CatalogReader) {
        self.reader = reader
    }

    func position(of subject: Catalog.Finding.Subject) -> JSONPosition {
        switch subject {
        case .typeID(let index): typePositions[index].id
        case .typeSlug(let index): typePositions[index].slug
        case .code(let index): codePositions[index].code
        case .codeType(let index): codePositions[index].type
        }
    }

    mutating func report(_ message: String, at position: JSONPosition) {
        diagnostics.append(reader.problem(message, at: position))
    }

    /// The catalog, or `nil` when a problem keeps it from being built.
    mutating func catalog(_ root: JSONValue, at position: JSONPosition) -> Catalog? {
        let keys = Catalog.CodingKeys.allCases.map(\.rawValue)
        guard let members = object(root, at: position, named: "the model file", keys: keys) else { return nil }
        let types = array("types", in: members, of: "the model file", at: position)?.enumerated().compactMap {
            errorType($1, number: $0 + 1)
        }
        let codes = array("codes", in: members, of: "the model file", at: position)?.enumerated().compactMap {
            errorCode($1, number: $0 + 1)
        }
        guard let types, let codes, diagnostics.isEmpty else { return nil }
        var catalog = Catalog(types: types, codes: codes)
        catalog.declarations = codePositions.map { position in
            let location = reader.location(position.code)
            return Catalog.Declaration(file: location.file, line: location.line, column: location.column)
        }
        return catalog
    }

    // MARK: Declarations

    private mutating func errorType(_ element: JSONElement, number: Int) -> ErrorType? {
        let keys = ["id", "title", "slug", "description"]
        let name = element.value[key: "id"]?.value.stringValue.map { "type \($0)" } ?? "type \(number) of \"types\""
        guard let members = object(element.value, at: element.position, named: name, keys: keys) else { return nil }
        let id = string("id", in: members, of: name, at: element.position)
        let title = string("title", in: members, of: name, at: element.position)
        let slug = string("slug", in: members, of: name, at: element.position)
        let description = string("description", in: members, of: name, at: element.position)
        guard let id, let title, let slug, let description else { return nil }
        typePositions.append((id.position, slug.position))
        return ErrorType(id: id.text, title: title.text, slug: slug.text, description: description.text)
    }

    private mutating func errorCode(_ element: JSONElement, number: Int) -> ErrorCode? {
        typealias Key = ErrorCode.CodingKeys
        let keys = Key.allCases.map(\.rawValue)
        let name = element.value[key: Key.code.rawValue]?.value.stringValue.map { "code \($0)" }
            ?? "code \(number) of \"codes\""
        guard let members = object(element.value, at: element.position, named: name, keys: keys) else { return nil }
        let problemsBefore = diagnostics.count
        let code = string(Key.code.rawValue, in: members, of: name, at: element.position)
        let type = string(Key.type.rawValue, in: members, of: name, at: element.position)
        let status = httpStatus(members.first { $0.key == Key.httpStatus.rawValue }, of: name)
        let errorMessage = message(members.first { $0.key == Key.errorMessage.rawValue }, of: name)
        let displayMessage = message(members.first { $0.key == Key.displayMessage.rawValue }, of: name)
        guard let code, let type, diagnostics.count == problemsBefore else { return nil }
        codePositions.append((code.position, type.position))
        return ErrorCode(
            code: code.text, type: type.text, httpStatus: status,
            errorMessage: errorMessage, displayMessage: displayMessage)
    }

    // MARK: Values

    /// The members of an object with only the given keys; reports each other key.
    private mutating func object(_ value: JSONValue, at position: JSONPosition, named name: String, keys: [String]) -> [JSONMember]? {
        guard let members = value.members else {
            report("\(name) must be an object, not \(value.kindName.withArticle)", at: position)
            return nil
        }
        var known = true
        for member in members where !keys.contains(member.key) {
            known = false
            let advice = Catalog.closest(to: member.key, among: keys).map { "did you mean \"\($0)\"?" }
                ?? "the keys are \(keys.map { "\"\($0)\"" }.joined(separator: ", "))"
            report("unknown key \"\(member.key)\" in \(name); \(advice)", at: member.keyPosition)
        }
        return known ? members : nil
    }

    /// The elements of a required array.
    private mutating func array(_ key: String, in members: [JSONMember], of name: String, at position: JSONPosition) -> [JSONElement]? {
        guard let member = required(key, in: members, of: name, at: position) else { return nil }
        guard let elements = member.value.elements else {
            report("\"\(key)\" of \(name) must be an array, not \(member.value.kindName.withArticle)", at: member.valuePosition)
            return nil
        }
        return elements
    }

    /// The text of a required string.
    private mutating func string(_ key: String, in members: [JSONMember], of name: String, at position: JSONPosition) -> (text: String, position: JSONPosition)? {
        guard let member = required(key, in: members, of: name, at: position) else { return nil }
        guard let text = member.value.stringValue else {
            report("\"\(key)\" of \(name) must be a string, not \(member.value.kindName.withArticle)", at: member.valuePosition)
            return nil
        }
        return (text, member.valuePosition)
    }

    private mutating func required(_ key: String, in members: [JSONMember], of name: String, at position: JSONPosition) -> JSONMember? {
        guard let member = members.first(where: { $0.key == key }) else {
            report("\(name) has no \"\(key)\"; add it", at: position)
            return nil
        }
        return member
    }

    /// `http_status`: absent or `null` for unknown, else an integer from 100 to 599;
    /// `nil` for unknown or refused (and reported).
    private mutating func httpStatus(_ member: JSONMember?, of name: String) -> Int? {
        guard let member, !member.value.isNull else { return nil }
        let expected = "\"http_status\" of \(name) must be an integer from 100 to 599 (leave it out when unknown)"
        guard let lexeme = member.value.numberLexeme else {
            report("\(expected), not \(member.value.kindName.withArticle)", at: member.valuePosition)
            return nil
        }
        let isInteger = lexeme.utf8.allSatisfy { $0 == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard isInteger, let status = Int(lexeme), (100...599).contains(status) else {
            let shown = lexeme.count > 24 ? String(lexeme.prefix(24)) + "…" : lexeme
            report("\(expected), not \(shown)", at: member.valuePosition)
            return nil
        }
        return status
    }

    /// A message: absent for unknown, a string, or `null` when the API returns `null`;
    /// `nil` for unknown or refused (and reported).
    private mutating func message(_ member: JSONMember?, of name: String) -> MessageValue? {
        guard let member else { return nil }
        switch member.value {
        case .string(let text): return .text(text)
        case .null: return .null
        default:
            report(
                "\"\(member.key)\" of \(name) must be a string or null (leave it out when unknown), "
                    + "not \(member.value.kindName.withArticle)",
                at: member.valuePosition)
            return nil
        }
    }
}
