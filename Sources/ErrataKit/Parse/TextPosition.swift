import JSON
import Markdown

/// A position inside a text: a 1-based line and a 1-based column counted in UTF-8
/// bytes, the way cmark-gfm counts columns, so a position inside a fenced block maps
/// onto its Markdown file by adding offsets.
///
/// Lines are split on `\n`; `\r\n` counts as one line break.
public typealias TextPosition = SourcePosition

extension SourcePosition {
    /// The same place as a position the JSON parser reports, which counts the same way.
    init(_ position: JSONPosition) {
        self.init(line: position.line, column: position.column)
    }
}
