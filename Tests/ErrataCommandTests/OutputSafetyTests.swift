import Foundation
import Testing

/// `errata build` never loses the previous site and never deletes what is not its own:
/// failed, interrupted, killed and disk-full builds, output folders it must refuse, and
/// output that does not depend on threads or file order.
@Suite struct OutputSafetyTests {
    /// A workspace with a generated site big enough that writing it takes a while.
    private static func largeSite(codes: Int = 3000) throws -> Workspace {
        let workspace = try Workspace()
        try workspace.copyTemplates()
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", Workspace.repository.appendingPathComponent("Benchmarks/generate-corpus.py").path,
                               "--codes", String(codes), "--out", workspace.root.path]
        try generator.run()
        generator.waitUntilExit()
        #expect(generator.terminationStatus == 0)
        return workspace
    }

    private static let buildArguments = ["build", "--model", "model.json"]

    /// Every file under `folder` with its bytes, by path; the output marker included.
    private static func snapshot(_ folder: String) -> [String: Data] {
        let paths = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []
        var files: [String: Data] = [:]
        for path in paths {
            var isFolder: ObjCBool = false
            let full = folder + "/" + path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = FileManager.default.contents(atPath: full)
            }
        }
        return files
    }

    /// The names beside `public/` that a build uses while it works.
    private static func leftovers(in workspace: Workspace) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: workspace.root.path).filter { $0.hasPrefix(".public.") }
    }

    /// Starts a build, waits until it is writing its staging folder, then sends `signal`.
    private static func interruptWhileWriting(_ workspace: Workspace, with signalNumber: Int32) throws -> Process {
        let process = Process()
        process.executableURL = Workspace.binary
        process.arguments = buildArguments
        process.currentDirectoryURL = workspace.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let staging = workspace.path(".public.staging-\(process.processIdentifier)")
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline {
            // Wait for the staging folder to hold some pages, so the build is mid-write.
            if (FileManager.default.enumerator(atPath: staging)?.allObjects.count ?? 0) > 200 { break }
            usleep(2_000)
        }
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        return process
    }

    /// A large site built once, its snapshot, and then a change to its content.
    private static func builtSiteWithAChange() throws -> (Workspace, [String: Data]) {
        let workspace = try largeSite()
        #expect(try workspace.run(buildArguments).status == 0)
        let before = snapshot(workspace.path("public"))
        try workspace.write("Content/docs/errors/_index.md", "---\ntitle: Changed\n---\n\nA new lead.\n")
        return (workspace, before)
    }

    @Test func anInterruptedBuildLeavesThePreviousSiteAndNoStagingFolder() throws {
        let (workspace, before) = try Self.builtSiteWithAChange()
        let process = try Self.interruptWhileWriting(workspace, with: SIGINT)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        #expect(Self.snapshot(workspace.path("public")) == before)
        #expect(try Self.leftovers(in: workspace) == [])
    }

    @Test func aKilledBuildLeavesThePreviousSiteAndTheNextBuildClearsUp() throws {
        let (workspace, before) = try Self.builtSiteWithAChange()
        let process = try Self.interruptWhileWriting(workspace, with: SIGKILL)
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(Self.snapshot(workspace.path("public")) == before)
        #expect(try Self.leftovers(in: workspace).count == 1)  // the dead build's staging folder
        #expect(try workspace.run(Self.buildArguments).status == 0)
        #expect(try Self.leftovers(in: workspace) == [])
        #expect(try String(contentsOfFile: workspace.path("public/docs/errors/index.html"), encoding: .utf8).contains("A new lead."))
    }

    /// Builds in `workspace` with a file-size limit of 64 blocks, which makes writing a
    /// file larger than that fail with EFBIG, as a full disk fails with ENOSPC.
    private static func buildOnAFullDisk(_ workspace: Workspace) throws -> (status: Int32, stderr: String) {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "trap '' XFSZ; ulimit -f 64; exec \"$0\" \"$@\"", Workspace.binary.path] + Self.buildArguments
        shell.currentDirectoryURL = workspace.root
        let err = Pipe()
        shell.standardError = err
        shell.standardOutput = FileHandle.nullDevice
        try shell.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        return (shell.terminationStatus, stderr)
    }

    @Test func aFullDiskFailsTheBuildAndLeavesThePreviousSite() throws {
        let (workspace, before) = try Self.builtSiteWithAChange()
        let (status, stderr) = try Self.buildOnAFullDisk(workspace)
        #expect(status == 2, "\(stderr)")
        #expect(stderr.contains("public: error: cannot write the site: "), "\(stderr)")
        #expect(stderr.contains("File too large"), "\(stderr)")
        #expect(Self.snapshot(workspace.path("public")) == before)
        #expect(try Self.leftovers(in: workspace) == [])
    }

    /// A page is written into its file as it is rendered: the disk filling up partway
    /// through one fails the build the same way.
    @Test func aFullDiskWhileAPageIsWrittenFailsTheBuildAndLeavesThePreviousSite() throws {
        let workspace = try Workspace.withOneCode(
            type: "ITEM_ERROR", title: "Item errors", slug: "item", description: "Occur when an Item fails.",
            code: "ITEM_LOCKED", status: 400, message: "the item is locked")
        // One code whose description makes its page larger than every other file of the site.
        let paragraphs = (1...12_000).map { "Paragraph \($0) of why the item is locked, and what unlocks it." }
        try workspace.write("Content/docs/errors/item.md", """
            ---
            title: Item errors
            error_type: ITEM_ERROR
            ---

            ### ITEM_LOCKED

            \(paragraphs.joined(separator: "\n\n"))

            """)
        #expect(try workspace.run(Self.buildArguments).status == 0)
        let before = Self.snapshot(workspace.path("public"))
        let page = try #require(before["docs/errors/item/index.html"])
        #expect(page.count > 3 * (1 << 18), "the page is written in several runs")
        try workspace.write("Content/docs/errors/item.md", try String(contentsOfFile: workspace.path("Content/docs/errors/item.md"), encoding: .utf8) + "\nOne more line.\n")
        let (status, stderr) = try Self.buildOnAFullDisk(workspace)
        #expect(status == 2, "\(stderr)")
        #expect(stderr.contains("public: error: cannot write the site: cannot write "), "\(stderr)")
        #expect(stderr.contains("docs/errors/item/index.html: File too large"), "\(stderr)")
        #expect(Self.snapshot(workspace.path("public")) == before)
        #expect(try Self.leftovers(in: workspace) == [])
    }

    @Test(arguments: [
        (".", "it is the folder errata runs in"),
        ("/", "it is the root of the file system"),
        ("Content", "it is the content folder"),
        ("Content/docs", "it is inside the content folder, Content"),
        ("Templates", "it is the templates folder"),
        ("link", "it is the content folder"),
    ])
    func refusesAnOutputFolderItMustNotReplace(output: String, reason: String) throws {
        let workspace = try Workspace()
        try workspace.copyTemplates()
        try workspace.write("Content/docs/errors/_index.md", "---\ntitle: Errors\n---\n\nLead.\n")
        // A symbolic link does not get around the rules.
        try FileManager.default.createSymbolicLink(atPath: workspace.path("link"), withDestinationPath: workspace.path("Content"))
        let result = try workspace.run("build", "--output", output)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("error: refusing to use this as the output folder: \(reason)"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: workspace.path("Content/docs/errors/_index.md")))
        #expect(FileManager.default.fileExists(atPath: workspace.path("Templates/base.mustache")))
    }

    @Test func refusesTheHomeFolderAndARepositoryRoot() throws {
        let workspace = try Workspace()
        try workspace.copyTemplates()
        try workspace.write("Content/docs/errors/_index.md", "---\ntitle: Errors\n---\n\nLead.\n")
        let home = try workspace.run("build", "--output", NSHomeDirectory())
        #expect(home.status == 2)
        #expect(home.stderr.contains("refusing to use this as the output folder: it is the home folder"), "\(home.stderr)")
        try workspace.write("checkout/.git/HEAD", "ref: refs/heads/main\n")
        let repository = try workspace.run("build", "--output", "checkout")
        #expect(repository.status == 2)
        #expect(repository.stderr.contains("it is the root of a repository (it holds .git)"), "\(repository.stderr)")
        #expect(FileManager.default.fileExists(atPath: workspace.path("checkout/.git/HEAD")))
    }

    @Test func theOutputDoesNotDependOnThreadsOrFileOrder() throws {
        let workspace = try Self.largeSite(codes: 400)
        #expect(try workspace.run(Self.buildArguments + ["--output", "parallel"]).status == 0)
        #expect(try workspace.run(environment: ["ERRATA_THREADS": "1"], Self.buildArguments + ["--output", "serial"]).status == 0)
        let parallel = Self.snapshot(workspace.path("parallel"))
        #expect(parallel.count > 400)
        #expect(Self.snapshot(workspace.path("serial")) == parallel)

        // The same pages written to disk in the opposite order.
        let reordered = try Workspace()
        try reordered.copyTemplates()
        let pages = try FileManager.default.contentsOfDirectory(atPath: workspace.path("Content/docs/errors")).sorted().reversed()
        for page in pages {
            try reordered.write("Content/docs/errors/\(page)", try String(contentsOfFile: workspace.path("Content/docs/errors/\(page)"), encoding: .utf8))
        }
        try FileManager.default.copyItem(atPath: workspace.path("model.json"), toPath: reordered.path("model.json"))
        #expect(try reordered.run(Self.buildArguments + ["--output", "parallel"]).status == 0)
        #expect(Self.snapshot(reordered.path("parallel")) == parallel)
    }
}
