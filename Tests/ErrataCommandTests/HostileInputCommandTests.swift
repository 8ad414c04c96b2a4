import Foundation
import Testing

/// The `errata` binary on hostile input: a content error exits with 1 and writes
/// nothing, a content folder that leads outside itself exits with 2, and nothing
/// hangs or crashes.
@Suite struct HostileInputCommandTests {
    static let templates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Templates")

    static let page = "---\ntitle: Item errors\nerror_type: ITEM_ERROR\n---\n\nItem errors.\n"

    /// A 20 MiB page: refused where it passes 10 MiB, the previous site left exactly as
    /// it was, no staging folder left behind.
    @Test func aHugePageFailsTheBuildAndWritesNothing() throws {
        let folder = try Folder()
        try folder.write("Content/docs/errors/item.md", Self.page)
        let line = String(repeating: "x", count: 1023) + "\n"
        try folder.write("Content/docs/errors/huge.md", String(repeating: line, count: 20 * 1024))
        try folder.write("public/.errata-output", "")
        try folder.write("public/index.html", "previous site")

        let result = try folder.run("build", "--templates", Self.templates.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains(
            "Content/docs/errors/huge.md:10241:1: error: the page is 20,971,520 bytes, more than the limit of 10 MiB "
                + "(10,485,760 bytes), which it passes here; split it into smaller pages, such as one per error type [input-limit]"))
        #expect(result.stderr.contains("public/ left unchanged"))
        #expect(try folder.list("public") == [".errata-output", "index.html"])
        #expect(try String(contentsOfFile: folder.path("public/index.html"), encoding: .utf8) == "previous site")
        #expect(try folder.list("") == ["Content", "public"])
    }

    /// The summary counts the page that is refused out (a page over the front matter
    /// limits is still read without its front matter).
    @Test(arguments: [
        ("a 1 MiB line", "# Long\n\n" + String(repeating: "a", count: 1 << 20) + "\n", "3:102401", "the line is 1,048,576 bytes long",
         "1 error, 29 warnings in 1 page"),
        ("10,000 nested quotes", "# Deep\n\n" + String(repeating: "> ", count: 10_000) + "x\n", "3:201",
         "block quotes and list items are nested 101 deep here", "1 error, 29 warnings in 1 page"),
        ("a table bomb", "# Table\n\n|" + String(repeating: "a|", count: 5_000) + "\n|" + String(repeating: "-|", count: 5_000)
            + "\n" + String(repeating: "x\n", count: 2_000), "4:1", "the table has 5,000 columns", "2 errors, 29 warnings in 1 page"),
        ("deep front matter", "---\ntitle: " + String(repeating: "[", count: 10_000) + "\n---\n", "2:23",
         "the front matter is nested 17 levels deep here", "1 error, 29 warnings in 2 pages"),
    ])
    func aHostilePageFailsTheCheckQuickly(
        _ name: String, _ text: String, _ position: String, _ message: String, _ summary: String
    ) throws {
        let folder = try Folder()
        try folder.write("Content/docs/errors/item.md", Self.page)
        try folder.write("Content/docs/errors/hostile.md", text)
        let start = ContinuousClock.now
        let result = try folder.run("check")
        #expect(ContinuousClock.now - start < .seconds(20), "\(name)")
        #expect(result.status == 1, "\(name): \(result.stderr)")
        #expect(result.stdout.contains("Content/docs/errors/hostile.md:\(position): error: \(message)"), "\(name): \(result.stdout)")
        #expect(result.stdout.hasSuffix(summary + "\n"), "\(name): \(result.stdout.suffix(200))")
    }

    /// A link out of the content folder is an I/O failure of the folder (exit status
    /// 2) for `check` and `build` alike, and nothing outside is read or written.
    @Test(arguments: ["check", "build"])
    func aLinkOutOfTheContentFolderExitsWithTwo(_ command: String) throws {
        let folder = try Folder()
        try folder.write("Content/docs/errors/item.md", Self.page)
        try folder.write("outside/secret.md", "# Secret\n")
        try folder.link("Content/docs/errors/secret.md", to: "../../../outside/secret.md")
        let result = command == "build" ? try folder.run(command, "--templates", Self.templates.path) : try folder.run(command)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "Content/docs/errors/secret.md: error: the link leads to outside/secret.md, "
            + "outside the content folder Content; Errata reads no page from outside it, so move or copy the page into "
            + "the content folder, or remove the link\n")
        #expect(try folder.list("") == ["Content", "outside"])
    }

    /// A pipe named like a page is refused at once instead of blocking the build.
    @Test func aPipeNamedLikeAPageDoesNotHang() throws {
        let folder = try Folder()
        try folder.write("Content/item.md", Self.page)
        #expect(mkfifo(folder.path("Content/pipe.md"), 0o644) == 0)
        let result = try folder.run("check")
        #expect(result.status == 2)
        #expect(result.stderr == "Content/pipe.md: error: is not a regular file; a page must be a plain .md file, not a "
            + "pipe, socket or device\n")
    }

    /// A model code that is a path would put its short address outside the site: the
    /// build refuses it and writes nothing, there or anywhere.
    @Test func aModelCodeThatIsAPathFailsTheBuild() throws {
        let folder = try Folder()
        try folder.write("Content/docs/errors/item.md", Self.page)
        try folder.write("model.json", """
            {"types": [{"id": "ITEM_ERROR", "title": "Item errors", "slug": "item", "description": "Items."}],
             "codes": [{"code": "../../../../escaped", "type": "ITEM_ERROR", "http_status": 400,
                        "error_message": "m", "display_message": null}]}
            """)
        let result = try folder.run("build", "--model", "model.json", "--templates", Self.templates.path, "--output", "site/public")
        #expect(result.status == 1)
        #expect(result.stderr.contains("model.json:2:21: error: the model's code \"../../../../escaped\" has '/', so it "
            + "cannot name the folder of its short address (…/<CODE>/); give it a name of capital letters, digits and "
            + "underscores [page-address]"))
        #expect(try folder.list("") == ["Content", "model.json"])
    }

    @Test func aLayoutThatIsAPathFailsTheCheck() throws {
        let folder = try Folder()
        try folder.write("Content/item.md", "---\ntitle: Item errors\nlayout: ../../../etc/passwd\n---\n\nText.\n")
        let result = try folder.run("check")
        #expect(result.status == 1)
        #expect(result.stdout.contains("Content/item.md:3:9: error: layout \"../../../etc/passwd\" is not a template name; "
            + "give the name of a .mustache file of the templates folder without its extension, such as page or list [front-matter]"))
    }
}

/// A temporary working directory, removed when the value goes away, and the
/// `errata` binary run in it with a time limit.
private final class Folder {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("errata-hostile-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func link(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: destination)
    }

    /// The names in a folder, sorted, hidden ones included.
    func list(_ relative: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(relative)).sorted()
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `errata` binary SwiftPM built beside the test bundle.
    static var binary: URL {
        let bundle = Bundle.main.bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("errata") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `errata` with `arguments` here; one that runs longer than `limit` is
    /// stopped, and the test fails on its status.
    func run(_ arguments: String..., limit: Duration = .seconds(60)) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let identifier = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(identifier, SIGKILL) }
        let seconds = Double(limit.components.seconds)
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: watchdog)
        // Read both pipes before waiting, so a full pipe cannot stall the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
