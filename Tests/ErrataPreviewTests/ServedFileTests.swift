import ErrataKit
import Testing

@testable import ErrataPreview

@Suite("Served files")
struct ServedFileTests {
    @Test(
        "the content type follows the extension, in any case",
        arguments: [
            ("index.html", "text/html; charset=utf-8"),
            ("a/b/PAGE.HTM", "text/html; charset=utf-8"),
            ("assets/style.css", "text/css; charset=utf-8"),
            ("assets/app.js", "text/javascript; charset=utf-8"),
            ("search.json", "application/json; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("logo.svg", "image/svg+xml; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("app.js.map", "application/json; charset=utf-8"),
            ("site.webmanifest", "application/manifest+json; charset=utf-8"),
            ("logo.png", "image/png"),
            ("photo.jpg", "image/jpeg"),
            ("anim.gif", "image/gif"),
            ("photo.webp", "image/webp"),
            ("favicon.ico", "image/x-icon"),
            ("fonts/inter.woff2", "font/woff2"),
            ("archive.tar.gz", "application/octet-stream"),
            ("LICENSE", "application/octet-stream"),
            ("v1.0/README", "application/octet-stream"),
        ])
    func contentType(path: String, type: String) {
        #expect(ContentType.of(path: path) == type)
    }

    @Test(
        "the script goes before the last </body>, in any case, or at the end",
        arguments: [
            ("<body><p>x</p></body></html>", "<body><p>x</p>\(LiveReload.scriptTag)</body></html>"),
            ("<body><pre></body></pre></BODY >", "<body><pre></body></pre>\(LiveReload.scriptTag)</BODY >"),
            ("<p>fragment</p>", "<p>fragment</p>\(LiveReload.scriptTag)"),
            ("<body></bodyx>", "<body></bodyx>\(LiveReload.scriptTag)"),
            ("", LiveReload.scriptTag),
        ])
    func injection(page: String, expected: String) {
        #expect(String(decoding: LiveReload.inject(into: Array(page.utf8)), as: UTF8.self) == expected)
    }

    @Test("HTML gets the script and an ETag of the bytes served; other files are left alone")
    func servedBytes() {
        let page = ServedFile(path: "docs/index.html", bytes: Array("<body></body>".utf8))
        let served = Array(page.body.readableBytesView)
        #expect(String(decoding: served, as: UTF8.self) == "<body>\(LiveReload.scriptTag)</body>")
        #expect(page.entityTag == EntityTag(of: served))

        let css = Array("/* </body> */".utf8)
        let style = ServedFile(path: "style.css", bytes: css)
        #expect(Array(style.body.readableBytesView) == css)
        #expect(style.entityTag == EntityTag(of: css))
    }

    /// The script and the tag are made when a request first asks: requests that ask at
    /// once, on copies of the file, all get the same bytes and tag.
    @Test("a file first asked for by many requests at once is prepared once, the same for all")
    func preparedOnFirstRequest() async {
        let bytes = Array(("<body>" + String(repeating: "<p>paragraph</p>\n", count: 60_000) + "</body>").utf8)
        let page = ServedFile(path: "docs/index.html", bytes: bytes)
        let expected = LiveReload.inject(into: bytes)
        let answers = await withTaskGroup(of: ([UInt8], EntityTag).self) { group in
            for _ in 0..<8 {
                let copy = page
                group.addTask { (Array(copy.body.readableBytesView), copy.entityTag) }
            }
            var answers: [([UInt8], EntityTag)] = []
            for await answer in group { answers.append(answer) }
            return answers
        }
        #expect(answers.count == 8)
        for (body, tag) in answers {
            #expect(body == expected)
            #expect(tag == EntityTag(of: expected))
        }
        #expect(page.published.bytes == bytes)
    }

    /// A page renamed in place is served, tagged and compared as the bytes it stands for,
    /// script and all; the page it was made from is served as it was.
    @Test("a file with runs replaced is served as its bytes")
    func replacedRuns() {
        let before = Array("<body><script src=\"search-index.aaaa.js\"></script>x<a href=\"search-index.aaaa.js\">".utf8)
        let offsets = before.indices.filter { before[$0...].starts(with: Array("aaaa".utf8)) }
        #expect(offsets.count == 2)
        let renamed = SiteFile(before).replacing(at: offsets, with: Array("bbbb".utf8))
        let expected = Array(String(decoding: before, as: UTF8.self).replacingOccurrences(of: "aaaa", with: "bbbb").utf8)
        #expect(renamed.bytes == expected)
        #expect(renamed == SiteFile(expected))
        #expect(renamed != SiteFile(before))
        // Renamed again at the same places: the runs of the first renaming are forgotten.
        let again = renamed.replacing(at: offsets, with: Array("cccc".utf8))
        #expect(String(decoding: again.bytes, as: UTF8.self).components(separatedBy: "cccc").count == 3)
        // Elsewhere: the bytes with the first runs in are what is renamed.
        let elsewhere = renamed.replacing(at: [0], with: Array("<BODY".utf8))
        #expect(elsewhere.bytes == Array("<BODY".utf8) + expected.dropFirst(5))

        let served = ServedFile(path: "docs/index.html", file: renamed)
        let plain = ServedFile(path: "docs/index.html", bytes: expected)
        #expect(Array(served.body.readableBytesView) == Array(plain.body.readableBytesView))
        #expect(served.entityTag == plain.entityTag)
        #expect(Array(ServedFile(path: "a.html", bytes: before).body.readableBytesView)
            == Array(ServedFile(path: "a.html", file: SiteFile(before)).body.readableBytesView))
    }

