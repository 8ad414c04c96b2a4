import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Testing

@testable import ErrataPreview

/// The server over real HTTP: resolution, headers, conditional GET, methods.
@Suite("Preview server")
struct PreviewServerTests {
    @Test("a folder's address serves its index.html, with the live-reload script")
    func folderServesIndex() async throws {
        try await TestServer.with { server in
            let reply = try await server.request("/docs/errors/item/")
            #expect(reply.status == .ok)
            #expect(reply.header("Content-Type") == "text/html; charset=utf-8")
            #expect(reply.header("Cache-Control") == "no-cache")
            #expect(reply.header("Content-Length") == String(reply.body.count))
            #expect(reply.text.contains("<h1>Item errors</h1>"))
            #expect(reply.text.contains(#"<script src="/__errata/live.js"></script></body>"#))
        }
    }

    @Test("the root serves the site's index.html")
    func rootServesIndex() async throws {
        try await TestServer.with { server in
            let reply = try await server.request("/")
            #expect(reply.status == .ok)
            #expect(reply.text.contains("<h1>Home</h1>"))
        }
    }

    @Test("an exact file is served as it is")
    func exactFile() async throws {
        try await TestServer.with { server in
            let reply = try await server.request("/docs/errors/item/index.html")
            #expect(reply.status == .ok)
            #expect(reply.text.contains("<h1>Item errors</h1>"))
        }
    }

    @Test("a folder without its slash is redirected to it, keeping the query")
    func folderWithoutSlashRedirects() async throws {
        try await TestServer.with { server in
            let reply = try await server.request("/docs/errors/item?tab=json&x=%20")
            #expect(reply.status == .movedPermanently)
            #expect(reply.header("Location") == "/docs/errors/item/?tab=json&x=%20")
            let plain = try await server.request("/docs/errors")
            #expect(plain.status == .movedPermanently)
            #expect(plain.header("Location") == "/docs/errors/")
        }
    }

    @Test(
        "files are served with the type of their extension",
        arguments: [
            ("/assets/style.css", "text/css; charset=utf-8"),
            ("/assets/app.js", "text/javascript; charset=utf-8"),
            ("/assets/logo.png", "image/png"),
            ("/search.json", "application/json; charset=utf-8"),
            ("/__errata/live.js", "text/javascript; charset=utf-8"),
        ])
    func contentTypes(target: String, type: String) async throws {
        try await TestServer.with { server in
            let reply = try await server.request(target)
            #expect(reply.status == .ok)
            #expect(reply.header("Content-Type") == type)
        }
    }

    @Test("a stylesheet is served byte for byte, without the script, even when it mentions </body>")
    func cssIsNotInjected() async throws {
        try await TestServer.with { server in
            let reply = try await server.request("/assets/style.css")
            #expect(reply.body == TestSite.files["assets/style.css"])
            #expect(!reply.text.contains("live.js"))
        }
    }

    @Test("HEAD sends the headers of GET and no body")
    func headHasHeadersOnly() async throws {
        try await TestServer.with { server in
            let get = try await server.request("/docs/errors/")
            let head = try await server.request("/docs/errors/", method: .HEAD)
            #expect(head.status == .ok)
            #expect(head.body.isEmpty)
            for name in ["Content-Type", "Content-Length", "ETag", "Cache-Control"] {
                #expect(head.header(name) != nil, "\(name)")
                #expect(head.header(name) == get.header(name), "\(name)")
            }
            #expect(head.header("Content-Length") == String(get.body.count))
        }
    }

