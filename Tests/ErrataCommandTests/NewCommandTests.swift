import Foundation
import Testing

/// `errata new CODE` on a copy of the real content, with the built-in model written out
/// by `errata model` and one code added to it.
@Suite struct NewCommandTests {
    static let itemPage = "Content/docs/errors/item.md"

    /// A workspace holding a copy of `Content/` and `model.json`: the built-in model
    /// plus `codes`.
    static func workspace(adding codes: [[String: Any]]) throws -> Workspace {
        let workspace = try Workspace()
        try FileManager.default.copyItem(
            at: Workspace.repository.appendingPathComponent("Content"), to: workspace.root.appendingPathComponent("Content"))
        let printed = try workspace.run("model")
        #expect(printed.status == 0)
        var model = try #require(try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any])
        model["codes"] = try #require(model["codes"] as? [Any]) + codes
        try workspace.write("model.json", String(decoding: try JSONSerialization.data(withJSONObject: model), as: UTF8.self))
        return workspace
    }

    /// Every file under `Content/` in the workspace, with its bytes.
    static func snapshot(_ workspace: Workspace) throws -> [String: Data] {
        let folder = workspace.root.appendingPathComponent("Content")
        let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        var files: [String: Data] = [:]
        for path in paths where !path.hasSuffix("/") {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    @Test func addsTheSectionBeforeTheCodeThatFollowsIt() throws {
        let workspace = try Self.workspace(adding: [[
            "code": "INSTANT_MATCH_UNAVAILABLE", "type": "ITEM_ERROR", "http_status": 400,
            "error_message": "Instant Match is not available for this \"Item\"", "display_message": NSNull(),
        ]])
        let before = try Self.snapshot(workspace)

        let result = try workspace.run("new", "INSTANT_MATCH_UNAVAILABLE", "--model", "model.json")

        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "\(Self.itemPage):64: added ### INSTANT_MATCH_UNAVAILABLE\n")
        let after = try Self.snapshot(workspace)
        let old = try #require(before["docs/errors/item.md"])
        let new = try #require(after["docs/errors/item.md"])
        // Line 64 is INSUFFICIENT_CREDENTIALS' heading: the section goes right before it,
        // and every other byte stays where it was.
        let lines = String(decoding: old, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[63] == "### INSUFFICIENT_CREDENTIALS")
        let offset = lines[..<63].reduce(0) { $0 + $1.utf8.count + 1 }
        let section = """
            ### INSTANT_MATCH_UNAVAILABLE

            Describe what the error means and when the API returns it.

            ```json
            // http code 400
            {
             "error_type": "ITEM_ERROR",
             "error_code": "INSTANT_MATCH_UNAVAILABLE",
             "error_message": "Instant Match is not available for this \\"Item\\"",
             "display_message": null,
             "request_id": "HNTDNrA8F1shFEW"
            }
            ```

            #### Common causes

            #### Troubleshooting steps


            """
        #expect(new == old[..<offset] + Data(section.utf8) + old[offset...])
        var others = after
        others["docs/errors/item.md"] = old
        #expect(others == before)

        // The new section is documented, in order, and agrees with the model.
        let check = try workspace.run("check", "--model", "model.json", "--format", "json")
        #expect(check.status == 0, "\(check.stdout)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let aboutTheSection = diagnostics.filter {
            ($0["file"] as? String) == Self.itemPage && (64..<82).contains(($0["line"] as? Int) ?? 0)
        }
        #expect(aboutTheSection.compactMap { $0["rule"] as? String } == ["empty-section", "empty-section"])
        #expect(!diagnostics.contains { ($0["message"] as? String)?.hasPrefix("INSTANT_MATCH_UNAVAILABLE is in the model") == true })
    }

