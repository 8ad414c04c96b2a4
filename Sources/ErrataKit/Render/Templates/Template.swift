/// One Mustache template, parsed once into a tree that renders without re-reading the
/// text.
///
/// The language is Mustache's: `{{name}}` (HTML-escaped), `{{{name}}}` and `{{& name}}`
/// (as they are), dotted names (`{{type.id}}`) and `{{.}}`, sections `{{#name}}…{{/name}}`
/// (once for a true value or an object, once per item of a list), inverted sections
/// `{{^name}}…{{/name}}`, comments `{{! … }}`, partials `{{> name}}`, and inheritance:
/// `{{<base}}…{{/base}}` renders `base` with the blocks `{{$name}}…{{/name}}` given
/// inside it replacing base's blocks of the same name. A tag alone on its line takes
/// the line with it, as the Mustache specification says. Not supported (and reported
/// as such): changing the delimiters with `{{= =}}`.
struct Template: Sendable {
    /// The template's file, for messages (`Templates/code.mustache`).
    var file: String
    var nodes: [Node]

    /// Where a tag is in its template: 1-based line and column (in bytes).
    struct Position: Sendable, Hashable {
        var line: Int
        var column: Int
    }

    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool, at: Position)
        case section(Name, inverted: Bool, [Node], at: Position)
        case partial(String, indentation: [UInt8], at: Position)
        /// `{{<name}}` with the blocks it overrides.
        case parent(String, blocks: [String: [Node]], at: Position)
        /// `{{$name}}` with its default content.
        case block(String, [Node])
    }

    /// A name in a tag: its dotted parts (none for `.`) and how it was written.
    struct Name: Sendable, Hashable {
        var parts: [String]
        var text: String

        init(_ text: String) {
            self.text = text
            parts = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// Parses `text`; a mistake is reported with the line and column of its tag.
    init(_ text: String, file: String) throws(TemplateError) {
        self.file = file
        var parser = Parser(bytes: Array(text.utf8), file: file)
        nodes = try parser.parse()
    }

    /// The names of the templates this one includes (`{{> name}}`) or extends
    /// (`{{<name}}`), with where.
    var references: [(name: String, position: Position)] {
        var found: [(String, Position)] = []
        func visit(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text, .variable: break
                case .section(_, _, let children, _): visit(children)
                case .partial(let name, _, let position): found.append((name, position))
                case .parent(let name, let blocks, let position):
                    found.append((name, position))
                    for key in blocks.keys.sorted() { visit(blocks[key]!) }
                case .block(_, let children): visit(children)
                }
            }
        }
        visit(nodes)
        return found
    }
}

/// Reads a template's bytes into nodes.
private struct Parser {
    let bytes: [UInt8]
    let file: String
    var offset = 0

