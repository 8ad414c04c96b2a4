/// A fault in a JSON text: where it is and what is wrong, as one lower-case sentence
/// naming what was expected and what was found.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The offending byte, or just past the last byte when the input ends too early.
    public var position: JSONPosition
    /// What is wrong, e.g. `expected ',' or '}' after object member, found '"'`.
    public var message: String
    /// A second place the error involves: for a duplicate key, the first occurrence.
    /// Callers that map positions (into a Markdown file, say) name it in their own terms.
    public var relatedPosition: JSONPosition?

    public init(position: JSONPosition, message: String, relatedPosition: JSONPosition? = nil) {
        self.position = position
        self.message = message
        self.relatedPosition = relatedPosition
    }

    /// `line:column: message`, with the related position when there is one.
    public var description: String {
        "\(position): \(message)" + (relatedPosition.map { " (first at line \($0.line), column \($0.column))" } ?? "")
    }
}
