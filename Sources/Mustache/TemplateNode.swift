extension Template {
    /// A piece of a parsed template.
    indirect enum Node: Sendable {
        case text(Text)
        case variable(Variable)
        case section(Section)
        case partial(Partial)
        /// `{{<name}}` with the blocks it fills.
        case parent(Parent)
        /// `{{$name}}` with its default content.
        case block(Block)
    }

    /// Text copied as it is, with where its lines end, so that an indented partial can
    /// put its indentation at the start of each line.
    struct Text: Sendable {
        var bytes: [UInt8]
        /// The offsets just after each line break in `bytes`.
        var lineEnds: [Int]
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

    struct Variable: Sendable {
        var name: Name
        var escaped: Bool
        var position: Position
    }

    struct Section: Sendable {
        var name: Name
        var inverted: Bool
        var nodes: [Node]
        var position: Position
        /// Whether the opening tag was alone on its line (and so took the line).
        var standalone: Bool
    }

    /// The name of a partial or parent: as written, or looked up in the context
    /// (`{{>*name}}`).
    enum TemplateName: Sendable {
        case fixed(String)
        case dynamic(Name)

        var text: String {
            switch self {
            case .fixed(let name): name
            case .dynamic(let name): "*" + name.text
            }
        }
    }

    struct Partial: Sendable {
        var name: TemplateName
        /// The whitespace before a partial alone on its line, which each line of the
        /// partial gets; `nil` for a partial sharing its line.
        var indentation: [UInt8]?
        var position: Position
    }

    struct Parent: Sendable {
        var name: TemplateName
        var blocks: [String: Block]
        var indentation: [UInt8]?
        var position: Position
    }

    /// A block: its content, and how its lines are re-indented where it is used.
    struct Block: Sendable {
        var name: String
        var nodes: [Node]
        var position: Position
        /// For a block alone on its line: the indentation its content gets where it is
        /// expanded (its default content's own, else its tag's).
        var indentation: [UInt8]?
        /// For a block alone on its line: how many bytes of indentation its content's
        /// lines have in common, removed before the content is indented anew.
        var margin: Int
    }
}
