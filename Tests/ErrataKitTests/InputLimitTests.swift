import Foundation
import Markdown
import Testing
@testable import ErrataKit

/// Pages built to exhaust a parser — huge, long-lined, deeply nested, table bombs —
/// are refused with an `input-limit` error at the place they cross the limit, before
/// cmark-gfm parses them, and nothing on the way recurses once per level.
@Suite struct InputLimitTests {
    // MARK: Size

    /// A 20 MiB page: only the limit and one byte more are read, and the page is
    /// refused where it passes the limit, before it is decoded or parsed.
    @Test func aTwentyMegabytePageIsRefusedWhereItPassesTheLimit() throws {
        let content = try TemporaryContent()
        let line = String(repeating: "lorem ipsum ", count: 5) + "dolor sit amet\n"  // 75 bytes
        try #require(line.utf8.count == 75)
        let size = try content.write("big.md", repeating: line, toAtLeast: 20 << 20)
        #expect(size == 20_971_575)

        let file = try ContentLoader(directory: content.content).load("big.md")
        #expect(file.bytes.count == InputLimits.pageBytes + 1)
        #expect(file.byteCount == size)

        let report = try content.check()
        #expect(report.pages.isEmpty)
        // Byte 10,485,760 is on line 139,811 (10,485,760 = 75 × 139,810 + 10), column 11.
        #expect(report.diagnostics.map(\.formatted) == [
            "big.md:139811:11: error: the page is 20,971,575 bytes, more than the limit of 10 MiB (10,485,760 bytes), "
                + "which it passes here; split it into smaller pages, such as one per error type [input-limit]",
        ])
    }

    /// A file of exactly the limit is read whole and not refused for its size.
    @Test func aPageAtTheLimitIsReadWhole() throws {
        let content = try TemporaryContent()
        let size = try content.write("limit.md", repeating: String(repeating: "a", count: 1023) + "\n",
                                     toAtLeast: InputLimits.pageBytes)
        #expect(size == InputLimits.pageBytes)
        let file = try ContentLoader(directory: content.content).load("limit.md")
        #expect(file.bytes.count == InputLimits.pageBytes && file.byteCount == InputLimits.pageBytes)
        #expect(PageLimitScanner(file: "limit.md").sizeProblem(of: file) == nil)
        var over = file
        over.byteCount += 1
        #expect(PageLimitScanner(file: "limit.md").sizeProblem(of: over)?.location.line == 10_241)
    }

    // MARK: Lines

    @Test func aOneMegabyteLineIsRefusedAtItsLimitColumn() throws {
        let content = try TemporaryContent()
        try content.write("long.md", "# Long\n\n" + String(repeating: "a", count: 1 << 20) + "\n")
        let report = try content.check()
        #expect(report.pages.isEmpty)
        #expect(report.diagnostics.map(\.formatted) == [
            "long.md:3:102401: error: the line is 1,048,576 bytes long, more than the limit of 100 KiB (102,400 bytes), "
                + "which it passes here; break it into shorter lines, or move the data out of the page [input-limit]",
        ])
    }

    @Test func aLineAtTheLimitIsRead() throws {
        let content = try TemporaryContent()
        try content.write("long.md", "# Long\n\n" + String(repeating: "a", count: InputLimits.lineBytes) + "\r\n")
        #expect(try content.diagnostics() == [])
    }

    // MARK: Nesting on one line

    /// 10,000 levels opened on one line: refused at the marker of level 101, before
    /// cmark-gfm builds any of them.
    @Test(arguments: [
        ("quotes", String(repeating: "> ", count: 10_000) + "x", 201),
        ("quotes without spaces", String(repeating: ">", count: 10_000) + "x", 101),
        ("bullets", String(repeating: "- ", count: 10_000) + "x", 201),
        ("stars", String(repeating: "* ", count: 10_000) + "x", 201),
        ("numbers", String(repeating: "1. ", count: 10_000) + "x", 301),
        ("parentheses", String(repeating: "12) ", count: 10_000) + "x", 401),
        ("mixed", String(repeating: "> - ", count: 5_000) + "x", 201),
        ("just over", String(repeating: "> ", count: 101) + "x", 201),
    ])
    func deepNestingOnOneLineIsRefusedAtLevel101(_ name: String, _ line: String, _ column: Int) throws {
        let content = try TemporaryContent()
        try content.write("deep.md", "# Deep\n\n\(line)\n")
        let report = try content.check()
        #expect(report.pages.isEmpty, "\(name)")
        #expect(report.diagnostics.map(\.formatted) == [
            "deep.md:3:\(column): error: block quotes and list items are nested 101 deep here, more than the limit of "
                + "100; use fewer levels [input-limit]",
        ], "\(name)")
    }

    /// Nesting that only the tree shows: each line opens one level more than the last.
    @Test func deepNestingAcrossLinesIsRefusedAtTheFirstNodeTooDeep() throws {
        let content = try TemporaryContent()
        let lines = (0..<150).map { String(repeating: "  ", count: $0) + "- level \($0 + 1)\n" }
        try content.write("deep.md", "# Deep\n\n" + lines.joined())
        let report = try content.check()
        #expect(report.pages.isEmpty)
        #expect(report.diagnostics.map(\.formatted) == [
            "deep.md:103:201: error: block quotes and list items are nested 101 deep here, more than the limit of "
                + "100; use fewer levels [input-limit]",
        ])
    }

    @Test(arguments: [
        String(repeating: "> ", count: 100) + "x",
        String(repeating: "- ", count: 100) + "x",
        String(repeating: "- ", count: 500),  // a thematic break, not a list
        String(repeating: "* ", count: 500) + " ",
        "> > " + String(repeating: "- ", count: 500),
        String(repeating: "-", count: 50_000),
        String(repeating: "1.", count: 500),
    ])
    func nestingUpToTheLimitAndThematicBreaksAreRead(_ line: String) throws {
        let content = try TemporaryContent()
        try content.write("deep.md", "# Deep\n\nText.\n\n\(line)\n")
        let report = try content.check()
        #expect(report.diagnostics.map(\.formatted) == [])
        #expect(report.pages.count == 1)
    }

    // MARK: Tables

    /// 24 KB that cmark-gfm 0.29.0.gfm.6 would spend minutes and gigabytes on: a header
    /// of 5,000 columns over 2,000 one-character rows, each filled to 5,000 cells.
    @Test func aTableBombIsRefusedBeforeItIsParsed() throws {
        let content = try TemporaryContent()
        let columns = 5_000
        let table = "|" + String(repeating: "a|", count: columns) + "\n|" + String(repeating: "-|", count: columns) + "\n"
            + String(repeating: "x\n", count: 2_000)
        try content.write("table.md", "# Table\n\n" + table)
        let start = ContinuousClock.now
        let report = try content.check()
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(report.pages.isEmpty)
        // The header and delimiter rows hold 10,000 cells; the 19th row passes 100,000.
        #expect(report.diagnostics.map(\.formatted) == [
            "table.md:4:1: error: the table has 5,000 columns, more than the limit of 100; split it into narrower "
                + "tables [input-limit]",
            "table.md:23:1: error: the tables of the page have more than 100,000 cells by this row, the limit (short "
                + "rows count as full, as cmark-gfm fills them); split the table or the page [input-limit]",
        ])
    }

    @Test func tablesUpToTheLimitsAreRead() throws {
        let content = try TemporaryContent()
        // 100 columns: 200 cells in the header and delimiter rows, then 998 rows of 100.
        let table = "|" + String(repeating: "a|", count: 100) + "\n|" + String(repeating: ":-:|", count: 100) + "\n"
            + String(repeating: "x\n", count: 998)
        try content.write("table.md", "# Table\n\n" + table + "\nAfter the table.\n\n" + "| a | b |\n|---|---|\n| 1 | 2 |\n")
        #expect(try content.diagnostics() == [
            "table.md:1007:1: error: the tables of the page have more than 100,000 cells by this row, the limit (short "
                + "rows count as full, as cmark-gfm fills them); split the table or the page [input-limit]",
        ])
        try content.write("table.md", "# Table\n\n" + table + "\nAfter the table.\n")
        #expect(try content.diagnostics() == [])
    }

    // MARK: No recursion

    /// The layers under the limits hold without them: cmark-gfm's parser and HTML
    /// renderer, the node walk and the HTML scanner take 10,000 levels on a small stack.
    @Test func tenThousandLevelsOverflowNoStackBelowTheLimits() throws {
        let html = try onSmallStack { () -> [Int] in
            var sizes: [Int] = []
            for line in [String(repeating: "> ", count: 10_000), String(repeating: "- ", count: 10_000),
                         String(repeating: "*a ", count: 10_000), String(repeating: "[", count: 10_000) + "x"
                            + String(repeating: "](y)", count: 10_000)] {
                let document = MarkdownDocument(parsing: line + "x\n")
                var nodes = 0
                document.root.walk { _ in nodes += 1 }
                sizes.append(nodes)
                sizes.append(document.root.renderHTML().utf8.count)
                _ = document.root.plainText
            }
            let divs = String(repeating: "<div><p>", count: 10_000) + "x" + String(repeating: "</p></div>", count: 10_000)
            sizes.append(HTMLScanner.tokens(of: divs).count)
            _ = MetaDescription.firstParagraph(in: divs)
            return sizes
        }
        #expect(html.count == 9)
        #expect(html[0] >= 10_000 && html[2] >= 20_000)
        #expect(html[8] == 40_001)
    }

    /// A page just under the nesting limit goes all the way through: parse, check and
    /// render, on a small stack.
    @Test func aPageJustUnderTheLimitIsBuiltOnASmallStack() throws {
        let content = try TemporaryContent()
        try content.write("deep.md", """
            # Deep

            \(String(repeating: "> ", count: 100))quoted

            \((0..<100).map { String(repeating: "  ", count: $0) + "- level \($0 + 1)\n" }.joined())
            """)
        let folder = content.content
        let files = try onSmallStack { () -> [OutputFile] in
            let report = try Pipeline(catalog: TemporaryContent.typesOnly).check(content: folder)
            let templates = try TemplateSet.load(from: RealContentTests.repository.appendingPathComponent("Templates"))
            return try SiteRenderer(catalog: TemporaryContent.typesOnly, templates: templates).render(report.pages)
        }
        let page = try #require(files.first { $0.path == "deep/index.html" })
        let html = String(decoding: page.bytes, as: UTF8.self)
        #expect(html.components(separatedBy: "<blockquote>").count == 101)
        #expect(html.contains("level 100"))
    }
}
