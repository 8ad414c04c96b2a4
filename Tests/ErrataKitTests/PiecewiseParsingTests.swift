import Foundation
import Testing
@testable import ErrataKit

/// A page parsed a section at a time (``MarkdownPieces``) must be the page parsed
/// whole: the same blocks, HTML, links, anchors and places, whatever the Markdown
/// between the headings does to them — fences and HTML blocks that hold `###`
/// lines, tables, lists, block quotes, link reference definitions and footnotes.
@Suite struct PiecewiseParsingTests {
    static let headings = ["### ITEM_LOGIN_REQUIRED\n", "## Item errors\n", "### ACCESS_NOT_GRANTED\n", "# Title\n",
                           "### NO_ACCOUNTS\n", "###\n", "### ITEM_LOGIN_REQUIRED\n", "#### Common causes\n"]

    /// Every GFM spec example, three at a time, between headings of every level that
    /// cuts a page: 697 pages holding everything the spec says Markdown can be.
    @Test func specExamplesBetweenHeadingsParseAsTheWholePage() throws {
        let examples = try GFMConformanceTests.examples()
        var differences: [String] = []
        for index in examples.indices.dropLast(2) {
            var body = ""
            for (offset, example) in examples[index...(index + 2)].enumerated() {
                body += Self.headings[(index + offset) % Self.headings.count] + example.markdown
            }
            if let difference = Self.difference(ofPageWithBody: body) {
                differences.append("after \(examples[index].id):\n\(difference)")
            }
        }
        #expect(differences.isEmpty, "\(differences.count) pages differ:\n\(differences.prefix(5).joined(separator: "\n\n"))")
    }