    @Test("If-None-Match with the file's ETag, alone, in a list, weak or *, gets 304 with no body")
    func conditionalGet() async throws {
        try await TestServer.with { server in
            let first = try await server.request("/docs/errors/item/")
            let eTag = try #require(first.header("ETag"))
            #expect(eTag.hasPrefix("\"") && eTag.hasSuffix("\"") && eTag.count > 2)
            #expect(eTag == EntityTag(of: first.body).description)
            for condition in [eTag, #""stale", \#(eTag)"#, "W/\(eTag)", "*"] {
                let reply = try await server.request("/docs/errors/item/", headers: [("If-None-Match", condition)])
                #expect(reply.status == .notModified, "\(condition)")
                #expect(reply.body.isEmpty)
                #expect(reply.header("ETag") == eTag)
            }
            let stale = try await server.request("/docs/errors/item/", headers: [("If-None-Match", #""stale""#)])
            #expect(stale.status == .ok)
            #expect(stale.body == first.body)
        }
    }

    @Test("the ETag stays while the bytes do, and changes with them")
    func eTagFollowsContent() async throws {
        try await TestServer.with { server in
            let before = try await server.request("/assets/style.css")
            var files = TestSite.files
            await server.state.publish(files)
            let same = try await server.request("/assets/style.css")
            #expect(same.header("ETag") == before.header("ETag"))
            files["assets/style.css"] = Array("body { color: #456; }\n".utf8)
            await server.state.publish(files)
            let changed = try await server.request("/assets/style.css", headers: [("If-None-Match", before.header("ETag") ?? "")])
            #expect(changed.status == .ok)
            #expect(changed.header("ETag") != before.header("ETag"))
            #expect(changed.text == "body { color: #456; }\n")
        }
    }

    @Test("a missing page gets the site's 404.html with status 404")
    func siteNotFoundPage() async throws {
        try await TestServer.with { server in
            let reply = try await server.request("/docs/errors/nothing-here/")
            #expect(reply.status == .notFound)
            #expect(reply.header("Content-Type") == "text/html; charset=utf-8")
            #expect(reply.text.contains("<h1>Lost</h1>"))
            #expect(reply.text.contains(LiveReload.scriptTag))
            let head = try await server.request("/missing.css", method: .HEAD)
            #expect(head.status == .notFound)
            #expect(head.body.isEmpty)
        }
    }

    @Test("without a 404.html, a missing page gets a plain 404 page")
    func fallbackNotFoundPage() async throws {
        var files = TestSite.files
        files["404.html"] = nil
        try await TestServer.with(files: files) { server in
            let reply = try await server.request("/nothing")
            #expect(reply.status == .notFound)
            #expect(reply.header("Content-Type") == "text/html; charset=utf-8")
            #expect(reply.text.contains("Page not found"))
        }
    }

    @Test("methods other than GET and HEAD get 405 with Allow", arguments: [HTTPMethod.POST, .PUT, .DELETE, .OPTIONS])
    func otherMethodsAreRefused(method: HTTPMethod) async throws {
        try await TestServer.with { server in
            let reply = try await server.request("/docs/errors/", method: method)
            #expect(reply.status == .methodNotAllowed)
            #expect(reply.header("Allow") == "GET, HEAD")
        }
    }

    @Test("before the first publish, every page says the site is being built, and reloads with it")
    func beforeFirstPublish() async throws {
        try await TestServer.with(files: nil) { server in
            let reply = try await server.request("/docs/errors/")
            #expect(reply.status == .serviceUnavailable)
            #expect(reply.header("Retry-After") == "1")
            #expect(reply.text.contains("Building the site"))
            #expect(reply.text.contains(LiveReload.scriptTag))
            await server.state.publish(TestSite.files)
            #expect(try await server.request("/docs/errors/").status == .ok)
        }
    }

    @Test("a publish replaces the whole site at once")
    func publishSwapsTheSite() async throws {
        try await TestServer.with { server in
            await server.state.publish(["docs/errors/index.html": TestSite.page("Rebuilt")])
            let page = try await server.request("/docs/errors/")
            #expect(page.text.contains("<h1>Rebuilt</h1>"))
            let gone = try await server.request("/assets/style.css")
            #expect(gone.status == .notFound)
        }
    }
}
