/// Renders a ``Template`` with a context into bytes.
///
/// A name is looked up in the innermost value first and then outwards, as Mustache
/// says. A name found nowhere is an error that names the template file, line and
/// column, since Errata's contexts hold every name a template may use (see
/// ``TemplateValue``).
struct TemplateRenderer {
    /// Every template, by name, for partials and parents.
    let templates: [String: Template]
    private var output: TextBuffer
    private var stack: [TemplateValue] = []

    /// The content of a `{{$block}}` given by a template that extends another, and
    /// the file it was written in (for messages).
    private struct Override {
        var nodes: [Template.Node]
        var file: String
    }

    init(templates: [String: Template], capacity: Int = 4096) {
        self.templates = templates
        output = TextBuffer(capacity: capacity)
    }

    /// `name` rendered with `context`.
    static func render(
        _ name: String, context: TemplateValue, templates: [String: Template], capacity: Int = 4096
    ) throws(TemplateError) -> [UInt8] {
        guard let template = templates[name] else {
            throw TemplateError(file: "\(name).mustache", line: 0, column: 0, message: "no template named \(name)")
        }
        var renderer = TemplateRenderer(templates: templates, capacity: capacity)
        renderer.stack = [context]
        try renderer.render(template.nodes, file: template.file, overrides: [:])
        return renderer.output.bytes
    }

    private mutating func render(_ nodes: [Template.Node], file: String, overrides: [String: Override]) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output.append(bytes)
            case .variable(let name, let escaped, let position):
                switch try value(of: name, file: file, at: position) {
                case .string(let text):
                    if escaped { output.appendEscapingHTML(text) } else { output.append(text) }
                case .number(let number):
                    output.append(number)
                case .bool(let value):
                    output.append(value ? "true" : "false")
                case .none:
                    break
                case .list, .object:
                    throw TemplateError(
                        file: file, line: position.line, column: position.column,
                        message: "\"\(name.text)\" holds several values and cannot be shown as text; "
                            + "use it as a section: {{#\(name.text)}}…{{/\(name.text)}}")
                }
            case .section(let name, let inverted, let children, let position):
                let value = try value(of: name, file: file, at: position)
                if inverted {
                    if !value.isTruthy { try render(children, file: file, overrides: overrides) }
                } else if value.isTruthy {
                    if case .list(let items) = value {
                        for item in items { try render(children, pushing: item, file: file, overrides: overrides) }
                    } else if case .bool = value {
                        try render(children, file: file, overrides: overrides)
                    } else {
                        try render(children, pushing: value, file: file, overrides: overrides)
                    }
                }
            case .partial(let name, let indentation, let position):
                let partial = try template(name, file: file, at: position)
                if indentation.isEmpty {
                    try render(partial.nodes, file: partial.file, overrides: overrides)
                } else {
                    let outer = output
                    output = TextBuffer()
                    try render(partial.nodes, file: partial.file, overrides: overrides)
                    let inner = output.bytes
                    output = outer
                    appendIndented(inner, by: indentation)
                }
            case .parent(let name, let blocks, let position):
                let parent = try template(name, file: file, at: position)
                var merged = blocks.mapValues { Override(nodes: $0, file: file) }
                merged.merge(overrides) { _, outer in outer }
                try render(parent.nodes, file: parent.file, overrides: merged)
            case .block(let name, let children):
                if let override = overrides[name] {
                    try render(override.nodes, file: override.file, overrides: overrides)
                } else {
                    try render(children, file: file, overrides: overrides)
                }
            }
        }
    }

    private mutating func render(
        _ nodes: [Template.Node], pushing value: TemplateValue, file: String, overrides: [String: Override]
    ) throws(TemplateError) {
        stack.append(value)
        defer { stack.removeLast() }
        try render(nodes, file: file, overrides: overrides)
    }

    /// The value of `name` here: looked up from the innermost value outwards; the rest
    /// of a dotted name inside what the first part found.
    private func value(of name: Template.Name, file: String, at position: Template.Position) throws(TemplateError) -> TemplateValue {
        guard let first = name.parts.first else { return stack[stack.count - 1] }
        var found: TemplateValue?
        for frame in stack.reversed() {
            if let value = frame.member(first) {
                found = value
                break
            }
        }
        guard var value = found else { throw unknown(name.text, part: first, in: stack.last, file: file, at: position) }
        for part in name.parts.dropFirst() {
            if case .none = value { return .none }
            guard let member = value.member(part) else { throw unknown(name.text, part: part, in: value, file: file, at: position) }
            value = member
        }
        return value
    }

    private func unknown(_ name: String, part: String, in value: TemplateValue?, file: String, at position: Template.Position) -> TemplateError {
        var message = "unknown name \"\(name)\""
        if case .object(let members)? = value {
            let known = members.keys.sorted()
            if let close = Catalog.closest(to: part, among: known) {
                message += "; did you mean \"\(close)\"?"
            } else {
                message += "; the names here are \(known.joined(separator: ", "))"
            }
        }
        return TemplateError(file: file, line: position.line, column: position.column, message: message)
    }

    private func template(_ name: String, file: String, at position: Template.Position) throws(TemplateError) -> Template {
        guard let template = templates[name] else {
            throw TemplateError(
                file: file, line: position.line, column: position.column,
                message: "there is no template \"\(name)\"; add \(name).mustache to the templates folder")
        }
        return template
    }

    /// `bytes` with `indentation` before each line that has anything on it.
    private mutating func appendIndented(_ bytes: [UInt8], by indentation: [UInt8]) {
        var lineStart = true
        for byte in bytes {
            if lineStart && byte != UInt8(ascii: "\n") { output.append(indentation) }
            output.append(byte)
            lineStart = byte == UInt8(ascii: "\n")
        }
    }
}
