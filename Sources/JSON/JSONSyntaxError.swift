/// A fault in a JSON text: where it is and what is wrong, as one lower-case sentence
/// naming what was expected and what was found.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The offending byte, or just past the last byte when the input ends too early.
    /// For a missing comma, just past the value the comma should follow.
    public var position: JSONPosition
    /// What is wrong, e.g. `expected ':' after object key, found '1'`, or
    /// ``missingCommaMessage(line:)`` with the line of the text.
    public var message: String
    /// A second place the error involves: for a duplicate key, the first occurrence.
    /// Callers that map positions (into a Markdown file, say) name it in their own terms.
    public var relatedPosition: JSONPosition?

    public init(position: JSONPosition, message: String, relatedPosition: JSONPosition? = nil) {
        self.position = position
        self.message = message
        self.relatedPosition = relatedPosition
    }

    /// The line the message names, for a missing comma: that of the value it follows.
    /// Callers that number lines otherwise (inside a Markdown file, say) rebuild the
    /// message with ``message(numberingLines:)``.
    public var namedLine: JSONPosition?

    /// The message for a comma missing after a value that ends on `line`.
    public static func missingCommaMessage(line: Int) -> String {
        "missing `,` after the value on line \(line)"
    }

    /// ``message``, with the line it names numbered by `lineNumber`.
    public func message(numberingLines lineNumber: (JSONPosition) -> Int) -> String {
        namedLine.map { Self.missingCommaMessage(line: lineNumber($0)) } ?? message
    }

    /// `line:column: message`, with the related position when there is one.
    public var description: String {
        "\(position): \(message)" + (relatedPosition.map { " (first at line \($0.line), column \($0.column))" } ?? "")
    }
}
