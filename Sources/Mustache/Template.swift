/// One Mustache template, parsed once into a tree that renders without re-reading
/// its text.
///
/// The language is the Mustache specification's, with its optional inheritance and
/// dynamic-names modules: `{{name}}` (HTML-escaped), `{{{name}}}` and `{{& name}}`,
/// dotted names and `{{.}}`, sections `{{#name}}…{{/name}}` and inverted sections
/// `{{^name}}…{{/name}}`, comments `{{! … }}`, set delimiters `{{=<% %>=}}`,
/// partials `{{> name}}` and dynamic partials `{{>*name}}`, parents `{{<name}}…{{/name}}`
/// and their blocks `{{$name}}…{{/name}}`. Lambdas are not supported: a context is
/// data, never code. A tag alone on its line takes the line with it, and a partial
/// alone on its line is indented like its tag, as the specification says.
public struct Template: Sendable {
    /// The file the template was read from, for messages (`Templates/page.mustache`).
    public let file: String
    let nodes: [Node]

    /// Where something is in a template: 1-based line and column (in UTF-8 bytes).
    public struct Position: Sendable, Hashable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    /// How large and how deep a template may be, so that hostile input costs bounded
    /// time and memory.
    public struct Limits: Sendable, Hashable {
        /// The most bytes a template's text may have.
        public var maximumBytes: Int
        /// The most sections, blocks and parents open inside each other.
        public var maximumNesting: Int

        public init(maximumBytes: Int = 1 << 20, maximumNesting: Int = 100) {
            self.maximumBytes = maximumBytes
            self.maximumNesting = maximumNesting
        }
    }

    /// Parses `text` (read from `file`). Parsing takes time linear in the text; a
    /// mistake is reported with the line and column of its tag.
    public init(_ text: String, file: String, limits: Limits = Limits()) throws(MustacheError) {
        self.file = file
        nodes = try TemplateParser(text: text, file: file, limits: limits).parse()
    }

    /// A template this one includes (`{{> name}}`) or extends (`{{<name}}`) by a name
    /// written in it, and where.
    public struct Reference: Sendable, Hashable {
        public var name: String
        public var position: Position
    }

    /// The templates this one names in its partial and parent tags, in the order they
    /// appear. Dynamic names (`{{>*name}}`) are known only when rendering.
    public var references: [Reference] {
        var found: [Reference] = []
        func visit(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text, .variable: break
                case .section(let section): visit(section.nodes)
                case .partial(let partial):
                    if case .fixed(let name) = partial.name { found.append(Reference(name: name, position: partial.position)) }
                case .parent(let parent):
                    if case .fixed(let name) = parent.name { found.append(Reference(name: name, position: parent.position)) }
                    for block in parent.blocks.sorted(by: { $0.key < $1.key }) { visit(block.value.nodes) }
                case .block(let block): visit(block.nodes)
                }
            }
        }
        visit(nodes)
        return found
    }
}
