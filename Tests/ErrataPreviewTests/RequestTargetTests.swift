import Testing

@testable import ErrataPreview

@Suite("Request target")
struct RequestTargetTests {
    @Test(
        "an absolute path is decoded into a site key, with its query apart",
        arguments: [
            ("/", "", nil),
            ("/docs/errors/item/", "docs/errors/item/", nil),
            ("/docs/errors/item?tab=json", "docs/errors/item", "tab=json"),
            ("/caf%C3%A9/%20x.html", "café/ x.html", nil),
            ("/a/..b/c..", "a/..b/c..", nil),
            ("/.well-known/x", ".well-known/x", nil),
            ("/?", "", ""),
            ("/100%25", "100%", nil),
            ("/a%25zz/b%25", "a%zz/b%", nil),
            ("/docs/errors/item/?next=%2F%2Fetc", "docs/errors/item/", "next=%2F%2Fetc"),
        ] as [(String, String, String?)])
    func accepted(target: String, path: String, query: String?) throws {
        let parsed = try RequestTarget(parsing: target)
        #expect(parsed.path == path)
        #expect(parsed.query == query)
    }

    @Test(
        "a target that could leave the site, or is malformed, is refused with the reason",
        arguments: [
            ("/../etc/passwd", "'..' segment"),
            ("/%2e%2e/%2e%2e/etc/passwd", "'..' segment"),
            ("/%2E./x", "'..' segment"),
            ("/.%2e/x", "'..' segment"),
            ("/docs/..%2f..%2fetc/passwd", "'..' segment"),
            ("/docs/errors/..", "'..' segment"),
            ("/./x", "'.' segment"),
            ("/docs/%2e/x", "'.' segment"),
            ("/a%00b", "NUL byte"),
            (#"/a\b"#, "backslash"),
            ("/..%5c..%5cwindows", "backslash"),
            ("/a%zz", "'%'"),
            ("/a%2", "'%'"),
            ("/a%", "'%'"),
            ("/%ff%fe", "not UTF-8"),
            ("/%c0%ae%c0%ae/x", "not UTF-8"),
            ("/docs%2Ferrors%2Fitem", "encoded '/'"),
            ("/%2f%2fetc/passwd", "encoded '/'"),
            ("//etc/passwd", "starts with '//'"),
            ("//", "starts with '//'"),
            ("/%252e%252e/x", "percent-encoded twice"),
            ("/%252fetc", "percent-encoded twice"),
            ("/a%2500b", "percent-encoded twice"),
            ("docs/errors/", "not an absolute path"),
            ("*", "not an absolute path"),
            ("", "not an absolute path"),
        ])
    func refused(target: String, reason: String) {
        #expect {
            try RequestTarget(parsing: target)
        } throws: { error in
            let refusal = error as? RequestTarget.Refusal
            // Reaching outside the site is forbidden; a malformed target is a bad request.
            let outside = ["NUL byte", "backslash", "segment", "encoded", "'//'"].contains { reason.contains($0) }
            return refusal?.status == (outside ? .forbidden : .badRequest) && refusal?.reason.contains(reason) == true
        }
    }

    @Test("a URL longer than 2048 bytes gets 414; one of 2048 is read")
    func length() throws {
        let longest = "/" + String(repeating: "a", count: 2047)
        #expect(try RequestTarget(parsing: longest).path.count == 2047)
        #expect(throws: RequestTarget.Refusal(status: .uriTooLong, reason: "the URL is longer than 2048 bytes")) {
            try RequestTarget(parsing: longest + "a")
        }
    }
}
