/// Renders a ``Template`` with a context into bytes.
///
/// A name is looked up in the innermost value first and then outwards, as Mustache
/// says; the rest of a dotted name only inside what its first part found.
///
/// Indentation: a partial or parent alone on its line gets its tag's indentation at
/// the start of each of its lines that has anything on it, and a block alone on its
/// line has its content's own indentation taken off and the block's put on. Values
/// are never indented: only template text moves. The renderer follows this with a
/// ``LineShape`` in force and whether output stands at the start of a template line.
struct TemplateRenderer {
    let library: TemplateLibrary
    let options: TemplateLibrary.Options
    private(set) var output: OutputBuffer
    private var stack: [TemplateValue]
    /// The partials and parents being expanded, outermost first.
    private var expansions: [TemplateLibrary.Step] = []
    /// How many partials and parents this render has expanded so far.
    private var expansionCount = 0
    private var shape = LineShape.identity
    private var atLineStart = true
    /// How much of the line's indentation is still to be taken off.
    private var stripLeft = 0

    /// How template lines are re-indented: `strip` bytes of their spaces and tabs
    /// taken off, then `indent` put before what is left (on lines with anything left).
    struct LineShape: Equatable {
        var strip: Int
        var indent: [UInt8]

        static var identity: LineShape { LineShape(strip: 0, indent: []) }
        var isIdentity: Bool { strip == 0 && indent.isEmpty }

        /// The indentation `whitespace`, written on a line of this shape, ends up with.
        func shaping(_ whitespace: [UInt8]) -> [UInt8] {
            indent + whitespace.dropFirst(min(strip, whitespace.count))
        }
    }

    /// The content given for a block, and where it was written.
    struct Override {
        var block: Template.Block
        var file: String
    }

    init(
        library: TemplateLibrary, context: TemplateValue, options: TemplateLibrary.Options, capacity: Int,
        sink: TemplateOutput? = nil, run: Int = OutputBuffer.defaultRun
    ) {
        self.library = library
        self.options = options
        output = OutputBuffer(capacity: capacity, limit: options.maximumOutputBytes, sink: sink, run: run)
        stack = [context]
    }

    mutating func render(_ template: Template) throws(MustacheError) {
        try render(template.nodes, file: template.file, overrides: [:])
    }

    private mutating func render(_ nodes: [Template.Node], file: String, overrides: [String: Override]) throws(MustacheError) {
        for node in nodes {
            switch node {
            case .text(let text):
                try write(text, file: file)
            case .variable(let variable):
                beginLine()
                try interpolate(variable, file: file)
            case .section(let section):
                if !section.standalone { beginLine() }
                try render(section, file: file, overrides: overrides)
            case .partial(let partial):
                try expand(partial.name, indentation: partial.indentation, from: file, at: partial.position, overrides: overrides)
            case .parent(let parent):
                var merged = parent.blocks.mapValues { Override(block: $0, file: file) }
                merged.merge(overrides) { _, outer in outer }
                try expand(parent.name, indentation: parent.indentation, from: file, at: parent.position, overrides: merged)
            case .block(let block):
                try render(block, file: file, overrides: overrides)
            }
        }
    }

    // MARK: - Text and values

    @inline(__always)
    private mutating func write(_ text: Template.Text, file: String) throws(MustacheError) {
        if shape.isIdentity {
            output.append(text.bytes)
        } else {
            var start = 0
            for end in text.lineEnds {
                writeShaped(text.bytes[start..<end])
                start = end
            }
            if start < text.bytes.count { writeShaped(text.bytes[start...]) }
        }
        try settle(file: file)
    }

    /// One piece of a template line (with its line break, if it has one), shaped.
    private mutating func writeShaped(_ piece: ArraySlice<UInt8>) {
        var piece = piece
        let endsLine = piece.last == UInt8(ascii: "\n")
        if atLineStart {
            while stripLeft > 0, let first = piece.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
                piece = piece.dropFirst()
                stripLeft -= 1
            }
            let blank = piece.allSatisfy { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
            if !blank {
                output.append(shape.indent)
                atLineStart = false
                stripLeft = 0
            }
        }
        output.append(piece)
        if endsLine {
            atLineStart = true
            stripLeft = shape.strip
        }
    }

    /// Puts the indentation of the line down before a tag that starts it.
    @inline(__always)
    private mutating func beginLine() {
        guard atLineStart, !shape.isIdentity else { return }
        output.append(shape.indent)
        atLineStart = false
        stripLeft = 0
    }

    @inline(__always)
    private mutating func interpolate(_ variable: Template.Variable, file: String) throws(MustacheError) {
        switch try value(of: variable.name, file: file, at: variable.position).unwrapped {
        case .string(let text):
            if variable.escaped { output.appendEscapingHTML(text) } else { output.append(text) }
        case .number(let number):
            output.append(String(number))
        case .decimal(let number):
            output.append(Self.text(of: number))
        case .bool(let value):
            output.append(value ? "true" : "false")
        case .none:
            break
        case .list, .object, .remembered, .deferred:
            guard options.mode == .strict else { return }
            let name = variable.name.text
            throw MustacheError(
                file: file, at: variable.position,
                "\"\(name)\" holds several values and cannot be shown as text; use it as a section: {{#\(name)}}…{{/\(name)}}")
        }
        try settle(file: file)
    }

