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
    /// which always encode. Control and format characters (which JSON allows raw
    /// above U+001F) are written as `\uXXXX` escapes: the strings read back the same,
    /// and printing the document cannot reorder or hide what a terminal shows.
    func encodedText(of value: some Encodable) -> String {
        do {
            return Self.escapingInvisibleControls(String(decoding: try encode(value), as: UTF8.self))
        } catch {
            preconditionFailure("a document of strings and integers failed to encode: \(error)")
        }
    }
}

extension JSONEncoder {
    /// JSON text with every ``Unicode/Scalar/isInvisibleControl`` scalar from DEL up
    /// written as a `\uXXXX` escape (a surrogate pair beyond U+FFFF). Such scalars are
    /// never JSON syntax, so each one is inside a string, where the escape means the
    /// same; the encoder escapes those below U+0020 itself, and leaves only the layout's
    /// line feeds and spaces between tokens.
    static func escapingInvisibleControls(_ json: String) -> String {
        func needsEscape(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x7F && scalar.isInvisibleControl }
        guard json.unicodeScalars.contains(where: needsEscape) else { return json }
        var escaped = ""
        escaped.reserveCapacity(json.utf8.count + 16)
        for scalar in json.unicodeScalars {
            guard needsEscape(scalar) else {
                escaped.unicodeScalars.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16, uppercase: true)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return escaped
    }
}
