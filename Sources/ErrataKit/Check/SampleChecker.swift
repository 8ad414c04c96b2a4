import JSON

/// Checks a code's JSON sample against the error response schema and the model.
///
/// Rules (see ``RuleID``):
/// - `missing-sample`: the section has no ```json block (warning).
/// - `missing-status`: the block does not start with `// http code NNN`.
/// - `sample-status-mismatch`: NNN is not the model's HTTP status.
/// - `invalid-json`: the block is not JSON; reported at the fault.
/// - `sample-schema`: a field is missing, extra, or of the wrong JSON type.
/// - `sample-code-mismatch`: `error_code` is not the section's code.
/// - `sample-type-mismatch`: `error_type` is not the code's type.
/// - `sample-message-mismatch`: `error_message` or `display_message` is not the model's.
struct SampleChecker {
    let catalog: Catalog

    func check(_ section: CodeSection) -> [Diagnostic] {
        let model = catalog.code(named: section.code)
        guard let sample = section.sample else {
            // A section with nothing at all is one `empty-section` finding, not two.
            if !section.hasDescription && section.subsections.isEmpty { return [] }
            let status = model?.httpStatus.map(String.init) ?? "NNN"
            return [Diagnostic(
                .warning, .missingSample,
                "\(section.code) has no JSON sample; add a ```json block after its description, "
                    + "starting with `// http code \(status)`",
                at: section.location)]
        }
        var diagnostics: [Diagnostic] = []
        let firstLine = sample.text.firstLine
        let statusLine = StatusLine(firstLine)
        switch statusLine {
        case .missing:
            diagnostics.append(Diagnostic(
                .error, .missingStatus,
                "the sample of \(section.code) does not give its HTTP status; "
                    + "make its first line `// http code \(model?.httpStatus.map(String.init) ?? "NNN")`",
                at: sample.fileLocation(line: 1, column: 1)))
        case .malformed(let text):
            diagnostics.append(Diagnostic(
                .error, .missingStatus,
                "`\(text)` is not a status line; write `// http code "
                    + "\(model?.httpStatus.map(String.init) ?? "NNN")` with the three-digit HTTP status",
                at: sample.fileLocation(line: 1, column: 1)))
        case .status(let status, let column):
            if let expected = model?.httpStatus, expected != status {
                diagnostics.append(Diagnostic(
                    .error, .sampleStatusMismatch,
                    "the sample says HTTP \(status) but the model gives \(section.code) HTTP \(expected); "
                        + "fix the `// http code` line or the model",
                    at: sample.fileLocation(line: 1, column: column)))
            }
        }
        let bodyFirstLine = statusLine.isComment ? 2 : 1
        func location(_ position: JSONPosition) -> SourceLocation {
            sample.fileLocation(line: position.line + bodyFirstLine - 1, column: position.column)
        }
        let body = statusLine.isComment ? sample.text.droppingFirstLine : sample.text
        let value: JSONValue
        let valuePosition: JSONPosition
        do {
            (value, valuePosition) = try JSONParser.parse(body)
        } catch {
            let related = error.relatedPosition.map { position -> String in
                let first = location(position)
                return " (first at line \(first.line), column \(first.column))"
            } ?? ""
            diagnostics.append(Diagnostic(
                .error, .invalidJSON,
                "the sample of \(section.code) is not valid JSON: \(error.message(numberingLines: { location($0).line }))\(related)",
                at: location(error.position)))
            return diagnostics
        }
        guard case .object(let members) = value else {
            diagnostics.append(Diagnostic(
                .error, .sampleSchema,
                "the sample of \(section.code) is \(value.kindName.withArticle), not an error response object; "
                    + "write an object with \(ErrorResponse.fieldNames.joined(separator: ", "))",
                at: location(valuePosition)))
            return diagnostics
        }
        diagnostics += checkFields(members, of: section, model: model, objectAt: location(valuePosition), location: location)
        return diagnostics
    }