    /// A decimal as JavaScript writes it: no `.0` on a whole number.
    static func text(of number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int(number)) }
        return String(number)
    }

    // MARK: - Sections and blocks

    @inline(__always)
    private mutating func render(_ section: Template.Section, file: String, overrides: [String: Override]) throws(MustacheError) {
        try render(section, file: file, overrides: overrides, value: try value(of: section.name, file: file, at: section.position))
    }

    private mutating func render(
        _ section: Template.Section, file: String, overrides: [String: Override], value: TemplateValue
    ) throws(MustacheError) {
        if section.inverted {
            if !value.isTruthy { try render(section.nodes, file: file, overrides: overrides) }
            return
        }
        guard value.isTruthy else { return }
        let nodes = section.nodes
        switch value {
        case .list(let items):
            for item in items {
                let item = if case .deferred(let deferred) = item { try deferred.value() } else { item }
                if case .remembered(let remembered) = item {
                    try render(section, pushing: remembered, file: file, overrides: overrides)
                } else {
                    try render(nodes, pushing: item, file: file, overrides: overrides)
                }
            }
            try settle(file: file)
        case .bool:
            try render(nodes, file: file, overrides: overrides)
        case .remembered(let remembered):
            // Only an object's renderings are kept; anything else shows as what it holds.
            if case .object = remembered.value {
                try render(section, pushing: remembered, file: file, overrides: overrides)
            } else {
                try render(section, file: file, overrides: overrides, value: remembered.value)
            }
        default:
            try render(nodes, pushing: value, file: file, overrides: overrides)
        }
    }

    /// A section shown with a value it was shown with before, copying what it rendered
    /// then where that cannot differ (see ``RememberedValue``); else rendered anew, and
    /// remembered when it could be copied next time.
    private mutating func render(
        _ section: Template.Section, pushing remembered: RememberedValue, file: String, overrides: [String: Override]
    ) throws(MustacheError) {
        guard shape.isIdentity else {
            return try render(section.nodes, pushing: remembered.value, file: file, overrides: overrides)
        }
        // A rendering is kept only once the checks below passed, and they depend on
        // nothing but the section and the value, which never changes.
        if let bytes = remembered.rendering(by: section, options: options) {
            output.append(bytes)
            return
        }
        guard let names = section.names, case .object(let members) = remembered.value, names.allSatisfy({ members[$0] != nil })
        else {
            return try render(section.nodes, pushing: remembered.value, file: file, overrides: overrides)
        }
        output.hold()
        defer { output.release() }
        let start = output.bytes.count
        try render(section.nodes, pushing: remembered.value, file: file, overrides: overrides)
        remembered.remember(Array(output.bytes[start...]), renderedBy: section, options: options)
    }

    private mutating func render(
        _ nodes: [Template.Node], pushing value: TemplateValue, file: String, overrides: [String: Override]
    ) throws(MustacheError) {
        stack.append(value)
        defer { stack.removeLast() }
        try render(nodes, file: file, overrides: overrides)
    }

    private mutating func render(_ block: Template.Block, file: String, overrides: [String: Override]) throws(MustacheError) {
        let given = overrides[block.name]
        let saved = (shape, atLineStart, stripLeft)
        if let indentation = block.indentation {
            // Alone on its line: the content loses its own indentation and takes the
            // block's, as shaped where the block is.
            let indent = shape.shaping(indentation)
            shape = LineShape(strip: given.map(\.block.margin) ?? max(block.margin, shape.strip), indent: indent)
            atLineStart = true
            stripLeft = shape.strip
        } else if let given {
            guard given.block.margin > 0 else {
                shape = .identity
                try render(given.block.nodes, file: given.file, overrides: overrides)
                (shape, atLineStart, stripLeft) = (saved.0, false, 0)
                return
            }
            shape = LineShape(strip: given.block.margin, indent: [])
            atLineStart = true
            stripLeft = shape.strip
        } else {
            beginLine()
            try render(block.nodes, file: file, overrides: overrides)
            return
        }
        if let given {
            try render(given.block.nodes, file: given.file, overrides: overrides)
        } else {
            try render(block.nodes, file: file, overrides: overrides)
        }
        (shape, atLineStart, stripLeft) = (saved.0, block.indentation != nil, 0)
    }

    // MARK: - Partials and parents

    /// The template a partial or parent tag names; `nil` (render nothing) when
    /// there is none and the mode is lenient.
    private func template(named name: Template.TemplateName, file: String, at position: Template.Position) throws(MustacheError) -> Template? {
        let resolved: String
        switch name {
        case .fixed(let fixed):
            resolved = fixed
        case .dynamic(let dynamic):
            let value = try value(of: dynamic, file: file, at: position)
            guard case .string(let text) = value.unwrapped else {
                if case .none = value.unwrapped { return nil }
                guard options.mode == .strict else { return nil }
                throw MustacheError(
                    file: file, at: position, "\"\(dynamic.text)\" does not hold a template's name; a dynamic partial needs text")
            }
            resolved = text
        }
        if let template = library.templates[resolved] { return template }
        guard options.mode == .strict else { return nil }
        throw MustacheError(
            file: file, at: position, "there is no template \"\(resolved)\"; add \(resolved).mustache to the templates folder")
    }

    /// Renders the template a partial or parent tag names, with `overrides` for its
    /// blocks, indented when the tag is alone on its line, and bounded in depth; nothing
    /// (in lenient mode) when there is no such template.
    private mutating func expand(
        _ templateName: Template.TemplateName, indentation: [UInt8]?, from file: String, at position: Template.Position,
        overrides: [String: Override]
    ) throws(MustacheError) {
        guard let template = try template(named: templateName, file: file, at: position) else {
            if indentation == nil { beginLine() }
            return
        }
        let name = templateName.text
        guard expansions.count < options.maximumDepth else {
            let chain = (expansions.suffix(6).map(\.description) + ["\(file):\(position.line):\(position.column)"]).joined(separator: " → ")
            throw MustacheError(
                file: file, at: position,
                "templates are included inside each other more than \(options.maximumDepth) deep (… → \(chain) → \(template.file)); "
                    + "a template must not include itself, directly or through others")
        }
        expansionCount += 1
        guard expansionCount <= options.maximumExpansions else {
            throw MustacheError(
                file: file, at: position,
                "rendering expanded more than \(options.maximumExpansions) partials and parents; look for templates that include each other many times over")
        }
        expansions.append(TemplateLibrary.Step(file: file, position: position, name: name))
        defer { expansions.removeLast() }
        let saved = (shape, atLineStart, stripLeft)
        if let indentation {
            shape = LineShape(strip: 0, indent: shape.shaping(indentation))
            atLineStart = true
        } else {
            beginLine()
            shape = .identity
        }
        stripLeft = 0
        try render(template.nodes, file: template.file, overrides: overrides)
        (shape, atLineStart, stripLeft) = (saved.0, indentation != nil, 0)
    }

    // MARK: - Names

    /// The value of `name` here; ``TemplateValue/none`` when it is found nowhere (an
    /// error in strict mode).
    private func value(of name: Template.Name, file: String, at position: Template.Position) throws(MustacheError) -> TemplateValue {
        let parts = name.parts
        guard let first = parts.first else { return stack[stack.count - 1] }
        var found: TemplateValue?
        for frame in stack.reversed() {
            if let value = frame.member(first) {
                found = value
                break
            }
        }
        guard var value = found else {
            guard options.mode == .strict else { return .none }
            throw unknown(name, failing: 0, in: stack.last, file: file, at: position)
        }
        var index = 1
        while index < parts.count {
            if case .deferred(let deferred) = value { value = try deferred.value() }
            if case .none = value.unwrapped { return .none }
            guard let member = value.member(parts[index]) else {
                guard options.mode == .strict else { return .none }
                throw unknown(name, failing: index, in: value, file: file, at: position)
            }
            value = member
            index += 1
        }
        if case .deferred(let deferred) = value { value = try deferred.value() }
        return value
    }

    private func unknown(
        _ name: Template.Name, failing index: Int, in value: TemplateValue?, file: String, at position: Template.Position
    ) -> MustacheError {
        var message = "unknown name \"\(name.text)\""
        if case .object(let members)? = value?.unwrapped {
            let known = members.keys.sorted()
            let suggestion = NameSuggestion.closest(to: name.parts[index], among: known).map { close in
                (name.parts[..<index] + [close]).joined(separator: ".")
            }
            if let suggestion, suggestion != name.text {
                message += "; did you mean \"\(suggestion)\"?"
            } else if !known.isEmpty {
                let prefix = name.parts[..<index].joined(separator: ".")
                message += "; the names \(prefix.isEmpty ? "here" : "in \"\(prefix)\"") are \(known.joined(separator: ", "))"
            }
        }
        return MustacheError(file: file, at: position, message)
    }

    /// Hands a full run of output on, and stops a render that made too much or whose
    /// output could not take more.
    @inline(__always)
    private mutating func settle(file: String) throws(MustacheError) {
        if output.bytes.count >= output.run { output.handOn() }
        guard output.isFull else { return }
        if output.sinkFailed { throw MustacheError.outputRefused(file: file) }
        throw outputTooLarge(file: file)
    }

    /// Hands the rest of the output on; false when the output could not take it.
    mutating func finish() -> Bool {
        output.handOn(all: true)
        return !output.sinkFailed
    }

    private func outputTooLarge(file: String) -> MustacheError {
        MustacheError(
            file: file, line: 0, column: 0,
            message: "rendering produced more than \(options.maximumOutputBytes) bytes; look for partials that include each other many times")
    }
}