    /// A section, block or parent being read, and what it has so far.
    struct Open {
        enum Kind { case root, section(inverted: Bool), block, parent }
        var kind: Kind
        var name: String
        var position: Template.Position
        var nodes: [Template.Node] = []
        var text: [UInt8] = []
        var blocks: [String: [Template.Node]] = [:]
    }

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    mutating func parse() throws(TemplateError) -> [Template.Node] {
        var stack = [Open(kind: .root, name: "", position: .init(line: 1, column: 1))]
        while let open = find(Array("{{".utf8), from: offset) {
            stack[stack.count - 1].text += bytes[offset..<open]
            let position = self.position(of: open)
            let triple = open + 2 < bytes.count && bytes[open + 2] == UInt8(ascii: "{")
            let close = Array((triple ? "}}}" : "}}").utf8)
            guard let end = find(close, from: open + 2) else {
                throw error(at: position, "this tag is not closed; end it with \(triple ? "}}}" : "}}")")
            }
            var inside = String(decoding: bytes[(open + (triple ? 3 : 2))..<end], as: UTF8.self)
            offset = end + close.count
            var sigil: Character = triple ? "{" : " "
            if !triple, let first = inside.first, "#^/!>&<$=".contains(first) {
                sigil = first
                inside.removeFirst()
            }
            let name = inside.trimmingCharacters(in: " \t\r\n")
            if sigil != "!" && name.isEmpty {
                throw error(at: position, "this tag has no name")
            }
            if "#^/!><$=".contains(sigil), let (indentation, lineEnd) = standalone(tagStart: open, tagEnd: offset) {
                stack[stack.count - 1].text.removeLast(indentation.count)
                offset = lineEnd
                try handle(sigil, name, at: position, indentation: indentation, stack: &stack)
            } else {
                try handle(sigil, name, at: position, indentation: [], stack: &stack)
            }
        }
        stack[stack.count - 1].text += bytes[offset...]
        offset = bytes.count
        guard stack.count == 1 else {
            let open = stack[stack.count - 1]
            throw error(at: open.position, "the section \"\(open.name)\" is never closed; add {{/\(open.name)}}")
        }
        flushText(&stack[0])
        return stack[0].nodes
    }

    private mutating func handle(
        _ sigil: Character, _ name: String, at position: Template.Position, indentation: [UInt8], stack: inout [Open]
    ) throws(TemplateError) {
        let top = stack.count - 1
        switch sigil {
        case "!":
            break
        case "=":
            throw error(at: position, "changing the delimiters ({{=…=}}) is not supported; use {{ and }}")
        case "#", "^":
            flushText(&stack[top])
            stack.append(Open(kind: .section(inverted: sigil == "^"), name: name, position: position))
        case "$":
            flushText(&stack[top])
            stack.append(Open(kind: .block, name: name, position: position))
        case "<":
            flushText(&stack[top])
            stack.append(Open(kind: .parent, name: name, position: position))
        case "/":
            guard top > 0 else {
                throw error(at: position, "{{/\(name)}} closes nothing; remove it or open the section with {{#\(name)}}")
            }
            var open = stack.removeLast()
            guard open.name == name else {
                throw error(at: position, "{{/\(name)}} closes \"\(open.name)\", opened at line \(open.position.line); write {{/\(open.name)}}")
            }
            flushText(&open)
            let node: Template.Node
            switch open.kind {
            case .root: fatalError("the root is never on top of another")
            case .section(let inverted): node = .section(Template.Name(name), inverted: inverted, open.nodes, at: open.position)
            case .block: node = .block(name, open.nodes)
            case .parent: node = .parent(name, blocks: open.blocks, at: open.position)
            }
            let parent = stack.count - 1
            if case .parent = stack[parent].kind {
                // Inside {{<parent}}, only block definitions count.
                if case .block(let blockName, let nodes) = node { stack[parent].blocks[blockName] = nodes }
            } else {
                stack[parent].nodes.append(node)
            }
        case ">":
            flushText(&stack[top])
            stack[top].nodes.append(.partial(name, indentation: indentation, at: position))
        default:
            flushText(&stack[top])
            stack[top].nodes.append(.variable(Template.Name(name), escaped: sigil == " ", at: position))
        }
    }

    private func flushText(_ open: inout Open) {
        guard !open.text.isEmpty else { return }
        if case .parent = open.kind {} else { open.nodes.append(.text(open.text)) }
        open.text = []
    }

    /// For a tag alone on its line: the whitespace before it and where the next line
    /// starts; `nil` when anything else shares the line.
    private func standalone(tagStart: Int, tagEnd: Int) -> (indentation: [UInt8], lineEnd: Int)? {
        var start = tagStart
        while start > 0, bytes[start - 1] == UInt8(ascii: " ") || bytes[start - 1] == UInt8(ascii: "\t") { start -= 1 }
        guard start == 0 || bytes[start - 1] == UInt8(ascii: "\n") else { return nil }
        var end = tagEnd
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\r") { end += 1 }
        if end < bytes.count {
            guard bytes[end] == UInt8(ascii: "\n") else { return nil }
            end += 1
        }
        return (Array(bytes[start..<tagStart]), end)
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private func position(of offset: Int) -> Template.Position {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return .init(line: line, column: offset - lineStart + 1)
    }

    private func error(at position: Template.Position, _ message: String) -> TemplateError {
        TemplateError(file: file, line: position.line, column: position.column, message: "template syntax error: \(message)")
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        let set = Set(set)
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