    private func checkFields(
        _ members: [JSONMember], of section: CodeSection, model: ErrorCode?,
        objectAt objectLocation: SourceLocation, location: (JSONPosition) -> SourceLocation
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let byKey = Dictionary(members.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for field in ErrorResponse.fieldNames where byKey[field] == nil {
            diagnostics.append(Diagnostic(
                .error, .sampleSchema,
                "the sample of \(section.code) has no \"\(field)\" field; add it",
                at: objectLocation))
        }
        for member in members where !ErrorResponse.fieldNames.contains(member.key) {
            let suggestion = Catalog.closest(to: member.key, among: ErrorResponse.fieldNames)
            diagnostics.append(Diagnostic(
                .error, .sampleSchema,
                "unexpected field \"\(member.key)\" in the sample of \(section.code); "
                    + (suggestion.map { "did you mean \"\($0)\"?" }
                        ?? "an error response has only \(ErrorResponse.fieldNames.joined(separator: ", "))"),
                at: location(member.keyPosition)))
        }
        func string(_ field: String, nullable: Bool) -> (MessageValue, SourceLocation)? {
            guard let member = byKey[field] else { return nil }
            switch member.value {
            case .string(let text): return (.text(text), location(member.valuePosition))
            case .null where nullable: return (.null, location(member.valuePosition))
            default:
                diagnostics.append(Diagnostic(
                    .error, .sampleSchema,
                    "\"\(field)\" must be a string\(nullable ? " or null" : ""), not \(member.value.kindName.withArticle)",
                    at: location(member.valuePosition)))
                return nil
            }
        }
        let errorType = string("error_type", nullable: false)
        let errorCode = string("error_code", nullable: false)
        let errorMessage = string("error_message", nullable: true)
        let displayMessage = string("display_message", nullable: true)
        _ = string("request_id", nullable: false)

        if let (value, at) = errorCode, value != .text(section.code) {
            diagnostics.append(Diagnostic(
                .error, .sampleCodeMismatch,
                "the sample's error_code is \(value) but the section documents \(section.code); "
                    + "make them the same",
                at: at))
        }
        if let (value, at) = errorType, let expected = model?.type ?? section.contextTypeID, value != .text(expected) {
            let why = model != nil ? "the model gives \(section.code) the type \(expected)" : "the page documents \(expected) codes"
            diagnostics.append(Diagnostic(
                .error, .sampleTypeMismatch,
                "the sample's error_type is \(value) but \(why); write \"\(expected)\"",
                at: at))
        }
        for (field, found, expected) in [
            ("error_message", errorMessage, model?.errorMessage),
            ("display_message", displayMessage, model?.displayMessage),
        ] {
            guard let (value, at) = found, let expected, value != expected else { continue }
            diagnostics.append(Diagnostic(
                .error, .sampleMessageMismatch,
                "the sample's \(field) is \(value) but the model's is \(expected); "
                    + "copy the model's message, or fix the model if the API changed",
                at: at))
        }
        return diagnostics
    }
}

/// The first line of a sample: `// http code 400`.
enum StatusLine: Equatable {
    /// The line is not a comment.
    case missing
    /// The line is a comment, but not `// http code NNN`.
    case malformed(String)
    /// The status, and the column its digits start at.
    case status(Int, column: Int)

    init(_ line: String) {
        let bytes = Array(line.utf8)
        var start = 0
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
        guard start + 1 < bytes.count, bytes[start] == UInt8(ascii: "/"), bytes[start + 1] == UInt8(ascii: "/") else {
            self = .missing
            return
        }
        // The words after `//`, as byte ranges of the line.
        var words: [Range<Int>] = []
        var index = start + 2
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: " ") {
                index += 1
                continue
            }
            let wordStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: " ") { index += 1 }
            words.append(wordStart..<index)
        }
        func word(_ number: Int, is expected: String) -> Bool {
            String(decoding: bytes[words[number]], as: UTF8.self).lowercased() == expected
        }
        let digits = words.count == 3 ? bytes[words[2]] : []
        guard words.count == 3, word(0, is: "http"), word(1, is: "code"), digits.count == 3,
              digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let status = Int(String(decoding: digits, as: UTF8.self)), (100...599).contains(status)
        else {
            self = .malformed(line.trimmed)
            return
        }
        self = .status(status, column: words[2].lowerBound + 1)
    }

    var isComment: Bool { self != .missing }
}

import Foundation

extension String {
    /// "an object", "a string", "null".
    var withArticle: String {
        if self == "null" { return self }
        return ("aeiou".contains(first ?? "x") ? "an " : "a ") + self
    }
}
