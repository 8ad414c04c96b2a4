import ArgumentParser
import ErrataKit
import ErrataPreview
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site, rebuilding and reloading open pages as files change.",
        discussion: """
            Builds the site into memory and serves it. Watches the content and templates \
            folders (and the model file, if given) and rebuilds only what a change affects; \
            open pages reload by themselves, or show the diagnostics when a change breaks the \
            build (the last good site keeps being served). It answers only requests \
            addressed to it (Host: localhost, 127.0.0.1, [::1] or the --host value). \
            Ctrl-C stops it.
            """
    )

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8000

    @Option(help: "The address to listen on; the default serves this machine only.")
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The folder of Markdown pages (default: Content, or the project file's).", valueName: "DIR"))
    var content: String?

    @OptionGroup var templateOptions: TemplateOptions

    @Option(help: ArgumentHelp("A catalog in JSON form to use instead of the built-in model.", valueName: "FILE"))
    var model: String?

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port \(port) is not a port; pass one from 0 to 65535 (0 picks a free one)")
        }
    }

    func run() async throws {
        let project = Project.load()
        try project.requireValid()
        if model == nil, project.file?.model == nil, let product = project.file?.modelProduct {
            Terminal.error("\(ProjectFile.fileName): error: the model is the Swift product \(product) (model_product); "
                + "run `swift package errata serve` in its package, or pass --model FILE")
            throw ExitStatus.usageOrIO.exitCode
        }
        let configuration = LiveSite.Configuration(
            content: project.path(content, \.content, default: "Content"),
            templates: templateOptions.folder(in: project),
            model: project.optionalPath(model, \.model), identity: SiteIdentity(project.file))
        let state = PreviewState()
        let watcher = FileWatcher(roots: [configuration.content] + [configuration.templates, configuration.model].compactMap { $0 })
        let changes = watcher.changes()
        defer { watcher.stop() }
        let server = PreviewServer(state: state, host: host, port: port)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        // The server starts once the first build is served, so no request sees an empty site.
        let (firstBuild, firstBuildDone) = AsyncStream.makeStream(of: Void.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                let site = LiveSite(configuration: configuration)
                var served = Served()
                await Self.apply(Self.timed { site.buildAll() }, to: state, changed: nil, cause: "built", served: &served)
                firstBuildDone.finish()
                for await paths in changes {
                    let names = paths.map { DisplayPath.relative($0) }.sorted().joined(separator: ", ")
                    await Self.apply(
                        Self.timed { site.update(paths) }, to: state, changed: site.changedFiles, cause: "rebuilt after \(names)",
                        served: &served)
                    if ProcessInfo.processInfo.environment["ERRATA_TIMINGS"] != nil { Terminal.error("errata: \(site.timings)") }
                    site.letGoOfReplaced()
                }
            }
            group.addTask {
                for await _ in firstBuild {}
                do {
                    try await server.run { port in
                        Terminal.error("errata: serving http://\(shownHost):\(port)/ — Ctrl-C to stop")
                    }
                } catch let error as ListenError {
                    Terminal.error(error.description)
                    throw ExitStatus.usageOrIO.exitCode
                }
            }
            // The server returns on Ctrl-C (SIGINT) or SIGTERM; then stop watching.
            try await group.next()
            group.cancelAll()
        }
    }

    private static func timed(_ build: () -> LiveSite.Outcome) -> (LiveSite.Outcome, Int) {
        let start = ContinuousClock.now
        let outcome = build()
        let elapsed = ContinuousClock.now - start
        return (outcome, Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
    }

    /// What the terminal has been told: whether a good site was ever served, and the
    /// warnings in force, which are not printed again.
    private struct Served {
        var hasSite = false
        var warnings: Set<Diagnostic> = []
    }

    /// Serves a successful build, or shows a failed one in the terminal and the browser.
    /// `changed` names the files that differ from the last site served, when known.
    private static func apply(
        _ result: (LiveSite.Outcome, Int), to state: PreviewState, changed: Set<String>?, cause: String, served: inout Served
    ) async {
        switch result.0 {
        case .built(let files, let warnings, let parsed, let rendered):
            await state.publish(files, changed: changed)
            Terminal.report(warnings.filter { !served.warnings.contains($0) })
            Terminal.error("errata: \(cause) in \(result.1) ms (\(Terminal.count(parsed, "page")) parsed, "
                + "\(rendered) rendered, \(Terminal.count(warnings.warningCount, "warning")))")
            served = Served(hasSite: true, warnings: Set(warnings))
        case .failed(let diagnostics):
            let lines = SourceLines()
            var sourceLines: [SourceLocation: String] = [:]
            for location in diagnostics.map(\.location) {
                sourceLines[location] = lines.line(location.file, location.line)
            }
            await state.fail(diagnostics, sourceLines: sourceLines)
            Terminal.report(diagnostics)
            Terminal.error("errata: \(cause): build failed with \(Terminal.count(diagnostics.errorCount, "error")); "
                + (served.hasSite
                    ? "still serving the last good site"
                    : "nothing to serve yet; the pages show the errors until a build succeeds"))
            served.warnings = []
        }
    }
}
