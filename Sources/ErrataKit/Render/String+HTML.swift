extension String {
    /// The text escaped for HTML (and XML) text and quoted attribute values.
    var htmlEscaped: String {
        var buffer = TextBuffer(capacity: utf8.count)
        buffer.appendEscapingHTML(self)
        return buffer.text
    }

    /// The text as a JavaScript string literal that is safe inside a `<script>` element.
    var javaScriptLiteral: String {
        PublishedJSON.string(self).compactText
    }
}
