/// Everything one check run found, ready to print.
///
/// `errata check --format text|json|github|sarif` prints a report in one of four
/// shapes. The shapes are a contract with users' CI scripts: field names, line
/// formats and escaping do not change.
public struct DiagnosticReport: Sendable {
    /// Already sorted by file, line and column.
    public var diagnostics: [Diagnostic]
    /// How many pages were checked, for the summary.
    public var pageCount: Int

    public init(diagnostics: [Diagnostic], pageCount: Int) {
        self.diagnostics = diagnostics
        self.pageCount = pageCount
    }
}

public extension DiagnosticReport {
    /// The ways a report can be printed.
    enum Format: String, CaseIterable, Sendable {
        /// Compiler-style lines and a summary, for people.
        case text
        /// One JSON object, for scripts.
        case json
        /// GitHub Actions workflow commands, which annotate the pull request.
        case github
        /// A SARIF 2.1.0 log, for code-scanning services.
        case sarif
    }

    var errorCount: Int { diagnostics.errorCount }
    var warningCount: Int { diagnostics.warningCount }

    /// "2 errors, 5 warnings in 4 pages" ("1 error, 0 warnings in 1 page").
    var summary: String {
        "\(Self.count(errorCount, "error")), \(Self.count(warningCount, "warning")) "
            + "in \(Self.count(pageCount, "page"))"
    }

    /// The report in `format`, ending with a newline.
    ///
    /// - Parameters:
    ///   - quoteSource: In `text`, quote each diagnostic's source line with a caret
    ///     under the column, in colour. Pass `true` only when the output is a terminal:
    ///     without it the text is plain, byte for byte.
    ///   - sourceLine: The text of a file's 1-based line, or `nil` if unavailable. `text`
    ///     uses it to quote the source; `sarif` uses it to turn UTF-8 byte columns into
    ///     the Unicode code-point columns SARIF expects (without it, byte columns are
    ///     written, which are the same on ASCII lines).
    func formatted(
        as format: Format,
        quoteSource: Bool = false,
        sourceLine: (String, Int) -> String? = { _, _ in nil }
    ) -> String {
        switch format {
        case .text: TextFormatter(report: self, quotesSource: quoteSource).format(sourceLine: sourceLine)
        case .json: JSONFormatter(report: self).format()
        case .github: GitHubFormatter(report: self).format()
        case .sarif: SARIFFormatter(report: self).format(sourceLine: sourceLine)
        }
    }
}

private extension DiagnosticReport {
    /// "1 error", "3 warnings", "0 pages".
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
