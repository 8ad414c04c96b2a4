import CCmarkGFM
import Foundation

/// A Markdown document parsed by cmark-gfm with the GitHub extensions attached
/// (table, autolink, strikethrough, tagfilter, tasklist) and footnotes enabled.
///
/// The document owns the C node tree and the parser that made it and frees both
/// exactly once, in `deinit`. Every ``MarkdownNode`` keeps its document alive, so no
/// view of the tree can outlive the memory it points into. A document is not shared
/// between threads: parse, read and render it on one, then keep Swift values.
public final class MarkdownDocument {
    let parser: OpaquePointer
    let rootPointer: OpaquePointer
    let options: Int32

    /// The GitHub extensions every document is parsed with, in the order they are attached.
    public static let extensionNames = ["table", "autolink", "strikethrough", "tagfilter", "tasklist"]

    /// Parses `text` as GitHub Flavored Markdown.
    ///
    /// Raw HTML is kept (the tagfilter extension neutralises the tags GitHub filters),
    /// and footnotes are enabled. Parsing never fails: cmark-gfm accepts any input.
    public init(parsing text: String) {
        Self.registerExtensions
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES
        let parser: OpaquePointer = cmark_parser_new(options)
        for name in Self.extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var text = text
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        self.options = options
        self.parser = parser
        // Finishing parses the inlines, and cmark-gfm's inline parser keeps the special
        // characters of the attached extensions in a process-wide table that each parse
        // sets and clears: two parses finishing at once would lose each other's
        // autolinks and strikethroughs. Feeding (the block structure) runs in parallel.
        Self.inlineParsing.lock()
        self.rootPointer = cmark_parser_finish(parser)
        Self.inlineParsing.unlock()
    }

    deinit {
        cmark_node_free(rootPointer)
        cmark_parser_free(parser)
    }

    /// The document node, whose children are the top-level blocks.
    public var root: MarkdownNode { MarkdownNode(pointer: rootPointer, document: self) }

    /// The document's footnotes rendered together, as cmark-gfm ends the whole
    /// document with them: one `<section class="footnotes">` whose list numbers them
    /// in the order they are first referred to, each with its back-links. Empty when
    /// the document has none.
    ///
    /// cmark-gfm moves the definitions that are referred to to the end of the
    /// document when parsing finishes, and numbers the back-links as it renders them;
    /// rendering them one at a time would number each "1" in a section of its own.
    /// They are lent to a document node of their own for the rendering and given
    /// back in order, so the tree is the same afterwards.
    public func renderFootnotesHTML() -> String {
        var definitions: [OpaquePointer] = []
        var node = cmark_node_last_child(rootPointer)
        while let current = node, cmark_node_get_type(current) == CMARK_NODE_FOOTNOTE_DEFINITION {
            definitions.append(current)
            node = cmark_node_previous(current)
        }
        guard !definitions.isEmpty, let holder = cmark_node_new(CMARK_NODE_DOCUMENT) else { return "" }
        defer { cmark_node_free(holder) }
        definitions.reverse()
        for definition in definitions {
            cmark_node_unlink(definition)
            cmark_node_append_child(holder, definition)
        }
        let html = renderHTML(holder)
        for definition in definitions {
            cmark_node_unlink(definition)
            cmark_node_append_child(rootPointer, definition)
        }
        return html
    }

    /// Serialises the inline phase of parsing; see `init(parsing:)`.
    private static let inlineParsing = NSLock()

    /// Registers cmark-gfm's core extensions once per process.
    private static let registerExtensions: Void = cmark_gfm_core_extensions_ensure_registered()

    /// Renders one node and its descendants to HTML with the document's extensions.
    func renderHTML(_ node: OpaquePointer) -> String {
        guard let html = cmark_render_html(node, options, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(html) }
        return String(cString: html)
    }
}
