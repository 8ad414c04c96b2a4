/// A problem found in the docs, with where it is and how to fix it.
///
/// Stages append diagnostics and keep going; the command sorts and prints them all
/// at the end. Any ``Severity/error`` fails the build.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public var severity: Severity
    /// The rule that found the problem, e.g. `unknown-code`.
    public var rule: RuleID
    /// What is wrong and what to do about it, in one sentence or two.
    public var message: String
    public var location: SourceLocation

    public init(_ severity: Severity, _ rule: RuleID, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.location = location
    }

    /// The compiler-style line: `path:line:column: error: message [rule-id]`, with
    /// control and format characters of the path or message written as `\u{202E}`.
    public var formatted: String {
        "\(location.description.escapingControlCharacters): \(severity.rawValue): "
            + "\(message.escapingControlCharacters) [\(rule.rawValue)]"
    }
}

extension Diagnostic: Comparable {
    /// Diagnostics sort by file, then line, then column, then rule, like a compiler's.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location.file, lhs.location.line, lhs.location.column, lhs.rule.rawValue, lhs.message)
            < (rhs.location.file, rhs.location.line, rhs.location.column, rhs.rule.rawValue, rhs.message)
    }
}

public extension Array where Element == Diagnostic {
    var errorCount: Int { count { $0.severity == .error } }
    var warningCount: Int { count { $0.severity == .warning } }
    var hasErrors: Bool { contains { $0.severity == .error } }
}
