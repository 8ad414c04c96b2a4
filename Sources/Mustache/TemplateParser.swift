/// Reads a template's text into nodes, in three passes, each linear in the text:
/// the text is cut into tokens (text runs, one line at most each, and tags, read with
/// the delimiters in force where they stand); each line is then checked for a tag
/// that stands alone on it (and takes the line with it); and the tokens are built
/// into a tree.
struct TemplateParser {
    let bytes: [UInt8]
    let file: String
    let limits: Template.Limits

    init(text: String, file: String, limits: Template.Limits) {
        bytes = Array(text.utf8)
        self.file = file
        self.limits = limits
    }

    func parse() throws(MustacheError) -> [Template.Node] {
        guard bytes.count <= limits.maximumBytes else {
            throw MustacheError(
                file: file, line: 0, column: 0,
                message: "the template has \(bytes.count) bytes, more than the \(limits.maximumBytes) a template may have; split it into partials")
        }
        var tokens = try tokenize()
        markStandaloneLines(&tokens)
        return try buildTree(tokens)
    }

    // MARK: - Tokens

    struct Token {
        enum Kind {
            /// Text without a line break, or ending with the only one.
            case text
            case tag(Tag)
        }

        var kind: Kind
        /// The token's bytes (for a tag, the whole tag with its delimiters).
        var start: Int
        var end: Int
        var position: Template.Position
        /// Set for a text token a standalone tag takes with it.
        var dropped = false
    }

    struct Tag {
        /// `#`, `^`, `/`, `!`, `=`, `>`, `<`, `$`, `&` (unescaped), or ` ` (escaped).
        var sigil: UInt8
        var name: String
        var dynamic: Bool
        var standalone = false
        /// The whitespace before a standalone tag, on its line.
        var indentation: [UInt8] = []
        /// Where the tag's line starts and where the next one starts.
        var lineStart = 0
        var lineEnd = 0
    }

