import Foundation

/// A report as a SARIF 2.1.0 log, the format code-scanning services read.
///
/// One run, whose tool lists every ``RuleID`` as a rule with its summary and default
/// level; each diagnostic is a result pointing at its rule by id and index. Keys are
/// sorted and the output pretty-printed, so the same report always prints the same
/// bytes.
///
/// SARIF counts columns in Unicode code points (the run's `columnKind`), while
/// diagnostics count UTF-8 bytes, so each column is converted using its source line
/// when that is available.
struct SARIFFormatter {
    let report: DiagnosticReport

    func format(sourceLine: (String, Int) -> String?) -> String {
        let rules = RuleID.allCases
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1, $0) })
        let results = report.diagnostics.map { diagnostic in
            let location = diagnostic.location
            let column = sourceLine(location.file, location.line).map {
                Self.codePointColumn(in: $0, byteColumn: location.column)
            } ?? location.column
            return Result(
                ruleId: diagnostic.rule.rawValue,
                ruleIndex: ruleIndex[diagnostic.rule] ?? 0,
                level: diagnostic.severity.rawValue,
                message: Message(text: diagnostic.message),
                locations: [
                    Location(physicalLocation: PhysicalLocation(
                        artifactLocation: ArtifactLocation(uri: Self.uri(forPath: location.file)),
                        region: Region(startLine: location.line, startColumn: column)))
                ])
        }
        let log = Log(runs: [
            Run(
                tool: Tool(driver: Driver(
                    name: "errata",
                    rules: rules.map { rule in
                        ReportingDescriptor(
                            id: rule.rawValue,
                            shortDescription: Message(text: rule.summary),
                            defaultConfiguration: Configuration(level: rule.defaultSeverity.rawValue))
                    })),
                columnKind: "unicodeCodePoints",
                results: results)
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder.encodedText(of: log) + "\n"
    }
}

extension SARIFFormatter {
    /// A diagnostic's file as a URI reference: a relative path stays relative, an
    /// absolute one becomes a `file://` URI, and every byte but letters, digits,
    /// `-._~` and `/` is percent-encoded.
    static func uri(forPath path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                encoded += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0xF)])"
            }
        }
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    /// The 1-based code-point column of the 1-based UTF-8 byte `byteColumn` in `line`.
    /// A column inside a code point points at it; past the end, bytes count as one each.
    static func codePointColumn(in line: String, byteColumn: Int) -> Int {
        let bytesBefore = max(byteColumn - 1, 0)
        var bytes = 0
        var codePoints = 0
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            guard bytes + width <= bytesBefore else { return codePoints + 1 }
            bytes += width
            codePoints += 1
        }
        return codePoints + 1 + (bytesBefore - bytes)
    }
}

private extension SARIFFormatter {
    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema", version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var columnKind: String
        var results: [Result]
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var shortDescription: Message
        var defaultConfiguration: Configuration
    }

    struct Configuration: Encodable {
        var level: String
    }

    struct Message: Encodable {
        var text: String
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable {
        var uri: String
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }
}
