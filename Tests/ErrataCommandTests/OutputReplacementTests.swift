import Foundation
import Testing

/// How `errata build` puts a new site in the output's place: through a symbolic link,
/// in one step while a reader keeps reading, after a build killed mid-swap, when the old
/// site cannot be deleted, and with every input out of the output's reach.
@Suite struct OutputReplacementTests {
    /// A workspace holding a copy of the real content and templates.
    private static func realSite() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.copyTemplates()
        try FileManager.default.copyItem(
            at: Workspace.repository.appendingPathComponent("Content"), to: workspace.root.appendingPathComponent("Content"))
        return workspace
    }

    /// Every file under `folder` with its bytes, by path.
    private static func snapshot(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder)?.allObjects ?? [] {
            var isFolder: ObjCBool = false
            let full = folder + "/" + path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = FileManager.default.contents(atPath: full)
            }
        }
        return files
    }

    private static func entries(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    private static func changeTheOverview(_ workspace: Workspace, to lead: String) throws {
        let path = workspace.path("Content/docs/errors/_index.md")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try workspace.write("Content/docs/errors/_index.md", text + "\n\(lead)\n")
    }

    /// The id of a process that has ended.
    private static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func aSymlinkedOutputStaysALinkAndTheFolderItLeadsToGetsTheNewSite() throws {
        let workspace = try Self.realSite()
        let first = try workspace.run("build", "--output", "www/site")
        #expect(first.status == 0, "\(first.stderr)")
        try FileManager.default.createSymbolicLink(atPath: workspace.path("public"), withDestinationPath: workspace.path("www/site"))
        try Self.changeTheOverview(workspace, to: "A lead written after the first build.")

        let second = try workspace.run("build")
        #expect(second.status == 0, "\(second.stderr)")
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: workspace.path("public"))
        #expect(link == workspace.path("www/site"))
        let overview = try String(contentsOfFile: workspace.path("www/site/docs/errors/index.html"), encoding: .utf8)
        #expect(overview.contains("A lead written after the first build."))
        #expect(Self.snapshot(workspace.path("www/site")).count > 20)
        // Staged beside the link's target and cleaned up there; nothing left beside the link.
        #expect(try Self.entries(workspace.path("www")) == ["site"])
        #expect(try Self.entries(workspace.root.path).filter { $0.hasPrefix(".public") } == [])
    }

    @Test func aSymlinkedOutputThatLeadsNowhereIsRefused() throws {
        let workspace = try Self.realSite()
        try FileManager.default.createSymbolicLink(atPath: workspace.path("public"), withDestinationPath: workspace.path("gone/site"))
        let result = try workspace.run("build")
        #expect(result.status == 2)
        #expect(result.stderr.contains("public: error: the output is a symbolic link to \(workspace.path("gone/site")), which does not exist; "
            + "create that folder, or remove the link and build again"), "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: workspace.path("public")) == workspace.path("gone/site"))
        #expect(!FileManager.default.fileExists(atPath: workspace.path("gone")))
    }

    @Test func aLinkToAProtectedFolderIsStillRefused() throws {
        let workspace = try Self.realSite()
        try FileManager.default.createSymbolicLink(atPath: workspace.path("public"), withDestinationPath: workspace.path("Templates"))
        let result = try workspace.run("build")
        #expect(result.status == 2)
        #expect(result.stderr.contains("refusing to use this as the output folder: it is the templates folder"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: workspace.path("Templates/base.mustache")))
    }

    @Test(arguments: ["public/model.json", "public/nested/model.json", "public"])
    func anOutputThatHoldsOrIsTheModelFileIsRefusedBeforeAnyWork(model: String) throws {
        let workspace = try Self.realSite()
        #expect(try workspace.run("build").status == 0)
        let printed = try workspace.run("model")
        #expect(printed.status == 0)
        let modelPath = model == "public" ? "model.json" : model
        try workspace.write(modelPath, printed.stdout)
        let output = model == "public" ? "model.json" : "public"
        let before = Self.snapshot(workspace.path("public")).filter { !$0.key.hasSuffix("model.json") }

        let result = try workspace.run("build", "--model", modelPath, "--output", output)
        #expect(result.status == 2, "\(result.stderr)")
        let reason = model == "public" ? "it is the model file" : "it holds the model file, \(modelPath)"
        #expect(result.stderr.contains("error: refusing to use this as the output folder: \(reason)"), "\(result.stderr)")
        #expect(!result.stderr.contains("page"), "no work is done: \(result.stderr)")
        #expect(try String(contentsOfFile: workspace.path(modelPath), encoding: .utf8) == printed.stdout)
        #expect(Self.snapshot(workspace.path("public")).filter { !$0.key.hasSuffix("model.json") } == before)
    }

    @Test func aReaderNeverFindsTheOutputMissingWhileBuildsReplaceIt() throws {
        let workspace = try Self.realSite()
        #expect(try workspace.run("build").status == 0)
        let page = workspace.path("public/docs/errors/index.html")
        let stop = Flag(), misses = Counter(), reads = Counter()
        let reader = Thread {
            while !stop.isSet {
                let descriptor = open(page, O_RDONLY)
                if descriptor < 0 { misses.add() } else { close(descriptor) }
                reads.add()
            }
        }
        reader.start()
        var statuses: [Int32] = []
        for round in 0..<25 {
            try Self.changeTheOverview(workspace, to: "Round \(round).")
            statuses.append(try workspace.run("build").status)
        }
        stop.set()
        while !reader.isFinished { usleep(1_000) }
        #expect(statuses.allSatisfy { $0 == 0 })
        #expect(reads.value > 1_000)
        #expect(misses.value == 0, "\(misses.value) of \(reads.value) reads found no page")
        #expect(try Self.entries(workspace.root.path).filter { $0.hasPrefix(".public") } == [])
    }

    @Test func aPreviousSiteLeftByABuildKilledMidSwapIsRestoredWhenTheOutputIsMissing() throws {
        let workspace = try Self.realSite()
        #expect(try workspace.run("build").status == 0)
        let before = Self.snapshot(workspace.path("public"))
        // What a build killed between the two renames of a file system that cannot exchange leaves.
        let orphan = ".public.old-\(try Self.deadProcessID())"
        try FileManager.default.moveItem(atPath: workspace.path("public"), toPath: workspace.path(orphan))
        try workspace.write("Content/docs/errors/item.md", "---\ntitle: Item errors\nerror_type: ITEM_ERROR\n---\n\n### NOT_A_CODE\n\nText.\n")

        let failed = try workspace.run("build")
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(failed.stderr.contains("public: warning: restored the previous site from \(orphan), "
            + "left by a build that was stopped while it replaced the output"), "\(failed.stderr)")
        #expect(Self.snapshot(workspace.path("public")) == before)
        #expect(try Self.entries(workspace.root.path).filter { $0.hasPrefix(".public") } == [])
    }

    @Test func aPreviousSiteThatCannotBeDeletedIsNamedInAWarning() throws {
        let workspace = try Self.realSite()
        #expect(try workspace.run("build").status == 0)
        let stuck = workspace.path("public/docs/errors/item/index.html")
        try Self.makeUndeletable(stuck)
        defer { Self.unlock(workspace) }
        try Self.changeTheOverview(workspace, to: "A new lead.")

        let result = try workspace.run("build")
        #expect(result.status == 0, "\(result.stderr)")
        let leftovers = try Self.entries(workspace.root.path).filter { $0.hasPrefix(".public.old-") }
        #expect(leftovers.count == 1)
        let left = leftovers.first ?? "?"
        #expect(result.stderr.contains("public: warning: the previous site is left in \(left): cannot delete "), "\(result.stderr)")
        #expect(result.stderr.contains("make it writable and remove it (chmod -R u+w '\(left)' && rm -rf '\(left)')"), "\(result.stderr)")
        #expect(try String(contentsOfFile: workspace.path("public/docs/errors/index.html"), encoding: .utf8).contains("A new lead."))

        // The next build says so again while it is there, and removes it once it can.
        let again = try workspace.run("build")
        #expect(again.status == 0)
        #expect(again.stderr.contains("the previous site is left in \(left)"), "\(again.stderr)")
        Self.unlock(workspace)
        let clean = try workspace.run("build")
        #expect(clean.status == 0)
        #expect(!clean.stderr.contains("warning: the previous site"), "\(clean.stderr)")
        #expect(try Self.entries(workspace.root.path).filter { $0.hasPrefix(".public") } == [])
    }

    /// Makes `file` impossible to delete: immutable for root (who ignores permissions), a
    /// read-only folder for anyone else.
    private static func makeUndeletable(_ file: String) throws {
        if getuid() == 0 {
            let chattr = Process()
            chattr.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            chattr.arguments = ["chattr", "+i", file]
            try chattr.run()
            chattr.waitUntilExit()
            try #require(chattr.terminationStatus == 0, "chattr +i is needed to make a file root cannot delete")
            return
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: (file as NSString).deletingLastPathComponent)
    }

    /// Undoes ``makeUndeletable(_:)`` for everything in `workspace`, wherever the file has moved.
    private static func unlock(_ workspace: Workspace) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "chattr -R -i \"$0\" 2>/dev/null; chmod -R u+w \"$0\"; true", workspace.root.path]
        try? process.run()
        process.waitUntilExit()
    }

    @Test func aMountPointAsTheOutputIsRefusedWithTheReason() throws {
        var shm = stat(), dev = stat()
        guard stat("/dev/shm", &shm) == 0, stat("/dev", &dev) == 0, shm.st_dev != dev.st_dev else { return }
        let workspace = try Self.realSite()
        let result = try workspace.run("build", "--output", "/dev/shm")
        #expect(result.status == 2)
        #expect(result.stderr.contains("/dev/shm: error: the output folder is a mount point, so a build cannot replace it in one step; "
            + "pass a folder inside it as --output (/dev/shm/site) and serve that, or unmount it"), "\(result.stderr)")
    }

    @Test func fiveBuildsAtOnceEndWithOneWholeSite() throws {
        let workspace = try Self.realSite()
        #expect(try workspace.run("build", "--output", "reference").status == 0)
        let reference = Self.snapshot(workspace.path("reference"))
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 5) { _ in
            if let result = try? workspace.run("build") { results.append(result) }
        }
        #expect(results.all.count == 5)
        for result in results.all {
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(Self.snapshot(workspace.path("public")) == reference)
        #expect(try Self.entries(workspace.root.path).filter { $0.hasPrefix(".public") } == [])
    }
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}

private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Workspace.Result] = []
    var all: [Workspace.Result] { lock.withLock { results } }
    func append(_ result: Workspace.Result) { lock.withLock { results.append(result) } }
}
