import Foundation
import Markdown
import Testing
@testable import ErrataKit

/// Every example of the GFM spec and of cmark-gfm's extension tests, written as the
/// body of an error type's page, must come out of the page as the linked cmark-gfm
/// renders the same text with the same extensions.
///
/// The suite is read from `../shared/conformance/gfm-spec/` beside the package. The
/// spec's own expected HTML is the second opinion: Debian's cmark-gfm is older than
/// the spec, so the count of examples that match it is printed, not required.
///
/// One thing is normalised, because it is Errata's own structure: a heading outside
/// a code section is published with an `id` and a self-link, so it is compared as
/// the plain `<hN>…</hN>` cmark-gfm writes. An example that makes a `### CODE`
/// section (Errata's structure, rendered by its own template) would be compared
/// only where listed in ``exceptions``; none of the suite does.
@Suite struct GFMConformanceTests {
    /// Examples allowed to differ from cmark-gfm, by `file:line` of their opening
    /// fence, each with the reason. Empty: every example agrees.
    static let exceptions: [String: String] = [:]

    @Test func everyExampleThroughAPageAgreesWithCmarkGFM() throws {
        let examples = try Self.examples()
        #expect(examples.count == 699, "the suite has 699 enabled examples")
        var agreeing = 0, agreeingWithSpec = 0, cmarkAgreeingWithSpec = 0
        var disagreements: [String] = []
        for example in examples {
            let reference = MarkdownDocument(parsing: example.markdown).root.renderHTML()
            let published = Self.bodyHTML(ofPageWithBody: example.markdown)
            if published == reference { agreeing += 1 }
            if published == example.html { agreeingWithSpec += 1 }
            if reference == example.html { cmarkAgreeingWithSpec += 1 }
            if published != reference, Self.exceptions[example.id] == nil {
                disagreements.append("\(example.id)\n--- markdown\n\(example.markdown)--- cmark-gfm\n\(reference)--- page\n\(published)")
            }
        }
        let percent = (Double(agreeing) * 1000 / Double(max(examples.count, 1))).rounded() / 10
        print("GFM conformance: \(agreeing) of \(examples.count) examples agree with the linked cmark-gfm (\(percent) %); "
            + "\(agreeingWithSpec) match the spec's expected HTML (cmark-gfm itself: \(cmarkAgreeingWithSpec))")
        #expect(disagreements.isEmpty, "\(disagreements.count) examples differ:\n\(disagreements.prefix(20).joined(separator: "\n"))")
        let stale = Self.exceptions.keys.filter { id in examples.contains { $0.id == id } == false }
        #expect(stale.isEmpty, "exceptions that name no example: \(stale)")
    }

    /// The HTML a page publishes for its body, with Errata's heading anchors taken out.
    static func bodyHTML(ofPageWithBody markdown: String) -> String {
        let text = "---\ntitle: GFM example\nerror_type: ITEM_ERROR\n---\n" + markdown
        let (page, _) = PageParser(catalog: .fixture).parse(text, file: "item.md", contentPath: "docs/errors/item.md")
        var html = ""
        for block in page.blocks {
            switch block {
            case .html(let blockHTML): html += blockHTML
            case .heading(let heading): html += "<h\(heading.level)>\(heading.html)</h\(heading.level)>\n"
            case .code(let section): html += "<!-- code section \(section.code) -->\n"
            }
        }
        return html
    }

    struct Example {
        /// `spec.txt:LINE`, the line of the opening fence.
        var id: String
        var markdown: String
        var html: String
    }

    /// The enabled examples of `spec.txt` and `extensions.txt`, in order.
    static func examples() throws -> [Example] {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/conformance/gfm-spec")
        var examples: [Example] = []
        for name in ["spec.txt", "extensions.txt"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            examples += parseExamples(text, file: name)
        }
        return examples
    }

    /// Reads the examples of one spec file: an opening fence of 32 backticks and
    /// `example` (with the extensions it needs, or `disabled`), the Markdown, a line
    /// holding only `.`, the HTML, and a closing fence; `→` stands for a tab.
    static func parseExamples(_ text: String, file: String) -> [Example] {
        let fence = String(repeating: "`", count: 32)
        var examples: [Example] = []
        var part: Int?  // 0: Markdown, 1: HTML
        var markdown = "", html = "", id = "", disabled = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if part == nil, line.hasPrefix(fence + " example") {
                part = 0
                markdown = ""; html = ""; id = "\(file):\(index + 1)"
                disabled = line.split(separator: " ").contains("disabled")
            } else if part == 0, line == "." {
                part = 1
            } else if part != nil, line == fence {
                if !disabled { examples.append(Example(id: id, markdown: markdown, html: html)) }
                part = nil
            } else if let current = part {
                let content = line.replacingOccurrences(of: "→", with: "\t") + "\n"
                if current == 0 { markdown += content } else { html += content }
            }
        }
        return examples
    }
}
