import ErrataKit
import Foundation
import JSON

// A libFuzzer target for the whole path a content page takes: each input is the
// bytes of one page of the real site (`Content/docs/errors/item.md` by default), which
// is parsed, checked with the site's other real pages against the built-in model,
// reported in every output format, and rendered through the real templates (so the
// Markdown wrapper, the front matter reader, the JSON parser and highlighter, the
// checker's rules and the template engine all see it).
//
// It stops the process — a finding — on a crash, a memory error, or a broken promise:
// - a diagnostic about the page points at no line and column of it;
// - the JSON highlighter loses or changes a character: its HTML, with the tags
//   removed and the escapes undone, must give back the text it was given;
// - the rendered page has an element that GitHub's tag filter neutralises
//   (`<script`, `<iframe`, `<title`, …) that the templates did not put there.
//
// Environment:
// - ERRATA_ROOT: the repository (default: found from this file's path).
// - ERRATA_FUZZ_PAGE: the page the input stands for, under Content/ (default
//   `docs/errors/item.md`; `docs/errors/_index.md` exercises the overview page).

/// The parts of the real site that stay the same from one input to the next.
struct Harness {
    let catalog = Catalog.concentrix
    let parser: PageParser
    let checker: Checker
    let renderer: SiteRenderer
    /// The input's place: its paths, and its index among the pages in load order.
    let displayPath: String
    let contentPath: String
    /// The content's other pages, parsed once.
    let otherPages: [Page]
    let insertionIndex: Int

    init() {
        let environment = ProcessInfo.processInfo.environment
        let root = environment["ERRATA_ROOT"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
        let content = root.appendingPathComponent("Content")
        let contentPath = environment["ERRATA_FUZZ_PAGE"] ?? "docs/errors/item.md"
        self.contentPath = contentPath
        displayPath = "Content/" + contentPath
        parser = PageParser(catalog: catalog)
        checker = Checker(catalog: catalog)
        do {
            let loader = ContentLoader(directory: content)
            let paths = try loader.markdownPaths()
            var pages: [Page] = []
            for path in paths where path != contentPath {
                if let page = parser.parse(try loader.load(path)).page { pages.append(page) }
            }
            otherPages = pages
            insertionIndex = paths.filter { $0 != contentPath && $0 < contentPath }.count
            renderer = SiteRenderer(catalog: catalog, templates: try TemplateSet.load(from: root.appendingPathComponent("Templates")))
        } catch {
            fatalError("the fuzz target cannot read the site at \(root.path): \(error)")
        }
    }

    func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        // The JSON reader and highlighter take any text, not only samples.
        if case .failure(let error) = Result(catching: { () throws(JSONSyntaxError) in try JSONParser.parse(text) }),
           error.position.line < 1 || error.position.column < 1 {
            fatalError("a JSON error without a place: \(error)")
        }
        checkHighlighting(of: text)

        let file = SourceFile(displayPath: displayPath, contentPath: contentPath, bytes: bytes)
        let (page, parseDiagnostics) = parser.parse(file)
        var pages = otherPages
        if let page { pages.insert(page, at: insertionIndex) }

        // What `Checker.check(_:)` does, on this thread: the fuzzer gains nothing from
        // handing five pages to other threads, and the machine has two cores.
        var diagnostics = parseDiagnostics + checker.finish(
            pages.flatMap(checker.pageDiagnostics)
                + checker.siteDiagnostics(pages, linkDiagnostics: { page, links in links.check(page) }),
            for: pages)
        diagnostics.sort()
        let own = diagnostics.filter { $0.location.file == displayPath }
        for diagnostic in own where diagnostic.location.line < 1 || diagnostic.location.column < 1 {
            fatalError("a diagnostic without a place in the page: \(diagnostic.formatted)")
        }

        // The report, as `errata check` prints it, quoting the input's own lines. Only
        // the input's diagnostics: the others' are the same every time.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let report = DiagnosticReport(diagnostics: own, pageCount: pages.count)
        for format in DiagnosticReport.Format.allCases {
            _ = report.formatted(as: format, quoteSource: true) { path, number in
                guard path == displayPath, number >= 1, number <= lines.count else { return nil }
                return String(lines[number - 1])
            }
        }

        guard let page else { return }
        for section in page.codeSections {
            if let sample = section.sample { checkHighlighting(of: sample.text) }
        }
        let layout = renderer.layout(of: pages)
        // A page may name a layout the templates lack; that is an error for its writer.
        guard let rendered = try? renderer.render(page, in: layout) else { return }

        // The same page with nothing of its own, through the same template: the
        // filtered elements it has are the templates'.
        var bare = page
        bare.blocks = []
        bare.title = "Title"
        bare.frontMatter.title = "Title"
        bare.frontMatter.description = "Description"
        guard let template = try? renderer.render(bare, in: layout) else {
            fatalError("the page renders, but not without its content")
        }
        let found = FilteredTags.count(in: rendered.bytes), expected = FilteredTags.count(in: template.bytes)
        if found != expected {
            fatalError("the page let in elements the tag filter removes: \(found), the templates have \(expected)")
        }
    }

    /// Stops if the highlighted `text`, unmarked, is not `text`.
    func checkHighlighting(of text: String) {
        let html = JSONHighlighter.html(text)
        guard Self.unmarked(html) == text else {
            fatalError("the JSON highlighter changed the text:\n\(text.debugDescription)\n\(html.debugDescription)")
        }
    }

    /// HTML's text: its tags removed and its five character references decoded.
    static func unmarked(_ html: String) -> String {
        var output: [UInt8] = []
        let bytes = Array(html.utf8)
        var index = 0
        let references: [(String, UInt8)] = [("&amp;", 0x26), ("&lt;", 0x3C), ("&gt;", 0x3E), ("&quot;", 0x22), ("&#39;", 0x27)]
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "<"):
                while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
                index += 1
            case UInt8(ascii: "&"):
                guard let (name, byte) = references.first(where: { bytes[index...].starts(with: $0.0.utf8) }) else {
                    output.append(bytes[index])
                    index += 1
                    continue
                }
                output.append(byte)
                index += name.utf8.count
            default:
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// The elements GitHub's tag filter neutralises: a `<` and the name, in any case,
/// followed by white space, `/` or `>`.
enum FilteredTags {
    static let names = ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"]
        .map { Array($0.utf8) }

    /// How many such opening tags `html` has, by name.
    static func count(in html: [UInt8]) -> [Int] {
        var counts = Array(repeating: 0, count: names.count)
        for start in html.indices where html[start] == UInt8(ascii: "<") {
            for (index, name) in names.enumerated() {
                let end = start + 1 + name.count
                guard end < html.count,
                      zip(html[(start + 1)..<end], name).allSatisfy({ $0 | 0x20 == $1 }),
                      [0x09, 0x0A, 0x0C, 0x0D, 0x20, 0x2F, 0x3E].contains(html[end])
                else { continue }
                counts[index] += 1
            }
        }
        return counts
    }
}

let harness = Harness()

/// Reads the site before the first input, so that what it keeps for the whole run is
/// not counted against an input (see `Tests/Fuzz/lsan-suppressions.txt`).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    _ = harness
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    harness.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
