/// A set of templates that include and extend each other by name, and renders them.
public struct TemplateLibrary: Sendable {
    /// The templates, by the name partial and parent tags use (`code` for
    /// `{{> code}}`).
    public let templates: [String: Template]

    public init(_ templates: [String: Template]) {
        self.templates = templates
    }

    /// What a name or partial that is not there means.
    public enum Mode: Sendable, Hashable {
        /// As the specification says: a name found nowhere renders as empty and counts
        /// as false; a partial nothing defines renders as empty.
        case lenient
        /// Either is an error at its tag, with a suggestion when a name is close to one
        /// that is there. For contexts that hold every name a template may use (with
        /// ``TemplateValue/none`` for "nothing here"), so that a typo fails loudly.
        case strict
    }

    /// How a render goes, and the bounds that keep hostile templates from running
    /// away.
    public struct Options: Sendable, Hashable {
        public var mode: Mode
        /// The most partials and parents expanded inside each other.
        public var maximumDepth: Int
        /// The most bytes one render may produce.
        public var maximumOutputBytes: Int
        /// The most partials and parents one render may expand in all, so that
        /// templates that include each other many times over stop even when they
        /// print nothing.
        public var maximumExpansions: Int

        public init(
            mode: Mode = .lenient, maximumDepth: Int = 100, maximumOutputBytes: Int = 1 << 30,
            maximumExpansions: Int = 10_000_000
        ) {
            self.mode = mode
            self.maximumDepth = maximumDepth
            self.maximumOutputBytes = maximumOutputBytes
            self.maximumExpansions = maximumExpansions
        }
    }

    /// The template `name` rendered with `context`; `capacity` is a guess of the
    /// output's size.
    public func render(
        _ name: String, with context: TemplateValue, options: Options = Options(), capacity: Int = 4096
    ) throws(MustacheError) -> [UInt8] {
        guard let template = templates[name] else {
            throw MustacheError(file: "\(name).mustache", line: 0, column: 0, message: "there is no template \"\(name)\"")
        }
        return try render(template, with: context, options: options, capacity: capacity)
    }

    /// `template` rendered with `context`, its partials and parents taken from the
    /// library.
    public func render(
        _ template: Template, with context: TemplateValue, options: Options = Options(), capacity: Int = 4096
    ) throws(MustacheError) -> [UInt8] {
        var renderer = TemplateRenderer(library: self, context: context, options: options, capacity: capacity)
        try renderer.render(template)
        return renderer.output.bytes
    }

    /// The template `name` rendered with `context` into `output`, a run of bytes at a
    /// time, so that no more than a run is held. Throws when `output` refuses bytes
    /// (with the message "the output could not be written"; the output knows why).
    public func render(
        _ name: String, with context: TemplateValue, options: Options = Options(), into output: TemplateOutput
    ) throws(MustacheError) {
        guard let template = templates[name] else {
            throw MustacheError(file: "\(name).mustache", line: 0, column: 0, message: "there is no template \"\(name)\"")
        }
        try render(template, with: context, options: options, into: output)
    }

    /// `template` rendered into `output`, in runs of about `run` bytes.
    func render(
        _ template: Template, with context: TemplateValue, options: Options = Options(), into output: TemplateOutput,
        run: Int = OutputBuffer.defaultRun
    ) throws(MustacheError) {
        var renderer = TemplateRenderer(library: self, context: context, options: options, capacity: 0, sink: output, run: run)
        try renderer.render(template)
        guard renderer.finish() else { throw MustacheError.outputRefused(file: template.file) }
    }

    /// One step of a loop of templates: the file of a partial or parent tag, where the
    /// tag is, and the template it names.
    public struct Step: Sendable, Hashable, CustomStringConvertible {
        public var file: String
        public var position: Template.Position
        public var name: String

        public var description: String { "\(file):\(position.line):\(position.column)" }
    }

    /// A loop of templates that include or extend each other by the names written in
    /// them (`page` → `base` → `page`), or `nil` when there is none. Rendering such a
    /// loop ends only because its data runs out (or at ``Options/maximumDepth``), so a
    /// library whose contexts are not recursive can refuse it up front.
    public func firstCycle() -> [Step]? {
        var state: [String: Bool] = [:]  // false: on the current path; true: done
        var path: [Step] = []
        func visit(_ name: String) -> [Step]? {
            guard let template = templates[name] else { return nil }
            state[name] = false
            for reference in template.references {
                let step = Step(file: template.file, position: reference.position, name: reference.name)
                switch state[reference.name] {
                case false?:
                    path.append(step)
                    let start = path.firstIndex { $0.file == templates[reference.name]?.file } ?? 0
                    return Array(path[start...])
                case true?:
                    continue
                case nil:
                    path.append(step)
                    if let cycle = visit(reference.name) { return cycle }
                    path.removeLast()
                }
            }
            state[name] = true
            return nil
        }
        for name in templates.keys.sorted() where state[name] == nil {
            path = []
            if let cycle = visit(name) { return cycle }
        }
        return nil
    }
}
