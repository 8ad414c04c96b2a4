extension String {
    /// The text escaped for HTML (and XML) text and quoted attribute values.
    var htmlEscaped: String {
        var escaped = ""
        escaped.reserveCapacity(utf8.count)
        for character in self {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// The text as a JavaScript string literal that is safe inside a `<script>` element.
    var javaScriptLiteral: String {
        PublishedJSON.string(self).compactText
    }
}
