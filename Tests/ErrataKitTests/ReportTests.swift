import Foundation
import Testing
@testable import ErrataKit

/// The four shapes `errata check --format` prints. Their line formats, keys and
/// escaping are a contract with users' CI scripts, so most tests compare exact text.
@Suite struct ReportTests {
    /// Two files, an error and a warning, in the order the checker sorts them.
    static let report = DiagnosticReport(
        diagnostics: [
            Diagnostic(.error, .unknownCode, "Unknown code FOO; add it to the model or fix the heading.",
                       at: SourceLocation(file: "docs/a.md", line: 3, column: 5)),
            Diagnostic(.warning, .missingSample, "Add a JSON sample under the heading.",
                       at: SourceLocation(file: "docs/b.md", line: 9, column: 1)),
        ],
        pageCount: 2)

    // MARK: Summary

    @Test(arguments: [
        (0, 0, 0, "0 errors, 0 warnings in 0 pages"),
        (1, 0, 1, "1 error, 0 warnings in 1 page"),
        (0, 1, 3, "0 errors, 1 warning in 3 pages"),
        (2, 5, 4, "2 errors, 5 warnings in 4 pages"),
    ])
    func summary(errors: Int, warnings: Int, pages: Int, expected: String) {
        let location = SourceLocation(file: "a.md", line: 1, column: 1)
        let diagnostics = Array(repeating: Diagnostic(.error, .unknownCode, "x", at: location), count: errors)
            + Array(repeating: Diagnostic(.warning, .missingSample, "y", at: location), count: warnings)
        let report = DiagnosticReport(diagnostics: diagnostics, pageCount: pages)
        #expect(report.errorCount == errors)
        #expect(report.warningCount == warnings)
        #expect(report.summary == expected)
    }

    // MARK: text

