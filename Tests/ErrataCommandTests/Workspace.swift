import Foundation

/// A temporary working directory to run the `errata` binary in.
struct Workspace {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `errata` binary SwiftPM built beside the test bundle.
    static var binary: URL {
        let bundle = Bundle.main.bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("errata") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    let root: URL

    /// A workspace at `root`, which must exist (a sub-folder of another, say).
    init(root: URL) {
        self.root = root
    }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("errata-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// A workspace with the project's templates and a `model.json` of one type and one
    /// code of it (its display message `null`).
    static func withOneCode(
        type: String, title: String, slug: String, description: String, code: String, status: Int, message: String
    ) throws -> Workspace {
        let workspace = try Workspace()
        try workspace.copyTemplates()
        try workspace.write("model.json", """
            {"types": [{"id": "\(type)", "title": "\(title)", "slug": "\(slug)", "description": "\(description)"}],
             "codes": [{"code": "\(code)", "type": "\(type)", "http_status": \(status),
                        "error_message": "\(message)", "display_message": null}]}
            """)
        return workspace
    }

    func copyTemplates() throws {
        try FileManager.default.copyItem(
            at: Self.repository.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `errata` with `arguments` in the workspace and waits for it.
    func run(_ arguments: String...) throws -> Result {
        try run(arguments)
    }

    /// Runs `errata` with `arguments`, and `environment` added to this process's, and waits.
    func run(environment: [String: String] = [:], _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a full pipe cannot stall the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
