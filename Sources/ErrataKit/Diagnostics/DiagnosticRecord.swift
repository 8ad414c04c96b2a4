/// A diagnostic as JSON writes it: `{"file", "line", "column", "severity", "rule",
/// "message"}`. `errata check --format json` and the preview's overlay share it.
public struct DiagnosticRecord: Codable, Sendable, Hashable {
    public var file: String
    public var line: Int
    public var column: Int
    public var severity: String
    public var rule: String
    public var message: String

    public init(_ diagnostic: Diagnostic) {
        file = diagnostic.location.file
        line = diagnostic.location.line
        column = diagnostic.location.column
        severity = diagnostic.severity.rawValue
        rule = diagnostic.rule.rawValue
        message = diagnostic.message
    }
}