    @Test func textIsOneCompilerLinePerDiagnosticThenTheSummary() {
        #expect(Self.report.formatted(as: .text) == """
            docs/a.md:3:5: error: Unknown code FOO; add it to the model or fix the heading. [unknown-code]
            docs/b.md:9:1: warning: Add a JSON sample under the heading. [missing-sample]
            1 error, 1 warning in 2 pages

            """)
    }

    @Test func textOfACleanRunIsTheSummaryAlone() {
        let report = DiagnosticReport(diagnostics: [], pageCount: 1)
        #expect(report.formatted(as: .text) == "0 errors, 0 warnings in 1 page\n")
    }

    @Test func plainTextIgnoresSourceLinesAndHasNoColour() {
        let text = Self.report.formatted(as: .text, quoteSource: false) { _, _ in "some source" }
        #expect(text == Self.report.formatted(as: .text))
        #expect(!text.contains("\u{1B}"))
    }

    /// The caret sits under the column (UTF-8 bytes) after a tab and a two-byte `é`.
    @Test func quotedSourceHasACaretUnderTheColumn() {
        let line = "\tcode: `é` FOO"
        let column = line.utf8.count - 2  // the F of FOO
        let report = DiagnosticReport(
            diagnostics: [Diagnostic(.error, .unknownCode, "Unknown code FOO.",
                                     at: SourceLocation(file: "docs/a.md", line: 7, column: column))],
            pageCount: 1)
        let text = report.formatted(as: .text, quoteSource: true) { file, number in
            file == "docs/a.md" && number == 7 ? line + "\n" : nil
        }
        #expect(Self.withoutColour(text) == """
            docs/a.md:7:13: error: Unknown code FOO. [unknown-code]
            \tcode: `é` FOO
            \t          ^
            1 error, 0 warnings in 1 page

            """)
    }

    @Test func quotedSourceColoursTheSeverity() {
        let text = Self.report.formatted(as: .text, quoteSource: true) { _, _ in "x" }
        #expect(text.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        #expect(text.contains("\u{1B}[1;35mwarning:\u{1B}[0m"))
        #expect(Self.withoutColour(text).hasPrefix("docs/a.md:3:5: error: Unknown code FOO;"))
    }

    @Test func quotedSourceSkipsLinesItCannotRead() {
        let text = Self.report.formatted(as: .text, quoteSource: true)
        #expect(Self.withoutColour(text) == Self.report.formatted(as: .text))
    }

    @Test func quotedSourceShowsControlCharactersHarmlessly() {
        let report = DiagnosticReport(
            diagnostics: [Diagnostic(.error, .invalidText, "Remove the NUL byte.",
                                     at: SourceLocation(file: "a.md", line: 1, column: 3))],
            pageCount: 1)
        let text = report.formatted(as: .text, quoteSource: true) { _, _ in "a\u{1B}\u{0}b" }
        #expect(Self.withoutColour(text).contains("\na\u{FFFD}\u{FFFD}b\n  ^\n"))
    }

    @Test(arguments: [
        ("abc", 1, ""),
        ("abc", 3, "  "),
        ("abc", 4, "   "),        // just past the end
        ("abc", 9, "   "),        // far past the end stops after the line
        ("\t\tx", 3, "\t\t"),
        ("éx", 3, " "),           // after a two-byte character
        ("éx", 2, ""),            // inside it: points at it
        ("日本x", 7, "  "),       // three-byte characters
        ("e\u{301}x", 4, " "),    // a combining accent counts with its letter
    ])
    func caretPadding(line: String, column: Int, expected: String) {
        #expect(TextFormatter.caretPadding(in: line, column: column) == expected)
    }

    // MARK: json

    @Test func jsonHasEveryFieldAndTheCounts() throws {
        let text = Self.report.formatted(as: .json)
        #expect(text.hasSuffix("}\n"))
        #expect(text.filter { $0 == "\n" }.count == 1)
        #expect(text.contains("\"docs/a.md\""), "slashes are not escaped")

        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(root.keys) == ["diagnostics", "summary"])
        let diagnostics = try #require(root["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 2)
        for (object, diagnostic) in zip(diagnostics, Self.report.diagnostics) {
            #expect(Set(object.keys) == ["file", "line", "column", "severity", "rule", "message"])
            #expect(object["file"] as? String == diagnostic.location.file)
            #expect(object["line"] as? Int == diagnostic.location.line)
            #expect(object["column"] as? Int == diagnostic.location.column)
            #expect(object["severity"] as? String == diagnostic.severity.rawValue)
            #expect(object["rule"] as? String == diagnostic.rule.rawValue)
            #expect(object["message"] as? String == diagnostic.message)
        }
        #expect(diagnostics.map { $0["severity"] as? String } == ["error", "warning"])
        let summary = try #require(root["summary"] as? [String: Any])
        #expect(Set(summary.keys) == ["errors", "warnings", "pages", "text"])
        #expect(summary["errors"] as? Int == 1)
        #expect(summary["warnings"] as? Int == 1)
        #expect(summary["pages"] as? Int == 2)
        #expect(summary["text"] as? String == "1 error, 1 warning in 2 pages")
    }

    @Test func jsonKeysAreInAFixedOrder() {
        let report = DiagnosticReport(
            diagnostics: [Diagnostic(.warning, .emptySection, "Say \"why\".",
                                     at: SourceLocation(file: "a.md", line: 2, column: 1))],
            pageCount: 1)
        #expect(report.formatted(as: .json) == #"""
            {"diagnostics":[{"column":1,"file":"a.md","line":2,"message":"Say \"why\".","rule":"empty-section",\#
            "severity":"warning"}],"summary":{"errors":0,"pages":1,"text":"0 errors, 1 warning in 1 page","warnings":1}}

            """#)
    }

    // MARK: github

    @Test func githubIsOneWorkflowCommandPerDiagnosticThenTheSummary() {
        #expect(Self.report.formatted(as: .github) == """
            ::error file=docs/a.md,line=3,col=5,title=unknown-code::\
            Unknown code FOO; add it to the model or fix the heading.
            ::warning file=docs/b.md,line=9,col=1,title=missing-sample::Add a JSON sample under the heading.
            1 error, 1 warning in 2 pages

            """)
    }

    @Test func githubEscapesDataAndProperties() {
        let report = DiagnosticReport(
            diagnostics: [Diagnostic(.error, .brokenLink, "100% broken: see a, b\nthen c\r",
                                     at: SourceLocation(file: "docs/odd,name: 5%\n.md", line: 4, column: 2))],
            pageCount: 1)
        #expect(report.formatted(as: .github) == """
            ::error file=docs/odd%2Cname%3A 5%25%0A.md,line=4,col=2,title=broken-link::\
            100%25 broken: see a, b%0Athen c%0D
            1 error, 0 warnings in 1 page

            """)
    }

    // MARK: sarif

    @Test func sarifHasTheRequiredFieldsOfSchema210() throws {
        let log = try Self.parsedSARIF(Self.report.formatted(as: .sarif))
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        #expect(log["version"] as? String == "2.1.0")
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        let tool = try #require(run["tool"] as? [String: Any])
        let driver = try #require(tool["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "errata")
        #expect(driver["informationUri"] == nil)

        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == RuleID.allCases.map(\.rawValue))
        for (object, rule) in zip(rules, RuleID.allCases) {
            let description = object["shortDescription"] as? [String: Any]
            #expect(description?["text"] as? String == rule.summary)
            let configuration = object["defaultConfiguration"] as? [String: Any]
            #expect(configuration?["level"] as? String == rule.defaultSeverity.rawValue)
        }

        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == Self.report.diagnostics.count)
        for (result, diagnostic) in zip(results, Self.report.diagnostics) {
            let ruleID = try #require(result["ruleId"] as? String)
            #expect(ruleID == diagnostic.rule.rawValue)
            let ruleIndex = try #require(result["ruleIndex"] as? Int)
            #expect(rules.indices.contains(ruleIndex))
            #expect(rules[ruleIndex]["id"] as? String == ruleID)
            #expect(result["level"] as? String == diagnostic.severity.rawValue)
            let message = result["message"] as? [String: Any]
            #expect(message?["text"] as? String == diagnostic.message)

            let locations = try #require(result["locations"] as? [[String: Any]])
            let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
            let artifact = physical["artifactLocation"] as? [String: Any]
            #expect(artifact?["uri"] as? String == diagnostic.location.file)
            let region = try #require(physical["region"] as? [String: Any])
            let startLine = try #require(region["startLine"] as? Int)
            let startColumn = try #require(region["startColumn"] as? Int)
            #expect(startLine >= 1 && startColumn >= 1)
            #expect(startLine == diagnostic.location.line)
            #expect(startColumn == diagnostic.location.column)
        }
    }

    @Test func sarifIsPrettyPrintedAndDeterministic() {
        let text = Self.report.formatted(as: .sarif)
        #expect(text == Self.report.formatted(as: .sarif))
        #expect(text.hasPrefix("{\n  \"$schema\""))
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"https://json.schemastore.org/sarif-2.1.0.json\""))
    }

    @Test func sarifOfACleanRunHasEmptyResults() throws {
        let text = DiagnosticReport(diagnostics: [], pageCount: 3).formatted(as: .sarif)
        let log = try Self.parsedSARIF(text)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect((run["results"] as? [Any])?.isEmpty == true)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
    }

    /// SARIF counts code points; a diagnostic's column counts UTF-8 bytes.
    @Test func sarifColumnsCountCodePointsWhenTheLineIsKnown() throws {
        let report = DiagnosticReport(
            diagnostics: [Diagnostic(.error, .unknownCode, "Unknown code FOO.",
                                     at: SourceLocation(file: "a.md", line: 1, column: 5))],
            pageCount: 1)
        func startColumn(_ sourceLine: (String, Int) -> String?) throws -> Int? {
            let log = try Self.parsedSARIF(report.formatted(as: .sarif, sourceLine: sourceLine))
            let run = (log["runs"] as? [[String: Any]])?.first
            let result = (run?["results"] as? [[String: Any]])?.first
            let location = (result?["locations"] as? [[String: Any]])?.first
            let region = (location?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
            return region?["startColumn"] as? Int
        }
        #expect(try startColumn { _, _ in "é: FOO" } == 4)
        #expect(try startColumn { _, _ in nil } == 5)
    }

    @Test(arguments: [
        ("é: FOO", 4, 3),
        ("abc", 1, 1),
        ("abc", 4, 4),
        ("abc", 6, 6),
        ("日x", 4, 2),
        ("日x", 2, 1),      // inside a code point: points at it
        ("😀x", 5, 2),      // four bytes, one code point
    ])
    func codePointColumn(line: String, byteColumn: Int, expected: Int) {
        #expect(SARIFFormatter.codePointColumn(in: line, byteColumn: byteColumn) == expected)
    }

    @Test(arguments: [
        ("docs/a.md", "docs/a.md"),
        ("./docs/a-b_c~d.md", "./docs/a-b_c~d.md"),
        ("docs/my page.md", "docs/my%20page.md"),
        ("docs/é.md", "docs/%C3%A9.md"),
        ("docs/50%.md", "docs/50%25.md"),
        ("c:notes.md", "c%3Anotes.md"),
        ("a#b?c.md", "a%23b%3Fc.md"),
        ("/abs/a b.md", "file:///abs/a%20b.md"),
    ])
    func sarifURI(path: String, expected: String) {
        #expect(SARIFFormatter.uri(forPath: path) == expected)
    }

    // MARK: Formats

    // MARK: Control characters

    /// A bidi override, a zero-width space, a C1 control and a line separator from a
    /// page, in the message and in the file's name.
    static let hostile = DiagnosticReport(
        diagnostics: [
            Diagnostic(.error, .brokenLink, "x\u{202E}txt.exe\u{200B} leads\u{85} nowhere\u{2028}; fix it",
                       at: SourceLocation(file: "docs/\u{202E}a.md", line: 3, column: 5)),
        ],
        pageCount: 1)

    @Test func textEscapesControlAndFormatCharacters() {
        let expected = "docs/\\u{202E}a.md:3:5: error: x\\u{202E}txt.exe\\u{200B} leads\\u{85} nowhere\\u{2028}; "
            + "fix it [broken-link]\n1 error, 0 warnings in 1 page\n"
        #expect(Self.hostile.formatted(as: .text) == expected)
        let quoted = Self.hostile.formatted(as: .text, quoteSource: true) { _, _ in "[x](x\u{202E}txt)" }
        #expect(!quoted.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x200B || $0.value == 0x85 })
        #expect(quoted.contains("[x](x\u{FFFD}txt)"))
    }

    @Test func githubEscapesControlAndFormatCharacters() {
        #expect(Self.hostile.formatted(as: .github) == "::error file=docs/\\u{202E}a.md,line=3,col=5,title=broken-link::"
            + "x\\u{202E}txt.exe\\u{200B} leads\\u{85} nowhere\\u{2028}; fix it\n1 error, 0 warnings in 1 page\n")
    }

    /// JSON and SARIF write them as `\uXXXX` escapes, which read back as the same text.
    @Test(arguments: [DiagnosticReport.Format.json, .sarif])
    func jsonFormatsEscapeControlAndFormatCharacters(_ format: DiagnosticReport.Format) throws {
        let text = Self.hostile.formatted(as: format)
        #expect(!text.unicodeScalars.contains { $0.value >= 0x7F && $0.isInvisibleControl })
        #expect(text.contains("x\\u202Etxt.exe\\u200B leads\\u0085 nowhere\\u2028"))
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let encoded = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        #expect(encoded.contains("x\u{202E}txt.exe\u{200B} leads\u{85} nowhere\u{2028}; fix it"))
    }

    @Test func formatNamesAreTheCommandLineValues() {
        #expect(DiagnosticReport.Format.allCases.map(\.rawValue) == ["text", "json", "github", "sarif"])
    }
}

private extension ReportTests {
    /// `text` without its ANSI colour sequences (`ESC [ digits ; … m`).
    static func withoutColour(_ text: String) -> String {
        text.replacing(/\u{1B}\[[0-9;]*m/, with: "")
    }

    static func parsedSARIF(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
