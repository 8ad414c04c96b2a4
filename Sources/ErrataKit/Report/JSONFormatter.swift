import Foundation

/// A report as one JSON object on one line, for scripts:
///
/// ```json
/// {"diagnostics":[{"column":5,"file":"docs/a.md","line":3,"message":"…","rule":"unknown-code","severity":"error"}],
///  "summary":{"errors":1,"pages":4,"text":"1 error, 0 warnings in 4 pages","warnings":0}}
/// ```
///
/// Keys are sorted, so the same report always prints the same bytes. Columns are
/// 1-based UTF-8 byte offsets, as in the text format.
struct JSONFormatter {
    let report: DiagnosticReport

    func format() -> String {
        let document = Document(
            diagnostics: report.diagnostics.map(Entry.init),
            summary: Summary(
                errors: report.errorCount,
                warnings: report.warningCount,
                pages: report.pageCount,
                text: report.summary))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder.encodedText(of: document) + "\n"
    }
}

private extension JSONFormatter {
    struct Document: Encodable {
        var diagnostics: [Entry]
        var summary: Summary
    }

    typealias Entry = DiagnosticRecord

    struct Summary: Encodable {
        var errors: Int
        var warnings: Int
        var pages: Int
        var text: String
    }
}

extension JSONEncoder {
    /// `value` as JSON text. For the report's own documents of strings and integers,
    /// which always encode.
    func encodedText(of value: some Encodable) -> String {
        do {
            return String(decoding: try encode(value), as: UTF8.self)
        } catch {
            preconditionFailure("a document of strings and integers failed to encode: \(error)")
        }
    }
}