    @Test func saysWhatTheModelDoesNotKnow() throws {
        let workspace = try Self.workspace(adding: [["code": "ITEM_LOCKED", "type": "ITEM_ERROR"]])
        let result = try workspace.run("new", "ITEM_LOCKED", "--model", "model.json")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.first == "\(Self.itemPage):119: added ### ITEM_LOCKED")
        #expect(lines.dropFirst().map { $0.prefix { $0 != " " } } == [
            "\(Self.itemPage):124:", "\(Self.itemPage):128:", "\(Self.itemPage):128:",
        ])
        #expect(lines.dropFirst().allSatisfy { $0.contains(": warning: the model has no ") && $0.hasSuffix("model.json") })
        let page = try String(contentsOfFile: workspace.path(Self.itemPage), encoding: .utf8)
        #expect(page.contains("```json\n// http code NNN\n{\n \"error_type\": \"ITEM_ERROR\",\n \"error_code\": \"ITEM_LOCKED\",\n \"request_id\""))
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var code: String
        /// Whether to pass `--model model.json` rather than use the built-in model.
        var withModelFile = true
        var stderr: String
        var testDescription: String { code }
    }

    static let refusals: [Refusal] = [
        Refusal(
            code: "INSTANT_MATCH_FAILD",
            stderr: "errata: error: unknown error code INSTANT_MATCH_FAILD; add it to the model in model.json first, "
                + "or fix the code — did you mean INSTANT_MATCH_FAILED?\n"),
        Refusal(
            code: "ACCESS_NOT_GRANTED", withModelFile: false,
            stderr: "\(itemPage):9:1: error: ACCESS_NOT_GRANTED is already documented here; edit this section instead\n"),
        Refusal(
            code: "INSTITUTION_NOT_AVAILABLE",
            stderr: "Content/docs/errors/institution.md:65:1: error: INSTITUTION_NOT_AVAILABLE is already documented here; "
                + "edit this section instead\n"),
    ]

    @Test(arguments: refusals)
    func refusesWithStatusOneAndTouchesNothing(_ refusal: Refusal) throws {
        let workspace = try Self.workspace(adding: [])
        let before = try Self.snapshot(workspace)
        let result = refusal.withModelFile
            ? try workspace.run("new", refusal.code, "--model", "model.json")
            : try workspace.run("new", refusal.code)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == refusal.stderr)
        #expect(try Self.snapshot(workspace) == before)
    }

    @Test func usageAndIOFailuresExitWithTwo() throws {
        let workspace = try Workspace()
        let missing = try workspace.run("new", "ACCESS_NOT_GRANTED", "--content", "Nowhere")
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("Nowhere: error: no content folder here"))
        #expect(try workspace.run("new").status == 2)
        #expect(try workspace.run("new", "ACCESS_NOT_GRANTED", "--model", "missing.json").status == 2)
    }

    // MARK: The page's file

    static func itemCode(_ code: String) -> [String: Any] {
        ["code": code, "type": "ITEM_ERROR", "http_status": 400, "error_message": "m", "display_message": NSNull()]
    }

    static func status(_ path: String) throws -> stat {
        var status = stat()
        guard stat(path, &status) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return status
    }

    /// The page is written in place: the same file, with its mode, its owner and its
    /// other names (hard links).
    @Test func keepsThePagesModeOwnerAndHardLinks() throws {
        let workspace = try Self.workspace(adding: [Self.itemCode("ITEM_ARCHIVED")])
        let page = workspace.path(Self.itemPage)
        #expect(chmod(page, 0o640) == 0)
        let isRoot = getuid() == 0
        if isRoot { #expect(chown(page, 65534, 65534) == 0) }
        #expect(link(page, workspace.path("backup.md")) == 0)
        let before = try Self.status(page)

        let result = try workspace.run("new", "ITEM_ARCHIVED", "--model", "model.json")

        #expect(result.status == 0, "\(result.stderr)")
        let after = try Self.status(page)
        #expect(after.st_ino == before.st_ino)
        #expect(after.st_nlink == 2)
        #expect(after.st_mode & 0o7777 == 0o640)
        if isRoot { #expect(after.st_uid == 65534 && after.st_gid == 65534) }
        let text = try String(contentsOfFile: page, encoding: .utf8)
        #expect(text.contains("### ITEM_ARCHIVED\n"))
        #expect(try String(contentsOfFile: workspace.path("backup.md"), encoding: .utf8) == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path("Content/docs/errors")).allSatisfy {
            !$0.hasPrefix(".")
        }, "no temporary file is left behind")
    }

    /// A read-only page is refused (even for root, who could write it), and left as it was.
    @Test func refusesAReadOnlyPage() throws {
        let workspace = try Self.workspace(adding: [Self.itemCode("ITEM_ARCHIVED")])
        let page = workspace.path(Self.itemPage)
        #expect(chmod(page, 0o444) == 0)
        let before = try Self.snapshot(workspace)

        let result = try workspace.run("new", "ITEM_ARCHIVED", "--model", "model.json")

        #expect(result.status == 2)
        #expect(result.stderr == "\(Self.itemPage): error: the page is read-only; make it writable "
            + "(chmod u+w \(Self.itemPage)) and run errata new again\n")
        #expect(try Self.snapshot(workspace) == before)
        #expect(try Self.status(page).st_mode & 0o7777 == 0o444)
    }

    /// Another program appends to the page while `errata new` runs again and again:
    /// every appended line is still there, once, and so is every new section.
    @Test func keepsWhatIsAppendedToThePageWhileItRuns() throws {
        let codes = ["ITEM_ARCHIVED", "ACCESS_BLOCKED", "INVALID_ITEM_STATE", "INSTANT_MATCH_LIMITED", "ZONE_UNAVAILABLE", "ITEM_MOVED"]
        let workspace = try Self.workspace(adding: codes.map(Self.itemCode))
        let page = workspace.path(Self.itemPage)
        let appender = Appender(path: page)
        appender.start()
        var results: [Workspace.Result] = []
        for code in codes {
            results.append(try workspace.run("new", code, "--model", "model.json"))
        }
        let appended = appender.stop()

        #expect(results.map(\.status) == codes.map { _ in 0 }, "\(results.map(\.stderr))")
        #expect(appended > 100, "the appender kept up")
        let text = try String(contentsOfFile: page, encoding: .utf8)
        let notes = text.split(separator: "\n").filter { $0.hasPrefix("<!-- note ") }
        #expect(notes.count == appended)
        #expect(Set(notes).count == appended)
        let missing = (0..<appended).filter { !text.contains("<!-- note \($0) -->\n") }
        #expect(missing.isEmpty, "lost \(missing.count) of \(appended) appended lines")
        for code in codes { #expect(text.components(separatedBy: "### \(code)\n").count == 2, "\(code)") }
    }
}

/// Appends a numbered line to a file, again and again, on a thread of its own, as
/// another program writing to the page would (`O_APPEND`, one write a line).
private final class Appender: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var stopped = false
    private var count = 0
    private let finished = DispatchSemaphore(value: 0)

    init(path: String) {
        self.path = path
    }

    func start() {
        Thread {
            while !self.lock.withLock({ self.stopped }) {
                let descriptor = open(self.path, O_WRONLY | O_APPEND)
                if descriptor >= 0 {
                    let line = Array("\n<!-- note \(self.count) -->\n".utf8)
                    if line.withUnsafeBytes({ write(descriptor, $0.baseAddress!, $0.count) }) == line.count { self.count += 1 }
                    close(descriptor)
                }
                usleep(200)
            }
            self.finished.signal()
        }.start()
    }

    /// Stops, and returns how many lines were appended.
    func stop() -> Int {
        lock.withLock { stopped = true }
        finished.wait()
        return count
    }
}
