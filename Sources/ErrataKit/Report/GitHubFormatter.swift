/// A report as GitHub Actions workflow commands, which show each diagnostic as an
/// annotation on the pull request's diff:
///
/// ```
/// ::error file=docs/a.md,line=3,col=5,title=unknown-code::Unknown code FOO.
/// ::warning file=docs/b.md,line=9,col=1,title=missing-sample::Add a JSON sample.
/// 1 error, 1 warning in 2 pages
/// ```
///
/// The summary is a plain last line: it shows in the job's log without using up one
/// of the few annotations GitHub displays per step.
struct GitHubFormatter {
    let report: DiagnosticReport

    func format() -> String {
        var lines = report.diagnostics.map { diagnostic in
            let location = diagnostic.location
            let properties = [
                "file=\(Self.escapedProperty(location.file))",
                "line=\(location.line)",
                "col=\(location.column)",
                "title=\(Self.escapedProperty(diagnostic.rule.rawValue))",
            ]
            return "::\(diagnostic.severity.rawValue) \(properties.joined(separator: ","))"
                + "::\(Self.escapedData(diagnostic.message))"
        }
        lines.append(report.summary)
        return lines.joined(separator: "\n") + "\n"
    }
}

extension GitHubFormatter {
    /// A command's message, escaped as the runner unescapes it: `%`, CR and LF; every
    /// other control or format character (a bidi override, a zero-width space) is
    /// written as `\u{202E}`, so it cannot reorder or hide what the log and the
    /// annotation show.
    static func escapedData(_ text: String) -> String {
        var escaped = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": escaped += "%25"
            case "\r": escaped += "%0D"
            case "\n": escaped += "%0A"
            case _ where character.isInvisibleControl: escaped += String(character).escapingControlCharacters
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// A property value, escaped like data and also `:` and `,`, which would end it.
    static func escapedProperty(_ text: String) -> String {
        var escaped = ""
        for character in escapedData(text).unicodeScalars {
            switch character {
            case ":": escaped += "%3A"
            case ",": escaped += "%2C"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
