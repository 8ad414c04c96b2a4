import Testing
@testable import Markdown
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether the test process carries AddressSanitizer's runtime.
let runningUnderAddressSanitizer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil

@Suite struct MarkdownDocumentTests {
    @Test func reportsKindsAndSourcePositions() {
        let document = MarkdownDocument(parsing: """
            # Errors

            Some *text* here.

              ```json
              // http code 400
              {}
              ```
            """)
        let blocks = Array(document.root.children)
        #expect(blocks.map(\.kind) == [.heading, .paragraph, .codeBlock])
        #expect(blocks[0].headingLevel == 1)
        #expect(blocks[0].start == SourcePosition(line: 1, column: 1))
        #expect(blocks[0].plainText == "Errors")
        #expect(blocks[1].start == SourcePosition(line: 3, column: 1))
        #expect(blocks[1].end == SourcePosition(line: 3, column: 17))
        #expect(blocks[2].start == SourcePosition(line: 5, column: 3))
        #expect(blocks[2].fenceInfo == "json")
        #expect(blocks[2].isFenced)
        #expect(blocks[2].literal == "// http code 400\n{}\n")
        #expect(blocks[1].fenceInfo == nil)
    }

    @Test func columnsCountUTF8Bytes() {
        let document = MarkdownDocument(parsing: "- é [link](x.md)\n")
        var links: [MarkdownNode] = []
        document.root.walk { if $0.kind == .link { links.append($0) } }
        #expect(links.count == 1)
        #expect(links.first?.destination == "x.md")
        // "- " is 2 bytes, "é" 2 bytes, then a space: the link starts at byte 6.
        #expect(links.first?.start == SourcePosition(line: 1, column: 6))
    }

    @Test func attachesTheGitHubExtensions() {
        let document = MarkdownDocument(parsing: """
            | a | b |
            |---|---|
            | 1 | 2 |

            ~~gone~~ and www.concentrix.com

            <script>alert(1)</script>
            """)
        var kinds: [MarkdownNode.Kind] = []
        document.root.walk { kinds.append($0.kind) }
        #expect(kinds.contains(.extension("table")))
        #expect(kinds.contains(.extension("table_cell")))
        #expect(kinds.contains(.extension("strikethrough")))
        #expect(kinds.contains(.link))
        let html = document.root.renderHTML()
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("<a href=\"http://www.concentrix.com\">www.concentrix.com</a>"))
        // The tag filter neutralises <script> but raw HTML otherwise passes through.
        #expect(html.contains("&lt;script>"))
    }

    @Test func attachesTheTaskListExtension() {
        let document = MarkdownDocument(parsing: "- [ ] to do\n- [x] done\n")
        #expect(MarkdownDocument.extensionNames.contains("tasklist"))
        #expect(document.root.renderHTML() == """
            <ul>
            <li><input type="checkbox" disabled="" /> to do</li>
            <li><input type="checkbox" checked="" disabled="" /> done</li>
            </ul>

            """)
    }

    /// The footnotes come out as the end of the whole document's rendering (one
    /// section, numbered in reference order), and the tree is unchanged afterwards.
    @Test func rendersTheFootnotesTogether() throws {
        let document = MarkdownDocument(parsing: "One[^b], two[^a].\n\n[^a]: A.\n\n[^b]: B.\n\nAfter.\n")
        let before = document.root.renderHTML()
        let footnotes = document.renderFootnotesHTML()
        #expect(document.root.renderHTML() == before)
        #expect(Array(document.root.children).map(\.kind) == [.paragraph, .paragraph, .footnoteDefinition, .footnoteDefinition])
        let start = try #require(before.range(of: "<section class=\"footnotes\""))
        #expect(footnotes == String(before[start.lowerBound...]))
        #expect(footnotes.components(separatedBy: "<ol>").count == 2)
        let b = try #require(footnotes.range(of: "<li id=\"fn-b\">")), a = try #require(footnotes.range(of: "<li id=\"fn-a\">"))
        #expect(b.lowerBound < a.lowerBound)
        #expect(MarkdownDocument(parsing: "No notes.\n").renderFootnotesHTML() == "")
    }

    @Test func passesRawHTMLThrough() {
        let html = MarkdownDocument(parsing: "<table><tr><td rowspan=\"2\">x</td></tr></table>\n").root.renderHTML()
        #expect(html == "<table><tr><td rowspan=\"2\">x</td></tr></table>\n")
    }

    @Test func nodesKeepTheirDocumentAlive() {
        func firstParagraph() -> MarkdownNode? {
            MarkdownDocument(parsing: "# Title\n\nBody text.\n").root.children.first { $0.kind == .paragraph }
        }
        // The document went out of scope; the node still owns it.
        let paragraph = firstParagraph()
        #expect(paragraph?.plainText == "Body text.")
        #expect(paragraph?.parent?.kind == .document)
    }

    @Test func walksDeepNestingWithoutRecursion() {
        let depth = 10_000
        let document = MarkdownDocument(parsing: String(repeating: ">", count: depth) + " deep\n")
        var quotes = 0
        document.root.walk { if $0.kind == .blockQuote { quotes += 1 } }
        #expect(quotes == depth)
    }

    /// Parses on many threads at once give the same trees as one parse alone.
    @Test func parsesOnManyThreadsAtOnce() async {
        let text = "~~gone~~ www.concentrix.com and https://concentrix.com/docs\n"
        let expected = MarkdownDocument(parsing: text).root.renderHTML()
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<64 {
                group.addTask { (0..<50).map { _ in MarkdownDocument(parsing: text).root.renderHTML() }.joined() }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == String(repeating: expected, count: 50) })
    }

    /// Parsing and rendering many documents must not grow the heap: every tree,
    /// parser and render buffer is freed. (Under AddressSanitizer, freed memory is
    /// held in quarantine, and LeakSanitizer checks this instead.)
    @Test(.disabled(if: runningUnderAddressSanitizer))
    func freesEverythingItAllocates() {
        let text = "### CODE\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```json\n{}\n```\n\n- ~~x~~ www.a.com\n"
        func churn(_ count: Int) {
            for _ in 0..<count {
                let document = MarkdownDocument(parsing: text)
                _ = document.root.renderHTML()
                document.root.walk { _ = $0.literal }
            }
        }
        churn(1_000)  // warm up caches and the allocator
        let before = residentBytes()
        churn(300_000)
        let after = residentBytes()
        // Leaking one document's parser or tree (kilobytes each) would grow the
        // process by 900 MB or more here; other tests running alongside (the GFM and
        // Mustache suites, the real content, pages parsed both ways, the preview's
        // rebuilds) have grown it by up to 160 MB meanwhile. LeakSanitizer
        // (Scripts/test-sanitized.sh) checks the small allocations exactly.
        #expect(after < before + 256 << 20, "resident memory grew by \(after - before) bytes")
    }

    /// The process's resident memory, from /proc/self/statm.
    private func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
