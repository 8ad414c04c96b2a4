/// Rule `code-name`: every model code must be one a `### CODE` heading can name and
/// its short address can hold (error), reported at the model.
///
/// - a code is capital letters `A`–`Z`, digits and underscores, starting with a letter
///   (``String/isErrorCode``, the test the parser applies to headings): anything else
///   (`ÉCHEC`, lower case, a dot, a zero-width or bidi character) could never be
///   documented, and would be published as a folder all the same;
/// - two codes may not differ only in case: hosts and file systems that ignore case
///   would serve one's short address for the other, and both have the same anchor.
///
/// A code that cannot be a folder name at all is left to ``AddressRules``.
struct ModelRules {
    /// Where the model is declared, for the place of each finding.
    var modelSource: String

    func check(_ catalog: Catalog) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var byKey: [String: String] = [:]
        for code in catalog.codes {
            let name = code.code
            if !AddressRules.refuses(code: name), !name.isErrorCode {
                diagnostics.append(Diagnostic(
                    .error, .codeName,
                    "the model's code \(name.quotedForMessage) \(Self.problem(in: name)), so no `### CODE` heading "
                        + "can document it; a code is capital letters A–Z, digits and underscores, starting with a "
                        + "letter: rename it in \(modelSource)",
                    at: catalog.location(ofCode: name, in: modelSource)))
            }
            let key = name.caseInsensitiveKey
            if let other = byKey[key] {
                diagnostics.append(Diagnostic(
                    .error, .codeName,
                    "the model's codes \(other.quotedForMessage) and \(name.quotedForMessage) differ only in case, "
                        + "so their short addresses and anchors would be the same where case is ignored, as many "
                        + "hosts and file systems do; remove or rename one in \(modelSource)",
                    at: catalog.location(ofCode: name, in: modelSource)))
            } else {
                byKey[key] = name
            }
        }
        return diagnostics
    }

    /// What keeps `code` from being a code: "is empty", "starts with '1'", "has U+00C9
    /// LATIN CAPITAL LETTER E WITH ACUTE at character 1".
    static func problem(in code: String) -> String {
        let scalars = Array(code.unicodeScalars)
        guard let first = scalars.first else { return "is empty" }
        if first.isASCII, first.properties.numericType != nil || first == "_" {
            return "starts with \(describe(first)), not a letter"
        }
        for (offset, scalar) in scalars.enumerated() {
            let allowed = (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9") || scalar == "_"
            if !allowed { return "has \(describe(scalar)) at character \(offset + 1)" }
        }
        return "is not a code"
    }

    /// `'a'` for a printable ASCII character, else `U+200B ZERO WIDTH SPACE`.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        scalar.value > 0x20 && scalar.value < 0x7F ? "'\(scalar)'" : scalar.described
    }
}

extension String {
    /// The text in double quotes, control and format characters written as `\u{…}`.
    var quotedForMessage: String {
        "\"" + escapingControlCharacters + "\""
    }
}