    /// The real content and random edits of it: lines that open fences, HTML blocks,
    /// tables, lists and quotes, headings, and (sometimes) reference definitions,
    /// inserted anywhere.
    @Test func editedRealPagesParseAsTheWholePage() throws {
        let insertions = [
            "```", "~~~", "````json", "<div>", "<!--", "-->", "</div>", "<pre>", "</pre>", "<?php", "?>", "| a | b |",
            "|---|---|", "- item", "  ```", "> quote", "1. first", "    indented", "", "### ITEM_LOGIN_REQUIRED",
            "## Item errors", "# A title", "###", "### NO_ACCOUNTS", "#### Common causes", "---", "===", "\\",
            "<script>", "</script>", "[ref]: /docs/errors/item/", "See [ref].", "Note[^1].", "[^1]: A footnote.",
            "\t### TAB", "###\tTAB", "## ", "text ###", "<![CDATA[", "]]>", "| ### | x |",
        ]
        var generator = SeededGenerator(seed: 15)
        var differences: [String] = []
        let folder = RealContentTests.repository.appendingPathComponent("Content/docs/errors")
        let pages = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }.sorted { $0.path < $1.path }
        #expect(pages.count >= 5)
        for url in pages {
            let original = try String(contentsOf: url, encoding: .utf8)
            var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for round in 0..<60 {
                for _ in 0..<3 {
                    let line = insertions[Int(generator.next() % UInt64(insertions.count))]
                    let at = 1 + Int(generator.next() % UInt64(max(lines.count - 1, 1)))
                    lines.insert(line, at: at)
                }
                let text = lines.joined(separator: round % 7 == 3 ? "\r\n" : "\n")
                if let difference = Self.difference(of: text, contentPath: "docs/errors/\(url.lastPathComponent)") {
                    differences.append("\(url.lastPathComponent), round \(round):\n\(difference)")
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.count) pages differ:\n\(differences.prefix(3).joined(separator: "\n\n"))")
    }

    /// The preview keeps each page's pieces and what the page builder made of each, and
    /// adds a piece again as it was while the builder is in the state it was then: the
    /// page is the one a parse without anything kept gives, edit after edit. The edits
    /// change words (the pieces after keep their places), add and remove lines (the
    /// places move), repeat, rename and remove sections (anchors taken and numbered),
    /// and move a section under another type.
    @Test func piecesAddedAgainGiveThePageAParseFromScratchGives() throws {
        var generator = SeededGenerator(seed: 24)
        let folder = RealContentTests.repository.appendingPathComponent("Content/docs/errors")
        let pages = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }.sorted { $0.path < $1.path }
        var differences: [String] = [], replays = 0
        for url in pages {
            var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                .map(String.init)
            var cache: PieceCache? = PieceCache()
            let contentPath = "docs/errors/\(url.lastPathComponent)"
            for round in 0..<40 {
                let at = 1 + Int(generator.next() % UInt64(max(lines.count - 1, 1)))
                switch generator.next() % 8 {
                case 0: lines.insert("A new line.", at: at)
                case 1: if lines.count > 2 { lines.remove(at: at) }
                case 2: lines.insert("### ITEM_LOGIN_REQUIRED", at: at)
                case 3: lines.insert("## Invalid input errors", at: at)
                case 4: lines.insert("#### Common causes", at: at)
                case 5: lines.insert("<div id=\"x\"><a href=\"#item_login_required\">x</a></div>", at: at)
                default:
                    if let index = lines.indices.filter({ lines[$0].hasPrefix("The ") || lines[$0].hasPrefix("- ") })
                        .randomElement(using: &generator) {
                        lines[index] = "Edited \(round): " + lines[index]
                    }
                }
                let text = lines.joined(separator: "\n")
                let file = SourceFile(displayPath: contentPath, contentPath: contentPath, bytes: Array(text.utf8))
                let parser = PageParser(catalog: .concentrix)
                let kept = parser.parse(file, cache: &cache)
                cache?.keepOnlyUsed()
                let fresh = parser.parse(file)
                guard let keptPage = kept.page, let freshPage = fresh.page else {
                    #expect(kept.page == nil && fresh.page == nil)
                    continue
                }
                replays += cache?.outcomeCount ?? 0
                let (a, b) = (Self.described(freshPage, fresh.diagnostics), Self.described(keptPage, kept.diagnostics))
                if a != b {
                    let common = zip(a, b).prefix { $0 == $1 }.count
                    differences.append("\(url.lastPathComponent), round \(round): …\(a.dropFirst(max(common - 200, 0)).prefix(300))"
                        + "\n--- with the kept pieces …\(b.dropFirst(max(common - 200, 0)).prefix(300))")
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.count) pages differ:\n\(differences.prefix(2).joined(separator: "\n\n"))")
        #expect(replays > 1000, "pieces were kept to be added again")
    }

    @Test func aFenceHoldingHeadingsIsOnePiece() {
        let body = "### ITEM_LOGIN_REQUIRED\n\n```markdown\n### NOT_A_CODE\n## Not a heading\n```\n\n### NO_ACCOUNTS\n\nText.\n"
        #expect(Self.difference(ofPageWithBody: body) == nil)
        let page = Self.page(body, inPieces: true)
        #expect(page.codeSections.map(\.code) == ["ITEM_LOGIN_REQUIRED", "NO_ACCOUNTS"])
        #expect(page.codeSections[1].location.line == 8)
    }

    @Test func anUnclosedFenceSwallowsEveryHeadingAfterIt() {
        var body = "### ITEM_LOGIN_REQUIRED\n\n```\n"
        for number in 0..<40 { body += "### CODE_\(number)\n\ntext\n" }
        #expect(Self.difference(ofPageWithBody: body) == nil)
        #expect(Self.page(body, inPieces: true).codeSections.map(\.code) == ["ITEM_LOGIN_REQUIRED"])
    }

    // MARK: - Support

    /// Every field of the page, its anchors sorted (a set prints in any order).
    static func described(_ page: Page, _ diagnostics: [Diagnostic]) -> String {
        var page = page
        let anchors = page.anchors.sorted()
        page.anchors = []
        return "\(page)\n\(anchors)\n\(diagnostics)"
    }

    static func page(_ body: String, inPieces: Bool, contentPath: String = "docs/errors/item.md") -> Page {
        var parser = PageParser(catalog: .concentrix)
        parser.parsesInPieces = inPieces
        return parser.parse(body, file: contentPath, contentPath: contentPath).0
    }

    static func difference(ofPageWithBody body: String) -> String? {
        difference(of: "---\ntitle: Example\nerror_type: ITEM_ERROR\n---\n" + body, contentPath: "docs/errors/item.md")
    }

    /// What differs between the page parsed in pieces and parsed whole, or `nil`.
    static func difference(of text: String, contentPath: String) -> String? {
        var whole = PageParser(catalog: .concentrix)
        whole.parsesInPieces = false
        let expected = whole.parse(text, file: contentPath, contentPath: contentPath)
        let found = PageParser(catalog: .concentrix).parse(text, file: contentPath, contentPath: contentPath)
        let (a, b) = (described(expected.0, expected.1), described(found.0, found.1))
        guard a != b else { return nil }
        let common = zip(a, b).prefix { $0 == $1 }.count
        return "--- text\n\(text.prefix(600))\n--- whole …\(a.dropFirst(max(common - 200, 0)).prefix(400))\n"
            + "--- in pieces …\(b.dropFirst(max(common - 200, 0)).prefix(400))"
    }
}

/// A deterministic random number generator (SplitMix64), so a failing case comes back.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
