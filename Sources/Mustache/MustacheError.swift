/// A template that cannot be parsed or rendered: what is wrong, and where.
///
/// `line` and `column` are 1-based; the column counts UTF-8 bytes, like the
/// positions of cmark-gfm. Both are 0 when the mistake has no place in a template
/// (a template asked for by a name nothing defines).
public struct MustacheError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The template's file as it was given to ``Template/init(_:file:limits:)``.
    public var file: String
    public var line: Int
    public var column: Int
    /// What is wrong and what to do, in one sentence.
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    init(file: String, at position: Template.Position, _ message: String) {
        self.init(file: file, line: position.line, column: position.column, message: message)
    }

    /// A render into a ``TemplateOutput`` that the output stopped taking bytes from.
    static func outputRefused(file: String) -> MustacheError {
        MustacheError(file: file, line: 0, column: 0, message: "the output could not be written")
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): error: \(message)" : "\(file): error: \(message)"
    }
}
