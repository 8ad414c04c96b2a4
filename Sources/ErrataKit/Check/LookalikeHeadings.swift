import Foundation

/// Rule `lookalike-heading`: a `###` heading that would be an error code but for an
/// invisible character (a zero-width space, a bidi control, a soft hyphen) or a
/// letter of another script that looks like a Latin capital (Cyrillic `А`, Greek `Ο`,
/// fullwidth `Ａ`) is not read as a code, so its section and sample go unchecked;
/// reported at the character (error).
///
/// ``Checker`` also names such a heading in the `undocumented-code` warning of the
/// code it looks like, rather than claiming that code has no section at all.
struct LookalikeHeadings {
    /// A heading that looks like a code, and the first character that keeps it from being one.
    struct Finding {
        /// The code the heading reads as once the characters are fixed.
        var code: String
        var heading: Heading
        var character: Unicode.Scalar
        /// The ASCII character it looks like, or `nil` for an invisible one.
        var looksLike: Character?
        /// Where the character is in the file.
        var location: SourceLocation
        /// How many other such characters the heading has.
        var others: Int

        /// "U+200B ZERO WIDTH SPACE here, an invisible character", "U+0410 CYRILLIC
        /// CAPITAL LETTER A here, which looks like the Latin A".
        var characterDescription: String {
            let what = looksLike.map { "which looks like the Latin \($0)" } ?? "an invisible character"
            let more = others == 0 ? "" : " (and \(others) more such character\(others == 1 ? "" : "s"))"
            return "\(character.described) here, \(what)\(more)"
        }
    }

    var catalog: Catalog

    func check(_ page: Page) -> [Diagnostic] {
        findings(in: page).map { finding in
            let known = catalog.code(named: finding.code) != nil
            let fix = finding.looksLike.map { "type it as \($0)" } ?? "delete it"
            return Diagnostic(
                .error, .lookalikeHeading,
                "the heading \(finding.heading.text.quotedForMessage) has \(finding.characterDescription), so it is "
                    + "not read as the code \(finding.code) it looks like" + (known ? "" : " (which the model lacks)")
                    + ", and its section goes unchecked; \(fix)",
                at: finding.location)
        }
    }

    /// The page's `###` headings that are codes once their invisible and look-alike
    /// characters are fixed.
    func findings(in page: Page) -> [Finding] {
        page.blocks.compactMap { block in
            guard case .heading(let heading) = block, heading.level == 3, !heading.text.utf8.allSatisfy({ $0 < 0x80 })
            else { return nil }
            return finding(in: heading)
        }
    }

    private func finding(in heading: Heading) -> Finding? {
        var skeleton = ""
        var first: (scalar: Unicode.Scalar, looksLike: Character?, byteOffset: Int)?
        var count = 0
        var byteOffset = 0
        for scalar in heading.text.unicodeScalars {
            defer { byteOffset += UTF8.width(scalar) }
            let replacement: Character?
            if scalar.isInvisibleControl || scalar.properties.isDefaultIgnorableCodePoint {
                replacement = nil
            } else if let latin = Self.latinLookalike(of: scalar) {
                replacement = latin
            } else {
                skeleton.unicodeScalars.append(scalar)
                continue
            }
            count += 1
            if first == nil { first = (scalar, replacement, byteOffset) }
            if let replacement { skeleton.append(replacement) }
        }
        guard let first, skeleton.isErrorCode else { return nil }
        return Finding(
            code: skeleton, heading: heading, character: first.scalar, looksLike: first.looksLike,
            location: SourceLocation(
                file: heading.location.file, line: heading.location.line, column: heading.textColumn + first.byteOffset),
            others: count - 1)
    }

    /// The Latin capital, digit or underscore `scalar` is taken for, if it is another
    /// character: Cyrillic and Greek capitals drawn the same, and the fullwidth and
    /// mathematical forms that compatibility normalisation (NFKC) turns into ASCII.
    static func latinLookalike(of scalar: Unicode.Scalar) -> Character? {
        guard !scalar.isASCII else { return nil }
        if let latin = lookalikes[scalar.value] { return latin }
        let folded = String(scalar).precomposedStringWithCompatibilityMapping
        guard folded.count == 1, let character = folded.first, character.isASCII,
              String(character).isErrorCode || character == "_" || character.isWholeNumber
        else { return nil }
        return character
    }

    /// Capitals of other scripts that look like Latin ones.
    private static let lookalikes: [UInt32: Character] = [
        // Cyrillic
        0x0405: "S", 0x0406: "I", 0x0408: "J", 0x0410: "A", 0x0412: "B", 0x0415: "E", 0x041A: "K", 0x041C: "M",
        0x041D: "H", 0x041E: "O", 0x0420: "P", 0x0421: "C", 0x0422: "T", 0x0423: "Y", 0x0425: "X", 0x04AE: "Y",
        0x04C0: "I", 0x051A: "Q", 0x051C: "W",
        // Greek
        0x0391: "A", 0x0392: "B", 0x0395: "E", 0x0396: "Z", 0x0397: "H", 0x0399: "I", 0x039A: "K", 0x039C: "M",
        0x039D: "N", 0x039F: "O", 0x03A1: "P", 0x03A4: "T", 0x03A5: "Y", 0x03A7: "X",
    ]
}
