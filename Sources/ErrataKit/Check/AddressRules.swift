/// Rule `page-address`: every address the site publishes must be a plain path, the
/// same on disk and in a browser (error).
///
/// - a page whose path under the content folder (its folders, and its file name
///   without `.md`) has a character a web address cannot hold as it is: a space,
///   control character, `"`, `#`, `%`, `:`, `<`, `>`, `?`, `[`, `\`, `]`, `^`, a
///   backquote, `{`, `|` or `}`. A browser would read `#`, `?` and `%2e%2e` as
///   something else, turn `\` into `/`, and take `javascript:` as a scheme;
/// - a model code that cannot name its short address folder (`docs/errors/<CODE>/`):
///   one with any of those, a `/`, or that is `.` or `..`, which would lead the
///   short address out of its folder.
struct AddressRules {
    /// Where the model is declared, for the place of a code's finding.
    var modelSource: String

    func check(_ page: Page) -> Diagnostic? {
        var segments = page.contentPath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let name = segments.popLast() else { return nil }
        segments.append(name.hasSuffix(".md") ? String(name.dropLast(3)) : name)
        for (index, segment) in segments.enumerated() {
            guard let bad = Self.firstUnsafeCharacter(in: segment) else { continue }
            let what = index == segments.count - 1 ? "file \(Self.quoted(name))" : "folder \(Self.quoted(segment))"
            return Diagnostic(
                .error, .pageAddress,
                "the page's address \(Self.quoted(page.route)) has \(Self.describe(bad)), which a web address cannot "
                    + "hold as it is; rename the \(what) with letters, digits, hyphens and underscores",
                at: SourceLocation(file: page.file, line: 1, column: 1))
        }
        return nil
    }

    func check(_ catalog: Catalog) -> [Diagnostic] {
        catalog.codes.compactMap { code in
            guard let problem = Self.folderProblem(of: code.code) else { return nil }
            return Diagnostic(
                .error, .pageAddress,
                "the model's code \(Self.quoted(code.code)) \(problem), so it cannot name the folder of its short "
                    + "address (…/<CODE>/); give it a name of capital letters, digits and underscores",
                at: catalog.location(ofCode: code.code, in: modelSource))
        }
    }

    /// Whether `code` cannot name a folder (and this rule reports it).
    static func refuses(code: String) -> Bool {
        folderProblem(of: code) != nil
    }

    /// Why `code` cannot name the folder of its short address, if it cannot.
    private static func folderProblem(of code: String) -> String? {
        if code.isEmpty || code == "." || code == ".." { return "is no folder name" }
        if let bad = code.unicodeScalars.first(where: { $0 == "/" }) ?? firstUnsafeCharacter(in: code) {
            return "has \(describe(bad))"
        }
        return nil
    }

    /// The first character of `segment` a path segment of a web address cannot hold.
    static func firstUnsafeCharacter(in segment: String) -> Unicode.Scalar? {
        segment.unicodeScalars.first { scalar in
            switch scalar.value {
            case 0...0x20, 0x7F, 0x80...0x9F: true
            // " # % : < > ? [ \ ] ^ ` { | }
            case 0x22, 0x23, 0x25, 0x3A, 0x3C, 0x3E, 0x3F, 0x5B, 0x5C, 0x5D, 0x5E, 0x60, 0x7B, 0x7C, 0x7D: true
            default: false
            }
        }
    }

    /// `'#'`, `a space`, or `U+000A` for a control character.
    private static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x20: "a space"
        case 0...0x1F, 0x7F...0x9F: "the control character U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))"
        default: "'\(scalar)'"
        }
    }

    /// The text in double quotes, control characters written as `\u{…}`.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