    /// The values are the reference XXH64's (the `xxhash` package from PyPI), for
    /// every path through it: no lane, the lanes, and 8-, 4- and 1-byte tails.
    @Test("the ETag is a quoted XXH64 of the bytes, with their length")
    func entityTag() {
        #expect(EntityTag(of: []).description == #""0-ef46db3751d8e999""#)
        #expect(EntityTag(of: Array("a".utf8)).description == #""1-d24ec4f1a98c6e5b""#)
        #expect(EntityTag(of: Array("foobar".utf8)).description == #""6-a2aa05ed9085aaf9""#)
        let sentence = "The quick brown fox jumps over the lazy dog, twice over: the quick brown fox."
        #expect(EntityTag(of: Array(sentence.utf8)).description == #""4d-98bb41c9fd090208""#)
    }

    @Test(
        "If-None-Match matches the tag alone, in a list, weak, or as *",
        arguments: [
            (#""1-d24ec4f1a98c6e5b""#, true),
            (#"W/"1-d24ec4f1a98c6e5b""#, true),
            (#""x", "1-d24ec4f1a98c6e5b""#, true),
            (#""a,b",W/"1-d24ec4f1a98c6e5b""#, true),
            ("*", true),
            (#""1-af63dc4c8601ec8d""#, false),
            ("1-d24ec4f1a98c6e5b", false),
            (#""1-d24ec4f1a98c6e5b"#, false),
            (#"junk, "other""#, false),
            ("", false),
        ])
    func ifNoneMatch(header: String, matches: Bool) {
        #expect(EntityTag(of: Array("a".utf8)).isMatched(byIfNoneMatch: header) == matches)
    }

    @Test("a snapshot resolves files, folders, redirects and misses")
    func resolution() {
        let snapshot = SiteSnapshot(generation: 1, files: SiteFiles(TestSite.files))
        func resolves(_ path: String) -> String {
            switch snapshot.resolve(path) {
            case .file(let file): String(decoding: file.body.readableBytesView, as: UTF8.self)
            case .folder: "folder"
            case .notFound: "not found"
            case .unpublished: "unpublished"
            }
        }
        #expect(resolves("").contains("<h1>Home</h1>"))
        #expect(resolves("docs/errors/").contains("<h1>Errors</h1>"))
        #expect(resolves("docs/errors") == "folder")
        #expect(resolves("docs/errors/index.html").contains("<h1>Errors</h1>"))
        #expect(resolves("assets/") == "not found")
        #expect(resolves("assets") == "not found")
        #expect(resolves("assets/style.css/") == "not found")
        #expect(resolves("Docs/errors/") == "not found")

        guard case .unpublished = SiteSnapshot(generation: 0, files: SiteFiles(TestSite.files)).resolve("docs/errors/") else {
            Issue.record("a snapshot before the first publish serves files")
            return
        }
    }

    /// A publish that names its changed files shares the last snapshot's table and
    /// keeps its changes beside it, folding them in once they are many: through a
    /// long run of such publishes (files added, replaced, removed, and added again),
    /// every path resolves as in a snapshot made whole from the same files.
    @Test("snapshots published by their changes serve what a whole snapshot serves")
    func publishingByChanges() {
        var files = TestSite.files
        for index in 0..<300 { files["docs/errors/c\(index)/index.html"] = TestSite.page("Code \(index)") }
        var snapshot = SiteSnapshot(generation: 1, files: SiteFiles(files))
        // A fixed schedule, so a failure comes back: 1 to 5 paths a publish, spread over
        // 400 (a hundred never published before), every third one found removed.
        for generation in 2...400 {
            var changed: Set<String> = []
            for step in 0..<(1 + generation % 5) {
                let path = "docs/errors/c\((generation * 37 + step * 151) % 400)/index.html"
                if files[path] != nil, (generation + step) % 3 == 0 {
                    files[path] = nil
                } else {
                    files[path] = TestSite.page("Code at \(generation)")
                }
                changed.insert(path)
            }
            if generation % 97 == 0 {
                files["404.html"] = TestSite.page("Lost at \(generation)")
                changed.insert("404.html")
            }
            snapshot = SiteSnapshot(generation: generation, files: SiteFiles(files), previous: snapshot, changed: changed)
        }
        let whole = SiteSnapshot(generation: 400, files: SiteFiles(files))
        func served(_ snapshot: SiteSnapshot, _ path: String) -> String {
            switch snapshot.resolve(path) {
            case .file(let file): String(decoding: file.body.readableBytesView, as: UTF8.self)
            case .folder: "folder"
            case .notFound(let page): "not found: " + String(decoding: page.body.readableBytesView, as: UTF8.self)
            case .unpublished: "unpublished"
            }
        }
        for index in 0..<400 {
            for path in ["docs/errors/c\(index)/index.html", "docs/errors/c\(index)/", "docs/errors/c\(index)"] {
                #expect(served(snapshot, path) == served(whole, path), "\(path)")
            }
        }
        #expect(served(snapshot, "missing") == served(whole, "missing"))
    }
}
