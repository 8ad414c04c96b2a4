import Foundation
import Testing
@testable import ErrataKit

/// Front matter built to exhaust a YAML parser — an alias bomb, 10,000 levels of
/// flow or block nesting, a huge block — is refused before Yams reads it, at the line
/// and byte column where it passes the limit.
@Suite struct FrontMatterLimitTests {
    static let depthMessage = "front matter is nested 17 levels deep here, more than the limit of 16; "
        + "front matter needs only `key: value` lines [input-limit]"

    /// The billion laughs: nine aliases of nine aliases of nine lists. Refused at the
    /// first alias, before anything is expanded.
    @Test func theBillionLaughsAreRefusedAtTheFirstAlias() throws {
        let text = """
            ---
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            title: [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            ---

            # Laughs

            """
        let start = ContinuousClock.now
        #expect(try diagnostics(text) == [
            "page.md:3:8: error: front matter uses a YAML alias (*a); write the value out instead [front-matter]",
        ])
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    /// 10,000 levels, refused at level 17 whatever the YAML spelling.
    @Test(arguments: [
        ("flow sequences", "title: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000), 2, 23),
        ("flow mappings", "title: " + String(repeating: "{a: ", count: 10_000) + "b" + String(repeating: "}", count: 10_000), 2, 68),
        ("flow over lines", "title: [\n" + String(repeating: " [\n", count: 10_000), 17, 2),
        ("block sequences", "title:\n" + String(repeating: "- ", count: 10_000) + "x", 3, 31),
        ("block mappings", "title:\n" + (1...20).map { String(repeating: " ", count: $0) + "a:\n" }.joined() + "  b", 18, 17),
        ("sequences in a flow", "title: - [" + String(repeating: "[", count: 100), 2, 24),
    ])
    func deepFrontMatterIsRefusedAtLevel17(_ name: String, _ yaml: String, _ line: Int, _ column: Int) throws {
        let found = try diagnostics("---\n\(yaml)\n---\n\n# Deep\n")
        #expect(found == ["page.md:\(line):\(column): error: the \(Self.depthMessage)"], "\(name)")
    }

    /// Block mappings nest by indentation, so depth costs its square in bytes: 1,000
    /// levels are 500 KB, refused where the front matter passes 64 KiB.
    @Test func deepBlockNestingIsRefusedByItsSize() throws {
        let yaml = "title:\n" + (1...1_000).map { String(repeating: " ", count: $0) + "a:\n" }.joined()
        let found = try diagnostics("---\n\(yaml)---\n\n# Deep\n")
        #expect(found == [
            "page.md:361:195: error: the front matter is 503,506 bytes, more than the limit of 64 KiB (65,536 bytes), "
                + "which it passes here; keep only title, description, error_type and layout in it, and move the rest "
                + "into the page [input-limit]",
        ])
    }

    /// 10,000 levels of them are 50 MB: a file that large is refused as a page, after
    /// reading no more than the page limit.
    @Test func tenThousandLevelsOfBlockNestingAreRefusedAsAPage() throws {
        let content = try TemporaryContent()
        let url = content.content.appendingPathComponent("deep.md")
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data("---\ntitle:\n".utf8)))
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        for level in 1...10_000 { try handle.write(contentsOf: Data((String(repeating: " ", count: level) + "a:\n").utf8)) }
        try handle.write(contentsOf: Data("---\n".utf8))
        try handle.close()
        let report = try content.check()
        #expect(report.pages.isEmpty)
        #expect(report.diagnostics.map(\.formatted) == [
            "deep.md:4578:4425: error: the page is 50,035,015 bytes, more than the limit of 10 MiB (10,485,760 bytes), "
                + "which it passes here; split it into smaller pages, such as one per error type [input-limit]",
        ])
    }

    @Test func frontMatterOverItsSizeIsRefusedWhereItPassesIt() throws {
        let description = String(repeating: "word ", count: 20_000)  // 100,000 bytes
        let found = try diagnostics("---\ntitle: Big\ndescription: \(description)\n---\n\n# Big\n")
        #expect(found == [
            "page.md:3:65526: error: the front matter is 100,024 bytes, more than the limit of 64 KiB (65,536 bytes), "
                + "which it passes here; keep only title, description, error_type and layout in it, and move the rest "
                + "into the page [input-limit]",
        ])
    }

    /// What looks like nesting but is text: brackets in plain and quoted scalars,
    /// comments and block scalars, and the deepest nesting allowed.
    @Test(arguments: [
        "title: Errors [[[[[[[[[[[[[[[[[[[[ beta ]]]]]]]]]]]]]]]]]]]]",
        "title: \"[[[[[[[[[[[[[[[[[[[[[[[[\"",
        "title: '{{{{{{{{{{{{{{{{{{{{{{{{{{{'",
        "title: Errors # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        "description: |\n" + (1...40).map { String(repeating: " ", count: $0) + "line\n" }.joined() + "title: Errors",
        "description: >-\n  [[[[[[[[[[[[[[[[[[[[[[[[[[[\n  - - - - - - - - - - - - - - - - - - - - - - x\ntitle: Errors",
    ])
    func textThatLooksNestedIsRead(_ yaml: String) throws {
        let found = try diagnostics("---\n\(yaml)\n---\n\n# Page\n")
        #expect(found.filter { $0.contains("[input-limit]") } == [])
        #expect(!found.contains { $0.contains("not valid YAML") }, "\(found)")
    }

    @Test func sixteenLevelsAreReadByYamsOnASmallStack() throws {
        let text = "---\ntitle: " + String(repeating: "[", count: 15) + "x" + String(repeating: "]", count: 15) + "\n---\n"
        let found = try onSmallStack { try Self.diagnostics(text) }
        #expect(found == ["page.md:2:8: error: front matter key \"title\" needs a single text value [front-matter]"])
    }

    // MARK: Helpers

    private func diagnostics(_ text: String) throws -> [String] {
        try Self.diagnostics(text)
    }

    private static func diagnostics(_ text: String) throws -> [String] {
        let (_, found) = PageParser(catalog: .fixture).parse(text, file: "page.md", contentPath: "page.md")
        return found.sorted().map(\.formatted)
    }
}
