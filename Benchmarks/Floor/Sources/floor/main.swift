// floor CONTENT_DIR [--unlocked]
//
// The least work a cmark-gfm site generator must do: read every .md file under
// CONTENT_DIR, parse it with the GFM extensions on every core, walk its tree once,
// render it to HTML and free it. Nothing is written; the totals it prints keep the
// compiler from optimising the work away. `--unlocked` drops the lock around
// cmark_parser_finish (see below), to show what it costs and what it breaks.
import CCmarkGFM
import Dispatch
import Foundation
import Synchronization

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fatalError("usage: floor CONTENT_DIR [--unlocked]") }
let serialiseInlines = !arguments.contains("--unlocked")
let files = (FileManager.default.enumerator(at: URL(fileURLWithPath: arguments[1]), includingPropertiesForKeys: nil)?
    .compactMap { $0 as? URL } ?? []).filter { $0.pathExtension == "md" }
let options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES  // as errata's MarkdownDocument
cmark_gfm_core_extensions_ensure_registered()

let nextFile = Atomic<Int>(0)
// cmark_parser_finish parses inlines with a process-wide table of the extensions'
// special characters, which each parse sets and clears: concurrent finishes lose
// autolinks and strikethroughs. errata serialises it the same way.
let inlineParsing = NSLock()
let totals = Mutex((html: 0, nodes: 0))

DispatchQueue.concurrentPerform(iterations: ProcessInfo.processInfo.activeProcessorCount) { _ in
    let parser = cmark_parser_new(options)!  // one per thread, reused: finishing resets it
    for name in ["table", "autolink", "strikethrough", "tagfilter"] {
        cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name))
    }
    var html = 0, nodes = 0
    while case let index = nextFile.wrappingAdd(1, ordering: .relaxed).oldValue, index < files.count {
        let text = try! Data(contentsOf: files[index])
        text.withUnsafeBytes { cmark_parser_feed(parser, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count) }
        if serialiseInlines { inlineParsing.lock() }
        let document = cmark_parser_finish(parser)!
        if serialiseInlines { inlineParsing.unlock() }
        let iterator = cmark_iter_new(document)
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE { nodes += event == CMARK_EVENT_ENTER ? 1 : 0 }
        cmark_iter_free(iterator)
        let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser))!
        html += strlen(rendered)
        free(rendered)
        cmark_node_free(document)
    }
    cmark_parser_free(parser)
    totals.withLock { $0.html += html; $0.nodes += nodes }
}
let (html, nodes) = totals.withLock { ($0.html, $0.nodes) }
print("\(files.count) files, \(html) bytes of HTML, \(nodes) nodes")
