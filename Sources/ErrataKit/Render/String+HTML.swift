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
        htmlEscaped.replacingOccurrences(of: "_", with: "_<wbr>")
    }

    /// The text as a JavaScript string literal that is safe inside a `<script>` element.
    var javaScriptLiteral: String {
        PublishedJSON.string(self).compactText
    }
}
