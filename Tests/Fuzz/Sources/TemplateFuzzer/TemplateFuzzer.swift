import Mustache

// A libFuzzer target for the Mustache engine: each input is a set of templates, cut
// at each NUL byte — the first is `main`, the others `p0`, `p1`, … (the names the
// dictionary's partial and parent tags use) — parsed, checked for loops, walked for
// the names it prints, and rendered in both modes with a context that has lists,
// objects, empty and missing values.
//
// It stops the process — a finding — on a crash, a memory error, a hang (libFuzzer's
// -timeout), or a broken promise:
// - an error points outside its template (a line or column past its end);
// - rendering the same templates twice gives different bytes.

let context: TemplateValue = [
    "name": "<b>&\"'", "count": 3, "ratio": 0.5, "yes": true, "no": false, "blank": "", "none": .none,
    "list": ["a", "b", ["name": "inner", "list": []]], "empty": [],
    "object": ["name": "o", "p": "p1", "object": ["name": "deep"]],
    "partial": "p0", "other": "p1",
]

/// Whether `error` points inside `text` (or nowhere, for errors with no place).
func pointsInside(_ error: MustacheError, _ texts: [String: String]) -> Bool {
    guard error.line > 0 else { return true }
    guard let text = texts[error.file] else { return false }
    // Lines end at LF bytes only (a CR is part of its line), as the parser counts.
    let lines = Array(text.utf8).split(separator: 10, omittingEmptySubsequences: false)
    guard error.line <= lines.count else { return false }
    return error.column >= 1 && error.column <= lines[error.line - 1].count + 1
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let pieces = bytes.split(separator: 0, omittingEmptySubsequences: false).prefix(8)
    var texts: [String: String] = [:]
    var templates: [String: Template] = [:]
    for (index, piece) in pieces.enumerated() {
        let name = index == 0 ? "main" : "p\(index - 1)"
        let text = String(decoding: piece, as: UTF8.self)
        texts[name] = text
        do {
            templates[name] = try Template(text, file: name, limits: .init(maximumBytes: 1 << 16, maximumNesting: 50))
        } catch {
            if !pointsInside(error, texts) { fatalError("parse error outside its template: \(error)") }
        }
    }
    let library = TemplateLibrary(templates)
    _ = library.firstCycle()
    _ = library.printedNames(from: "main", budget: 1000)
    for mode in [TemplateLibrary.Mode.lenient, .strict] {
        let options = TemplateLibrary.Options(mode: mode, maximumDepth: 20, maximumOutputBytes: 1 << 20, maximumExpansions: 10_000)
        var outputs: [[UInt8]] = []
        for _ in 0..<2 {
            do {
                outputs.append(try library.render("main", with: context, options: options))
            } catch {
                if !pointsInside(error, texts) { fatalError("render error outside its template: \(error)") }
            }
        }
        if outputs.count == 2, outputs[0] != outputs[1] { fatalError("two renders differ") }
    }
    return 0
}
