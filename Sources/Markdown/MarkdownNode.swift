import CCmarkGFM

/// A read-only view of one node of a ``MarkdownDocument``.
///
/// The view holds its document, so it stays valid for as long as it exists. Strings
/// are copied out of the C tree when asked for.
public struct MarkdownNode {
    let pointer: OpaquePointer
    let document: MarkdownDocument

    init(pointer: OpaquePointer, document: MarkdownDocument) {
        self.pointer = pointer
        self.document = document
    }

    /// What kind of node this is.
    public var kind: Kind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: .document
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST: .list
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_CODE_BLOCK: .codeBlock
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading
        case CMARK_NODE_THEMATIC_BREAK: .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION: .footnoteDefinition
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_HTML_INLINE: .htmlInline
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK: .link
        case CMARK_NODE_IMAGE: .image
        case CMARK_NODE_FOOTNOTE_REFERENCE: .footnoteReference
        default: .extension(typeName)
        }
    }

    /// cmark-gfm's name for the node type ("paragraph", "table", "strikethrough", …).
    public var typeName: String {
        cmark_node_get_type_string(pointer).map { String(cString: $0) } ?? ""
    }

    /// Where the node starts in the source.
    public var start: SourcePosition {
        SourcePosition(line: Int(cmark_node_get_start_line(pointer)), column: Int(cmark_node_get_start_column(pointer)))
    }

    /// Where the node ends in the source (inclusive).
    public var end: SourcePosition {
        SourcePosition(line: Int(cmark_node_get_end_line(pointer)), column: Int(cmark_node_get_end_column(pointer)))
    }

    /// The text of a text, code, code block or HTML node.
    public var literal: String? {
        cmark_node_get_literal(pointer).map { String(cString: $0) }
    }

    /// The info string of a fenced code block (`json` in ```` ```json ````).
    public var fenceInfo: String? {
        guard cmark_node_get_type(pointer) == CMARK_NODE_CODE_BLOCK else { return nil }
        return cmark_node_get_fence_info(pointer).map { String(cString: $0) }
    }

    /// Whether a code block is fenced (as opposed to indented).
    public var isFenced: Bool {
        var length: Int32 = 0, offset: Int32 = 0
        var character: CChar = 0
        return cmark_node_get_fenced(pointer, &length, &offset, &character) != 0
    }

    /// The level of a heading, 1–6; 0 for other nodes.
    public var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

    /// The destination of a link or image.
    public var destination: String? {
        cmark_node_get_url(pointer).map { String(cString: $0) }
    }

    /// The first child, if any.
    public var firstChild: MarkdownNode? { wrap(cmark_node_first_child(pointer)) }

    /// The next sibling, if any.
    public var next: MarkdownNode? { wrap(cmark_node_next(pointer)) }

    /// The parent, if any.
    public var parent: MarkdownNode? { wrap(cmark_node_parent(pointer)) }

    /// The node's children, in order.
    public var children: Children { Children(first: firstChild) }

    /// The text the node shows, with markup removed: the concatenated literals of its
    /// text and code descendants, soft breaks as spaces.
    public var plainText: String {
        var text = ""
        walk { node in
            switch node.kind {
            case .text, .code, .htmlInline: text += node.literal ?? ""
            case .softBreak, .lineBreak: text += " "
            default: break
            }
        }
        return text
    }

    /// Visits the node and each of its descendants once, in document order, using
    /// cmark's iterator (no recursion, so any nesting depth is safe).
    public func walk(_ visit: (MarkdownNode) -> Void) {
        guard let iterator = cmark_iter_new(pointer) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
                visit(MarkdownNode(pointer: node, document: document))
            }
        }
    }

    /// The node rendered to HTML by cmark-gfm, extensions included.
    public func renderHTML() -> String { document.renderHTML(pointer) }

    private func wrap(_ pointer: OpaquePointer?) -> MarkdownNode? {
        pointer.map { MarkdownNode(pointer: $0, document: document) }
    }
}

public extension MarkdownNode {
    /// The kinds of node cmark-gfm produces.
    enum Kind: Hashable, Sendable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading
        case thematicBreak, footnoteDefinition
        case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, link, image
        case footnoteReference
        /// A node added by an extension, named by its type string ("table", "table_row",
        /// "table_cell", "table_header", "strikethrough").
        case `extension`(String)
    }

    /// The children of a node, as a sequence.
    struct Children: Sequence, IteratorProtocol {
        var first: MarkdownNode?

        public mutating func next() -> MarkdownNode? {
            defer { first = first?.next }
            return first
        }
    }
}
