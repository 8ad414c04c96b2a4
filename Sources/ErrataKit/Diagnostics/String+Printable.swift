extension Unicode.Scalar {
    /// Whether printing the scalar as it is could change what a terminal or a code
    /// review shows around it: a control character (C0, DEL, C1), a format character
    /// (bidi overrides and isolates, zero-width spaces and joiners, the byte-order
    /// mark, soft hyphen), or a line or paragraph separator.
    var isInvisibleControl: Bool {
        switch properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    /// `U+200B`: the scalar's code point, at least four hex digits.
    var codePointName: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `U+200B ZERO WIDTH SPACE`: the code point and the character's Unicode name.
    var described: String {
        if let name = properties.name ?? properties.nameAlias { return "\(codePointName) \(name)" }
        return codePointName
    }
}

extension String {
    /// The text with every ``Unicode/Scalar/isInvisibleControl`` scalar written as
    /// `\u{202E}`, so text from pages and samples cannot reorder, hide or drive what a
    /// terminal or a CI log shows. Diagnostics are one line each, so line feeds are
    /// escaped too.
    var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: \.isInvisibleControl) else { return self }
        var escaped = ""
        escaped.reserveCapacity(utf8.count + 16)
        for scalar in unicodeScalars {
            if scalar.isInvisibleControl {
                escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
