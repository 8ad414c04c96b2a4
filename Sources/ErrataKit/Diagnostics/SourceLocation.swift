/// Where a diagnostic points: a file (as the user names it, relative to the working
/// directory), a 1-based line and a 1-based column counted in UTF-8 bytes.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
