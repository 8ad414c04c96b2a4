/// A place in a JSON text: a 1-based line and a 1-based column counted in UTF-8
/// bytes, so a position inside a text embedded in another (a fenced block in a
/// Markdown file, say) maps onto that file by adding offsets.
///
/// Lines are split on `\n`; `\r\n` counts as one line break.
public struct JSONPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: JSONPosition, rhs: JSONPosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}
