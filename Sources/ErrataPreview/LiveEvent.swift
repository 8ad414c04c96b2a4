import ErrataKit
import Foundation

/// A message on the live-reload stream, `/__errata/events`.
///
/// Each carries the generation it belongs to as its event id, so a browser that
/// reconnects says with `Last-Event-ID` which state it last saw.
enum LiveEvent: Sendable, Equatable {
    /// The last build succeeded; remove any overlay.
    case ok(generation: Int)
    /// A new build was published; reload the page.
    case reload(generation: Int)
    /// The last build failed; `json` is `{"diagnostics":[{"file","line","column","severity","rule","message"}]}`,
    /// each diagnostic with `"source"`, the text of its line, when that is known.
    case diagnostics(generation: Int, json: String)
    /// A comment that keeps idle connections open and finds dead ones.
    case keepAlive

    /// The message in the `text/event-stream` format, ending with its blank line.
    var serverSentEvent: String {
        switch self {
        case .ok(let generation):
            Self.format(name: "ok", id: generation, data: #"{"generation":\#(generation)}"#)
        case .reload(let generation):
            Self.format(name: "reload", id: generation, data: #"{"generation":\#(generation)}"#)
        case .diagnostics(let generation, let json):
            Self.format(name: "diagnostics", id: generation, data: json)
        case .keepAlive:
            ": keep-alive\n\n"
        }
    }

    /// The `diagnostics` event of a failed build; `sourceLines` holds the text of the
    /// line each diagnostic points at, for the overlay to quote with a caret.
    static func diagnostics(
        _ diagnostics: [Diagnostic], generation: Int, sourceLines: [SourceLocation: String] = [:]
    ) -> LiveEvent {
        let document = Document(diagnostics: diagnostics.sorted().map {
            Entry(record: DiagnosticRecord($0), source: sourceLines[$0.location])
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json: String
        do {
            json = String(decoding: try encoder.encode(document), as: UTF8.self)
        } catch {
            preconditionFailure("a document of strings and integers failed to encode: \(error)")
        }
        return .diagnostics(generation: generation, json: json)
    }
}

private extension LiveEvent {
    /// One event; every line of `data` gets its own `data:` field, as the format asks.
    /// Only CR and LF break lines there (not U+2028, which JSON may hold unescaped).
    static func format(name: String, id: Int, data: String) -> String {
        var event = "event: \(name)\nid: \(id)\n"
        let lineBreaks: Set<Character> = ["\n", "\r", "\r\n"]
        for line in data.split(omittingEmptySubsequences: false, whereSeparator: lineBreaks.contains) {
            event += "data: \(line)\n"
        }
        return event + "\n"
    }

    struct Document: Encodable {
        var diagnostics: [Entry]
    }

    /// A diagnostic as `errata check --format json` writes it, and its source line.
    struct Entry: Encodable {
        var record: DiagnosticRecord
        var source: String?

        enum CodingKeys: String, CodingKey {
            case file, line, column, severity, rule, message, source
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(record.file, forKey: .file)
            try container.encode(record.line, forKey: .line)
            try container.encode(record.column, forKey: .column)
            try container.encode(record.severity, forKey: .severity)
            try container.encode(record.rule, forKey: .rule)
            try container.encode(record.message, forKey: .message)
            try container.encodeIfPresent(source, forKey: .source)
        }
    }
}
