/// The text of a new, empty code section in the house style: the `### CODE` heading,
/// a description for the writer to replace, the JSON sample the model predicts, and
/// empty "Common causes" and "Troubleshooting steps" sub-sections.
///
/// The sample never guesses. A fact the model does not know is left for the writer,
/// visibly, so `errata check` fails until it is supplied:
/// - an unknown HTTP status is written `// http code NNN` (a `missing-status` error);
/// - an unknown message is left out of the sample (a `sample-schema` error), and is
///   listed in ``missingFacts`` with the line it belongs on.
struct SectionSkeleton {
    /// The section's lines, without line breaks.
    let lines: [String]
    /// What the model does not know, each with the index in ``lines`` of the line it
    /// belongs on.
    let missingFacts: [(fact: SectionScaffold.MissingFact.Fact, lineIndex: Int)]

    /// The sentence the skeleton puts where the description goes.
    static let descriptionPlaceholder = "Describe what the error means and when the API returns it."

    init(of code: ErrorCode) {
        var lines = [
            "### \(code.code)",
            "",
            Self.descriptionPlaceholder,
            "",
            "```json",
        ]
        var missing: [(fact: SectionScaffold.MissingFact.Fact, lineIndex: Int)] = []
        if code.httpStatus == nil { missing.append((.httpStatus, lines.count)) }
        lines.append("// http code \(code.httpStatus.map(String.init) ?? "NNN")")
        lines.append("{")
        var fields: [String] = []
        for field in ErrorResponse.CodingKeys.allCases {
            let value: String? = switch field {
            case .errorType: Self.jsonString(code.type)
            case .errorCode: Self.jsonString(code.code)
            case .errorMessage: code.errorMessage.map(Self.json)
            case .displayMessage: code.displayMessage.map(Self.json)
            case .requestID: Self.jsonString(ErrorResponse.sampleRequestID)
            }
            if let value {
                fields.append(" \(Self.jsonString(field.rawValue)): \(value)")
            } else if let fact = SectionScaffold.MissingFact.Fact(rawValue: field.rawValue) {
                // Where the field would have been: the object's next line.
                missing.append((fact, lines.count + fields.count))
            }
        }
        lines += fields.indices.map { fields[$0] + ($0 < fields.count - 1 ? "," : "") }
        lines += [
            "}",
            "```",
            "",
            "#### Common causes",
            "",
            "#### Troubleshooting steps",
        ]
        self.lines = lines
        self.missingFacts = missing
    }

    /// The section, each line ending in `lineEnding` (`"\n"` or `"\r\n"`).
    func text(lineEnding: String) -> String {
        lines.map { $0 + lineEnding }.joined()
    }

    private static func json(_ message: MessageValue) -> String {
        switch message {
        case .text(let text): jsonString(text)
        case .null: "null"
        }
    }

    /// `text` as a JSON string literal, as the house style writes samples.
    static func jsonString(_ text: String) -> String {
        JSONString.quoted(text)
    }
}
