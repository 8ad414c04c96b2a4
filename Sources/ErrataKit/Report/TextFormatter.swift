/// A report as a compiler prints it: `path:line:column: error: message [rule-id]`
/// per diagnostic, then the summary.
///
/// On a terminal it also quotes each offending source line with a caret under the
/// column and colours the severity, as clang does; otherwise the output is plain.
struct TextFormatter {
    let report: DiagnosticReport
    /// Quote source lines and use ANSI colour.
    let quotesSource: Bool

    func format(sourceLine: (String, Int) -> String?) -> String {
        var lines: [String] = []
        for diagnostic in report.diagnostics {
            guard quotesSource else {
                lines.append(diagnostic.formatted)
                continue
            }
            lines.append(Self.colouredHeader(of: diagnostic))
            let location = diagnostic.location
            if let source = sourceLine(location.file, location.line) {
                let text = Self.withoutLineEnding(source)
                lines.append(Self.printable(text))
                lines.append(Self.caretPadding(in: text, column: location.column) + ANSI.caret + "^" + ANSI.reset)
            }
        }
        lines.append(report.summary)
        return lines.joined(separator: "\n") + "\n"
    }
}

extension TextFormatter {
    /// The whitespace that puts a caret under the 1-based UTF-8 byte `column` of `line`.
    ///
    /// One space per character before the column, and a tab for each tab, so the
    /// caret lines up however the terminal sets its tab stops. A column inside a
    /// character points at that character; one past the end points after the line.
    static func caretPadding(in line: String, column: Int) -> String {
        let bytesBefore = max(column - 1, 0)
        var padding = ""
        var bytes = 0
        for character in line {
            bytes += character.utf8.count
            guard bytes <= bytesBefore else { break }
            padding.append(character == "\t" ? "\t" : " ")
        }
        return padding
    }
}

private extension TextFormatter {
    enum ANSI {
        static let bold = "\u{1B}[1m"
        static let red = "\u{1B}[1;31m"
        static let magenta = "\u{1B}[1;35m"
        static let caret = "\u{1B}[1;32m"
        static let reset = "\u{1B}[0m"
    }

    /// The diagnostic's line with a bold location and message and a red `error` or
    /// magenta `warning`.
    static func colouredHeader(of diagnostic: Diagnostic) -> String {
        let colour = diagnostic.severity == .error ? ANSI.red : ANSI.magenta
        return ANSI.bold + "\(diagnostic.location.description.escapingControlCharacters): " + colour
            + "\(diagnostic.severity.rawValue):" + ANSI.reset
            + ANSI.bold + " \(diagnostic.message.escapingControlCharacters) [\(diagnostic.rule.rawValue)]" + ANSI.reset
    }

    static func withoutLineEnding(_ line: String) -> String {
        var line = line
        while let last = line.last, last.isNewline { line.removeLast() }
        return line
    }

    /// The line with control and format characters other than tab (bidi overrides,
    /// zero-width spaces) shown as U+FFFD, so a page's bytes cannot drive the terminal
    /// or reorder the line. One character stands for one, so the caret still lines up.
    static func printable(_ line: String) -> String {
        String(line.map { character in
            let isControl = character != "\t" && character.unicodeScalars.contains(where: \.isInvisibleControl)
            return isControl ? "\u{FFFD}" : character
        })
    }
}
