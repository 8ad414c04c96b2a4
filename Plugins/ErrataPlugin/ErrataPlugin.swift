import Foundation
import PackagePlugin

/// `swift package errata check|build|serve|new|model …` inside an API's own package.
///
/// When the package's `errata.yml` names `model_product` — an executable of the
/// package that prints its catalog (`print(String(decoding: catalog.jsonData(), as:
/// UTF8.self))`, declared with the ErrataModel library) — the plugin builds and runs it
/// and hands the catalog to errata as `--model`, so the docs are checked against the
/// very values the API's code returns. Everything else is errata's own command line,
/// run in the package's folder.
@main
struct ErrataPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let errata = try context.tool(named: "errata").url
        let folder = context.package.directoryURL
        var arguments = arguments
        if arguments.isEmpty { arguments = ["check"] }
        if let product = try Self.modelProduct(in: folder.appending(path: "errata.yml")), !arguments.contains("--model") {
            let result = try packageManager.build(.product(product), parameters: .init(configuration: .debug, echoLogs: false))
            guard result.succeeded,
                  let executable = result.builtArtifacts.first(where: { $0.kind == .executable })?.url
            else {
                Diagnostics.error("could not build \(product), the product errata.yml names as model_product:\n\(result.logText)")
                throw ExitCode(2)
            }
            let model = context.pluginWorkDirectoryURL.appending(path: "model.json")
            let output = try Self.run(executable, [], in: folder)
            guard output.status == 0 else {
                Diagnostics.error("\(product) (model_product) exited with status \(output.status)")
                throw ExitCode(2)
            }
            try output.stdout.write(to: model)
            // The subcommand comes first; the model goes after it.
            arguments.insert(contentsOf: ["--model", model.path], at: 1)
        }
        let status = try Self.run(errata, arguments, in: folder, passingThrough: true).status
        if status != 0 { throw ExitCode(status) }
    }

    /// The `model_product:` line of errata.yml, if any (a plain `key: value` line).
    static func modelProduct(in projectFile: URL) throws -> String? {
        guard let text = try? String(contentsOf: projectFile, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model_product:") {
            let value = line.dropFirst("model_product:".count).split(separator: "#").first ?? ""
            let name = value.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if !name.isEmpty { return name }
        }
        return nil
    }

    struct Output {
        var status: Int32
        var stdout: Data
    }

    static func run(_ executable: URL, _ arguments: [String], in folder: URL, passingThrough: Bool = false) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        if !passingThrough { process.standardOutput = pipe }
        try process.run()
        let data = passingThrough ? Data() : pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: data)
    }
}

/// A plugin's way to end with errata's exit status.
struct ExitCode: Error, CustomStringConvertible {
    var status: Int32
    init(_ status: Int32) { self.status = status }
    var description: String { "errata exited with status \(status)" }
}
