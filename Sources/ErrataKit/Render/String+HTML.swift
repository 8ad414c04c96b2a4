extension String {
    /// The text escaped for HTML (and XML) text and quoted attribute values.
    var htmlEscaped: String {
        var buffer = TextBuffer(capacity: utf8.count)
        buffer.appendEscapingHTML(self)
        return buffer.text
    }

    /// The text escaped for HTML with a `<wbr>` after each underscore, so a code
    /// (`INVALID_WEBHOOK_VERIFICATION_KEY_ID`) that does not fit its line breaks only
    /// between its words.
    var htmlBreakingAtUnderscores: String {
        // Bytes, not Foundation's search: the overview breaks every code of the model.
        let escaped = htmlEscaped
        guard escaped.utf8.contains(UInt8(ascii: "_")) else { return escaped }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(escaped.utf8.count + 24)
        for byte in escaped.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "_") { bytes.append(contentsOf: "<wbr>".utf8) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text as a JavaScript string literal that is safe inside a `<script>` element.
    var javaScriptLiteral: String {
        PublishedJSON.string(self).compactText
    }
}
