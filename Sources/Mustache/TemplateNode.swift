extension Template {
    /// A piece of a parsed template. Each kind's payload is one immutable object, so
    /// that walking the tree retains one reference a node instead of each field.
    enum Node: Sendable {
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
    final class Text: Sendable {
        let bytes: [UInt8]
        /// The offsets just after each line break in `bytes`.
        let lineEnds: [Int]

        init(bytes: [UInt8], lineEnds: [Int]) {
            self.bytes = bytes
            self.lineEnds = lineEnds
        }
    }

    /// A name in a tag: its dotted parts (none for `.`) and how it was written.
    struct Name: Sendable, Hashable {
        let parts: [String]
        let text: String

        init(_ text: String) {
            self.text = text
            parts = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        }
    }

    final class Variable: Sendable {
        let name: Name
        let escaped: Bool
        let position: Position

        init(name: Name, escaped: Bool, position: Position) {
            self.name = name
            self.escaped = escaped
            self.position = position
        }
    }

    final class Section: Sendable {
        let name: Name
        let inverted: Bool
        let nodes: [Node]
        let position: Position
        /// Whether the opening tag was alone on its line (and so took the line).
        let standalone: Bool
        /// The first part of every name the content uses, at any depth, when it uses
        /// no partial, parent or block: then what it renders depends on those names
        /// alone. `nil` otherwise.
        let names: Set<String>?

        init(name: Name, inverted: Bool, nodes: [Node], position: Position, standalone: Bool) {
            self.name = name
            self.inverted = inverted
            self.nodes = nodes
            self.position = position
            self.standalone = standalone
            var names: Set<String>? = []
            for node in nodes {
                switch node {
                case .text:
                    continue
                case .variable(let variable):
                    if let first = variable.name.parts.first { names?.insert(first) }
                case .section(let section):
                    if let first = section.name.parts.first { names?.insert(first) }
                    if let inner = section.names { names?.formUnion(inner) } else { names = nil }
                case .partial, .parent, .block:
                    names = nil
                }
                if names == nil { break }
            }
            self.names = names
        }
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

    final class Partial: Sendable {
        let name: TemplateName
        /// The whitespace before a partial alone on its line, which each line of the
        /// partial gets; `nil` for a partial sharing its line.
        let indentation: [UInt8]?
        let position: Position

        init(name: TemplateName, indentation: [UInt8]?, position: Position) {
            self.name = name
            self.indentation = indentation
            self.position = position
        }
    }

    final class Parent: Sendable {
        let name: TemplateName
        let blocks: [String: Block]
        let indentation: [UInt8]?
        let position: Position

        init(name: TemplateName, blocks: [String: Block], indentation: [UInt8]?, position: Position) {
            self.name = name
            self.blocks = blocks
            self.indentation = indentation
            self.position = position
        }
    }

    /// A block: its content, and how its lines are re-indented where it is used.
    final class Block: Sendable {
        let name: String
        let nodes: [Node]
        let position: Position
        /// For a block alone on its line: the indentation its content gets where it is
        /// expanded (its default content's own, else its tag's).
        let indentation: [UInt8]?
        /// For a block alone on its line: how many bytes of indentation its content's
        /// lines have in common, removed before the content is indented anew.
        let margin: Int

        init(name: String, nodes: [Node], position: Position, indentation: [UInt8]?, margin: Int) {
            self.name = name
            self.nodes = nodes
            self.position = position
            self.indentation = indentation
            self.margin = margin
        }
    }
}