    private func tokenize() throws(MustacheError) -> [Token] {
        var tokens: [Token] = []
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)
        var offset = 0
        var line = 1
        var lineStart = 0
        var textStart = 0
        func position(_ at: Int) -> Template.Position { .init(line: line, column: at - lineStart + 1) }
        func flushText(upTo end: Int, _ tokens: inout [Token], _ textStart: inout Int, _ textPosition: Template.Position) {
            if end > textStart { tokens.append(Token(kind: .text, start: textStart, end: end, position: textPosition)) }
            textStart = end
        }
        var textPosition = Template.Position(line: 1, column: 1)
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\n") {
                offset += 1
                flushText(upTo: offset, &tokens, &textStart, textPosition)
                line += 1
                lineStart = offset
                textPosition = position(offset)
                continue
            }
            guard byte == open[0], matches(open, at: offset) else {
                offset += 1
                continue
            }
            flushText(upTo: offset, &tokens, &textStart, textPosition)
            let tagPosition = position(offset)
            let tagStart = offset
            var contentStart = offset + open.count
            var closing = close
            let triple = contentStart < bytes.count && bytes[contentStart] == UInt8(ascii: "{")
            if triple {
                contentStart += 1
                closing = [UInt8(ascii: "}")] + close
            }
            guard let contentEnd = find(closing, from: contentStart) else {
                throw MustacheError(
                    file: file, at: tagPosition,
                    "this tag is not closed; end it with \(String(decoding: closing, as: UTF8.self))")
            }
            // A tag may span lines (a comment); keep the line count right.
            for index in contentStart..<contentEnd where bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            offset = contentEnd + closing.count
            textStart = offset
            textPosition = position(offset)
            var tag = try readTag(bytes[contentStart..<contentEnd], triple: triple, at: tagPosition)
            if tag.sigil == UInt8(ascii: "=") {
                (open, close) = try delimiters(in: tag.name, at: tagPosition)
                tag.name = ""
            }
            tokens.append(Token(kind: .tag(tag), start: tagStart, end: offset, position: tagPosition))
        }
        flushText(upTo: bytes.count, &tokens, &textStart, textPosition)
        return tokens
    }

    private func readTag(_ content: ArraySlice<UInt8>, triple: Bool, at position: Template.Position) throws(MustacheError) -> Tag {
        var content = content
        var sigil = UInt8(ascii: " ")
        if triple {
            sigil = UInt8(ascii: "&")
        } else if let first = content.first, Self.sigils.contains(first) {
            sigil = first
            content = content.dropFirst()
        }
        if sigil == UInt8(ascii: "{") { sigil = UInt8(ascii: "&") }
        if sigil == UInt8(ascii: "!") { return Tag(sigil: sigil, name: "", dynamic: false) }
        if sigil == UInt8(ascii: "=") {
            guard content.last == UInt8(ascii: "=") else {
                throw MustacheError(file: file, at: position, "a set-delimiters tag ends with =, like {{=<% %>=}}")
            }
            return Tag(sigil: sigil, name: String(decoding: content.dropLast(), as: UTF8.self), dynamic: false)
        }
        var name = Self.trimmed(content)
        var dynamic = false
        if sigil == UInt8(ascii: ">") || sigil == UInt8(ascii: "<"), name.first == UInt8(ascii: "*") {
            dynamic = true
            name = Self.trimmed(name.dropFirst())
        }
        guard !name.isEmpty else { throw MustacheError(file: file, at: position, "this tag has no name") }
        return Tag(sigil: sigil, name: String(decoding: name, as: UTF8.self), dynamic: dynamic)
    }

    private func delimiters(in text: String, at position: Template.Position) throws(MustacheError) -> ([UInt8], [UInt8]) {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
        guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
            throw MustacheError(
                file: file, at: position,
                "a set-delimiters tag names two delimiters, separated by a space and without = in them, like {{=<% %>=}}")
        }
        return (Array(parts[0].utf8), Array(parts[1].utf8))
    }

    private static let sigils: Set<UInt8> = Set("#^/!=><$&{".utf8)

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes
        while let first = bytes.first, isSpace(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, isSpace(last) { bytes = bytes.dropLast() }
        return bytes
    }

    private func matches(_ needle: [UInt8], at offset: Int) -> Bool {
        guard offset + needle.count <= bytes.count else { return false }
        for index in 0..<needle.count where bytes[offset + index] != needle[index] { return false }
        return true
    }

    /// The first place at or after `start` where `needle` is. A tag's end is looked
    /// for once per tag, from the tag on, so the whole text is read once.
    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && matches(needle, at: index) { return index }
            index += 1
        }
        return nil
    }

    // MARK: - Standalone lines

    /// Marks each tag alone on its line — with only spaces and tabs around it — as
    /// standalone, and drops the line's other tokens. Two tags count as one where
    /// inheritance pairs them: `{{<parent}}{{/parent}}`, `{{$block}}{{/block}}`,
    /// `{{<parent}}{{$block}}` and `{{/block}}{{/parent}}`.
    private func markStandaloneLines(_ tokens: inout [Token]) {
        var opened: [UInt8] = []
        var first = 0
        while first < tokens.count {
            var last = first
            while last < tokens.count - 1, !endsLine(tokens[last]) { last += 1 }
            markLine(first...last, in: &tokens, opened: &opened)
            first = last + 1
        }
    }

    private func endsLine(_ token: Token) -> Bool {
        if case .text = token.kind { return bytes[token.end - 1] == UInt8(ascii: "\n") }
        return false
    }

    private func markLine(_ line: ClosedRange<Int>, in tokens: inout [Token], opened: inout [UInt8]) {
        var tagIndices: [Int] = []
        var blank = true
        for index in line {
            switch tokens[index].kind {
            case .tag: tagIndices.append(index)
            case .text:
                if !isWhitespaceLine(tokens[index]) { blank = false }
            }
        }
        // What each tag on the line opens or closes, following the nesting.
        var kinds: [(sigil: UInt8, closes: UInt8?)] = []
        for index in tagIndices {
            guard case .tag(let tag) = tokens[index].kind else { continue }
            switch tag.sigil {
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "<"), UInt8(ascii: "$"):
                opened.append(tag.sigil)
                kinds.append((tag.sigil, nil))
            case UInt8(ascii: "/"):
                kinds.append((tag.sigil, opened.popLast()))
            default:
                kinds.append((tag.sigil, nil))
            }
        }
        guard blank, !tagIndices.isEmpty else { return }
        var keepNewline = false
        if tagIndices.count == 1 {
            guard Self.standaloneSigils.contains(kinds[0].sigil) else { return }
        } else if tagIndices.count == 2, tagIndices[1] == tagIndices[0] + 1 {
            let (a, b) = (kinds[0], kinds[1])
            let lt = UInt8(ascii: "<"), dollar = UInt8(ascii: "$"), slash = UInt8(ascii: "/")
            switch (a.sigil, b.sigil) {
            case (lt, slash) where b.closes == lt: break
            case (dollar, slash) where b.closes == dollar: keepNewline = true
            case (lt, dollar): break
            case (slash, slash) where a.closes == dollar && b.closes == lt: break
            default: return
            }
        } else {
            return
        }
        let lineStart = tokens[line.lowerBound].start
        let lineEnd = tokens[line.upperBound].end
        var indentation: [UInt8] = []
        if line.lowerBound < tagIndices[0] {
            indentation = Array(bytes[tokens[line.lowerBound].start..<tokens[line.lowerBound].end])
            tokens[line.lowerBound].dropped = true
        }
        if tagIndices.last! < line.upperBound {
            let trailing = line.upperBound
            if keepNewline, endsLine(tokens[trailing]) {
                let end = tokens[trailing].end
                let newline = end - 2 >= tokens[trailing].start && bytes[end - 2] == UInt8(ascii: "\r") ? 2 : 1
                tokens[trailing].start = tokens[trailing].end - newline
            } else {
                tokens[trailing].dropped = true
            }
        }
        for index in tagIndices {
            guard case .tag(var tag) = tokens[index].kind else { continue }
            tag.standalone = true
            tag.indentation = indentation
            tag.lineStart = lineStart
            tag.lineEnd = lineEnd
            tokens[index].kind = .tag(tag)
        }
    }

    private static let standaloneSigils: Set<UInt8> = Set("#^/!=><$".utf8)

    /// Whether a text token holds only spaces and tabs, and maybe its line break.
    private func isWhitespaceLine(_ token: Token) -> Bool {
        var end = token.end
        if end > token.start, bytes[end - 1] == UInt8(ascii: "\n") {
            end -= 1
            if end > token.start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        }
        for index in token.start..<end where bytes[index] != UInt8(ascii: " ") && bytes[index] != UInt8(ascii: "\t") {
            return false
        }
        return true
    }

    // MARK: - Tree

    /// A section, block or parent being read, and what it has so far.
    private struct Open {
        var tag: Tag
        var token: Token
        var nodes: [Template.Node] = []
        var blocks: [String: Template.Block] = [:]
    }

    private func buildTree(_ tokens: [Token]) throws(MustacheError) -> [Template.Node] {
        var root: [Template.Node] = []
        var stack: [Open] = []
        func append(_ node: Template.Node, _ stack: inout [Open], _ root: inout [Template.Node]) {
            if stack.isEmpty { root.append(node) } else { stack[stack.count - 1].nodes.append(node) }
        }
        var pendingText: [UInt8] = []
        var pendingLineEnds: [Int] = []
        func flush(_ stack: inout [Open], _ root: inout [Template.Node]) {
            guard !pendingText.isEmpty else { return }
            append(.text(Template.Text(bytes: pendingText, lineEnds: pendingLineEnds)), &stack, &root)
            pendingText = []
            pendingLineEnds = []
        }
        for token in tokens where !token.dropped {
            guard case .tag(let tag) = token.kind else {
                pendingText.append(contentsOf: bytes[token.start..<token.end])
                if bytes[token.end - 1] == UInt8(ascii: "\n") { pendingLineEnds.append(pendingText.count) }
                continue
            }
            flush(&stack, &root)
            let position = token.position
            let name = tag.name
            switch tag.sigil {
            case UInt8(ascii: "!"), UInt8(ascii: "="):
                continue
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
                guard stack.count < limits.maximumNesting else {
                    throw MustacheError(
                        file: file, at: position,
                        "sections are nested more than \(limits.maximumNesting) deep here; close some before opening more")
                }
                stack.append(Open(tag: tag, token: token))
            case UInt8(ascii: "/"):
                guard var open = stack.popLast() else {
                    throw MustacheError(file: file, at: position, "{{/\(name)}} closes nothing; remove it or open the section with {{#\(name)}}")
                }
                guard open.tag.name == name else {
                    throw MustacheError(
                        file: file, at: position,
                        "{{/\(name)}} closes \"\(open.tag.name)\", opened at line \(open.token.position.line); write {{/\(open.tag.name)}}")
                }
                let node = close(&open, closingTag: tag, closingToken: token)
                if case .parent? = stack.last.map({ Self.kind(of: $0.tag) }) {
                    // Inside {{<parent}}, only the blocks count.
                    if case .block(let block) = node { stack[stack.count - 1].blocks[block.name] = block }
                } else {
                    append(node, &stack, &root)
                }
            case UInt8(ascii: ">"):
                let partial = Template.Partial(
                    name: tag.dynamic ? .dynamic(Template.Name(name)) : .fixed(name),
                    indentation: tag.standalone ? tag.indentation : nil, position: position)
                append(.partial(partial), &stack, &root)
            default:
                let variable = Template.Variable(name: Template.Name(name), escaped: tag.sigil == UInt8(ascii: " "), position: position)
                append(.variable(variable), &stack, &root)
            }
        }
        flush(&stack, &root)
        if let open = stack.last {
            let what = switch Self.kind(of: open.tag) {
            case .section: "section"
            case .block: "block"
            case .parent: "parent"
            }
            throw MustacheError(
                file: file, at: open.token.position,
                "the \(what) \"\(open.tag.name)\" is never closed; add {{/\(open.tag.name)}}")
        }
        return root
    }

    private enum OpenKind { case section, block, parent }

    private static func kind(of tag: Tag) -> OpenKind {
        switch tag.sigil {
        case UInt8(ascii: "$"): .block
        case UInt8(ascii: "<"): .parent
        default: .section
        }
    }

    private func close(_ open: inout Open, closingTag: Tag, closingToken: Token) -> Template.Node {
        let tag = open.tag
        switch Self.kind(of: tag) {
        case .section:
            return .section(Template.Section(
                name: Template.Name(tag.name), inverted: tag.sigil == UInt8(ascii: "^"), nodes: open.nodes,
                position: open.token.position, standalone: tag.standalone))
        case .parent:
            return .parent(Template.Parent(
                name: tag.dynamic ? .dynamic(Template.Name(tag.name)) : .fixed(tag.name), blocks: open.blocks,
                indentation: tag.standalone ? tag.indentation : nil, position: open.token.position))
        case .block:
            var indentation: [UInt8]?
            var margin = 0
            if tag.standalone {
                let contentStart = tag.lineEnd
                let contentEnd = closingTag.standalone ? closingTag.lineStart : closingToken.start
                let (shared, firstLine) = Self.margin(of: bytes, in: contentStart..<max(contentStart, contentEnd))
                margin = shared
                indentation = firstLine.isEmpty ? tag.indentation : firstLine
            }
            let block = Template.Block(
                name: tag.name, nodes: open.nodes, position: open.token.position, indentation: indentation, margin: margin)
            return .block(block)
        }
    }

    /// The indentation the lines of `range` share (blank lines aside), and the first
    /// line's part of it (empty when the first line is blank).
    static func margin(of bytes: [UInt8], in range: Range<Int>) -> (Int, [UInt8]) {
        var margin: Int?
        var firstLine: [UInt8]?
        var index = range.lowerBound
        while index < range.upperBound {
            var end = index
            while end < range.upperBound, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") { end += 1 }
            let blank = end == range.upperBound || bytes[end] == UInt8(ascii: "\n") || bytes[end] == UInt8(ascii: "\r")
            if !blank { margin = min(margin ?? .max, end - index) }
            if firstLine == nil { firstLine = blank ? [] : Array(bytes[index..<end]) }
            while end < range.upperBound, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            index = end + 1
        }
        let shared = margin ?? 0
        return (shared, Array((firstLine ?? []).prefix(shared)))
    }
}
